-- Retention that runs, with proof (issue 12, ADR 0032): legal holds recorded by a DPO, the purge
-- journal (what was due, by which rule, when it ran, how many rows of what kind — no personal
-- data), and what a purge deleted (ids only): the audit trail then says that it was purged, and when.

-- A legal hold (dispute, legal duty…) keeps what it covers from every purge until its end (inclusive).
CREATE TABLE legal_holds (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  scope text NOT NULL CHECK (scope IN ('job_seeker', 'convention', 'list_import')),
  -- Purges never delete a person whose hold is in force; once it has ended the person may go, the
  -- hold stays recorded without them (« personne supprimée »).
  job_seeker_id uuid REFERENCES job_seekers(id) ON DELETE SET NULL,
  convention_id uuid REFERENCES conventions(id),
  list_import_id uuid REFERENCES list_imports(id),
  reason_kind text NOT NULL CHECK (reason_kind IN ('dispute', 'legal_duty', 'other')),
  reason text NOT NULL CHECK (length(reason) BETWEEN 1 AND 2000),
  starts_on date NOT NULL,
  ends_on date NOT NULL CHECK (ends_on > starts_on),
  recorded_by uuid NOT NULL REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  CHECK (scope = 'job_seeker' OR job_seeker_id IS NULL),
  CHECK ((scope = 'convention') = (convention_id IS NOT NULL)),
  CHECK ((scope = 'list_import') = (list_import_id IS NOT NULL))
);
CREATE INDEX legal_holds_job_seeker_idx ON legal_holds (job_seeker_id, ends_on) WHERE job_seeker_id IS NOT NULL;
CREATE INDEX legal_holds_convention_idx ON legal_holds (convention_id, ends_on) WHERE convention_id IS NOT NULL;
CREATE INDEX legal_holds_list_import_idx ON legal_holds (list_import_id, ends_on) WHERE list_import_id IS NOT NULL;
CREATE INDEX legal_holds_organisation_idx ON legal_holds (organisation_id, ends_on DESC);

-- One row per thing due to be purged: a received list, or a convention's destruction after its end.
-- Counts accumulate batch by batch in the batch's own transaction: exact after a crash and a resume.
CREATE TABLE purge_journal (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  kind text NOT NULL CHECK (kind IN ('received_list', 'convention_end')),
  list_import_id uuid REFERENCES list_imports(id),
  convention_id uuid NOT NULL REFERENCES conventions(id),
  -- What was due, as the DPO reads it (« Liste reçue liste.csv du 02/03/2027 », « Convention TCM-2020 (fin le …) »)
  -- and the clause applied, as the convention writes it (e.g. « 003 (annexe) art. 4.2 — … »): kept as written then.
  label text NOT NULL,
  convention_number text NOT NULL,
  rule text NOT NULL,
  -- The organisations whose DPO sees the row and is alerted (the list's receiver, the convention's parties).
  organisation_ids uuid[] NOT NULL,
  due_on date NOT NULL,
  status text NOT NULL CHECK (status IN ('running', 'done', 'failed', 'suspended')),
  -- counts: {"listRows": 120, "people": 3, "links": 5, "cases": 2, …}; never a name.
  counts jsonb NOT NULL DEFAULT '{}',
  -- What was kept, and why, in numbers: {"peopleInSupport": 1, "peopleOnHold": 1, "openCases": 2}.
  kept jsonb NOT NULL DEFAULT '{}',
  hold_until date,
  -- The error's kind only (no message that could carry data).
  error_code text,
  started_at timestamptz,
  finished_at timestamptz,
  alerted_at timestamptz,
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((kind = 'received_list') = (list_import_id IS NOT NULL))
);
CREATE UNIQUE INDEX purge_journal_list_idx ON purge_journal (list_import_id) WHERE kind = 'received_list';
CREATE UNIQUE INDEX purge_journal_convention_idx ON purge_journal (convention_id) WHERE kind = 'convention_end';
CREATE INDEX purge_journal_organisations_idx ON purge_journal USING gin (organisation_ids);

-- What a purge deleted that the audit trail names (a person, a support case): its former id
-- (audit_events.subject_id), the day, the journal row — the trail says « supprimé le … (purge …) ».
CREATE TABLE purged_subjects (
  subject_type text NOT NULL CHECK (subject_type IN ('job_seeker', 'support_case')),
  subject_id uuid NOT NULL,
  purged_on date NOT NULL,
  journal_id uuid NOT NULL REFERENCES purge_journal(id),
  PRIMARY KEY (subject_type, subject_id)
);
