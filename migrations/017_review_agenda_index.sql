-- Scheduling a review reads the open cases of its agencies' advisors under its convention
-- (reviewRepository.casesForAgenda), advisor by advisor: this index finds them by both keys at
-- once, so that the read follows an agency's portfolios (about 70 cases per advisor) and never
-- walks the convention's cases (100 000 at national scale), whatever the planner's statistics.
CREATE INDEX support_cases_agenda_idx ON support_cases (advisor_id, convention_id) WHERE status NOT IN ('exited','refused');
