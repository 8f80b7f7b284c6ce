-- Rights requests that act (issue 12, ADR 0031): an erasure (or an accepted objection) deletes the
-- person through the contexts' own functions, as a purge does for one person, and the audit trail
-- names what it deleted through purged_subjects — now caused either by a purge (journal_id) or by
-- the answered request (rights_request_id). What was erased is kept on the request as counts per
-- category, never a name. A limitation (art. 18) is a period on the person, lifted by the DPO.

ALTER TABLE purged_subjects ALTER COLUMN journal_id DROP NOT NULL;
ALTER TABLE purged_subjects ADD COLUMN rights_request_id uuid REFERENCES rights_requests(id);
ALTER TABLE purged_subjects ADD CONSTRAINT purged_subjects_one_cause CHECK ((journal_id IS NULL) <> (rights_request_id IS NULL));

-- {"people": 1, "cases": 2, "notes": 5, "listRows": 1, …}: what the erasure removed, in numbers.
ALTER TABLE rights_requests ADD COLUMN erased_counts jsonb;

-- While a limitation is in force (lifted_on IS NULL) the support context keeps the person out of
-- searches and takes no new act on their cases; only the DPO lifts it (from the request).
CREATE TABLE processing_limitations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  job_seeker_id uuid NOT NULL REFERENCES job_seekers(id) ON DELETE CASCADE,
  rights_request_id uuid NOT NULL REFERENCES rights_requests(id),
  starts_on date NOT NULL,
  lifted_on date CHECK (lifted_on >= starts_on),
  lifted_by uuid REFERENCES users(id),
  lift_reason text CHECK (length(lift_reason) BETWEEN 1 AND 2000),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((lifted_on IS NULL) = (lifted_by IS NULL) AND (lifted_on IS NULL) = (lift_reason IS NULL))
);
-- One limitation in force per person at most; the support context looks it up by person.
CREATE UNIQUE INDEX processing_limitations_in_force_idx ON processing_limitations (job_seeker_id) WHERE lifted_on IS NULL;
CREATE UNIQUE INDEX processing_limitations_request_idx ON processing_limitations (rights_request_id);
