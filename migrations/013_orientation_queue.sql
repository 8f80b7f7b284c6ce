-- « Orientations à attribuer »: the open cases before entry whose France Travail side (no advisor)
-- or social side (no social worker) is still to be taken up, oldest orientation first. Partial
-- indexes keep each side's queue small however many cases run.
CREATE INDEX support_cases_advisor_to_take_up_idx ON support_cases (convention_id, oriented_on)
  WHERE advisor_id IS NULL AND status IN ('oriented','diagnosed','awaiting_entry');
CREATE INDEX support_cases_social_worker_to_take_up_idx ON support_cases (convention_id, oriented_on)
  WHERE social_worker_id IS NULL AND status IN ('oriented','diagnosed','awaiting_entry');
