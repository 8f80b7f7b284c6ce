-- Issue 14, the PEC follow-up booklet (000 art. 3.1 a, ADR 0038): due at the convention's milestones of each
-- contract, filled independently by the employee and the tutor through single-use links that need no account,
-- read by the referent advisor side by side once both have answered; a contact asked for is a task of the
-- advisor; no job prospect at the last milestone proposes the pre-exit meeting. A contract erased with its person
-- (ON DELETE CASCADE from pec_contracts) takes its booklet with it.

-- The length the milestones were computed over: a later end (creation, renewal) recomputes them, an earlier one
-- (an early end) keeps their dates and cancels those after it.
CREATE TABLE pec_booklet_schedules (
  contract_id uuid PRIMARY KEY REFERENCES pec_contracts(id) ON DELETE CASCADE,
  planned_ends_on date NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row per milestone of the convention's booklet terms for a contract (position = its rank in the terms).
-- Recomputed when the contract is created, renewed or ended early: open and unanswered milestones move with the
-- new dates, answered ones stay, those after an early end are cancelled.
CREATE TABLE pec_booklet_milestones (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contract_id uuid NOT NULL REFERENCES pec_contracts(id) ON DELETE CASCADE,
  position integer NOT NULL CHECK (position >= 0),
  label text NOT NULL,
  due_on date NOT NULL,
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'cancelled')),
  -- Whether it is the last milestone of the contract (its answers may propose the pre-exit meeting).
  is_last boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (contract_id, position)
);
CREATE INDEX pec_booklet_milestones_due_idx ON pec_booklet_milestones (due_on) WHERE status = 'open';

-- The e-mails sent for a milestone to each respondent, once each (the daily job is idempotent):
-- 'before' (remindBefore the due date), 'invitation' (on the due date, with a link), 'after' (remindAfter it, unanswered).
CREATE TABLE pec_booklet_notices (
  milestone_id uuid NOT NULL REFERENCES pec_booklet_milestones(id) ON DELETE CASCADE,
  respondent text NOT NULL CHECK (respondent IN ('employee', 'tutor')),
  kind text NOT NULL CHECK (kind IN ('before', 'invitation', 'after')),
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (milestone_id, respondent, kind)
);

-- Links without an account: a random token whose SHA-256 only is kept, bound to one milestone and one respondent,
-- expiring, used once (the answer consumes it).
CREATE TABLE pec_booklet_tokens (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  milestone_id uuid NOT NULL REFERENCES pec_booklet_milestones(id) ON DELETE CASCADE,
  respondent text NOT NULL CHECK (respondent IN ('employee', 'tutor')),
  token_hash text NOT NULL UNIQUE,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX pec_booklet_tokens_milestone_idx ON pec_booklet_tokens (milestone_id, respondent);

-- One answer per milestone and respondent; the questionnaire is defined in src/domain/pec/bookletQuestionnaire.ts.
CREATE TABLE pec_booklet_answers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  milestone_id uuid NOT NULL REFERENCES pec_booklet_milestones(id) ON DELETE CASCADE,
  respondent text NOT NULL CHECK (respondent IN ('employee', 'tutor')),
  answers jsonb NOT NULL,
  contact_requested boolean NOT NULL,
  job_prospect text NOT NULL CHECK (job_prospect IN ('yes', 'no', 'unknown')),
  questionnaire_version integer NOT NULL,
  answered_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (milestone_id, respondent)
);

-- A contact asked for in an answer: a task of the referent advisor, open until done.
CREATE TABLE pec_booklet_tasks (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  contract_id uuid NOT NULL REFERENCES pec_contracts(id) ON DELETE CASCADE,
  milestone_id uuid NOT NULL REFERENCES pec_booklet_milestones(id) ON DELETE CASCADE,
  respondent text NOT NULL CHECK (respondent IN ('employee', 'tutor')),
  assignee_id uuid NOT NULL REFERENCES users(id),
  contact_mode text NOT NULL CHECK (contact_mode IN ('phone', 'meeting')),
  contact_with text NOT NULL CHECK (contact_with IN ('employee', 'tutor', 'both')),
  status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'done')),
  created_at timestamptz NOT NULL DEFAULT now(),
  done_at timestamptz,
  done_by uuid REFERENCES users(id),
  done_note text,
  CHECK ((status = 'done') = (done_at IS NOT NULL)),
  UNIQUE (milestone_id, respondent)
);
CREATE INDEX pec_booklet_tasks_assignee_idx ON pec_booklet_tasks (assignee_id) WHERE status = 'open';

-- « Un entretien préalable à la sortie du contrat » (000 art. 3.1 a): proposed when the last milestone's answers
-- show no job prospect, scheduled then recorded held by the referent advisor.
CREATE TABLE pec_pre_exit_meetings (
  contract_id uuid PRIMARY KEY REFERENCES pec_contracts(id) ON DELETE CASCADE,
  milestone_id uuid NOT NULL REFERENCES pec_booklet_milestones(id) ON DELETE CASCADE,
  proposed_at timestamptz NOT NULL DEFAULT now(),
  scheduled_on date,
  scheduled_by uuid REFERENCES users(id),
  held_on date,
  held_by uuid REFERENCES users(id),
  note text,
  CHECK (held_on IS NULL OR scheduled_on IS NOT NULL)
);
