-- How a convention ends, money on statement, commitments measured right (issue 10, ADR 0025).

-- A breach of a data annex suspends the exchange at once (003 annexe art. 10): the day it was suspended.
ALTER TABLE conventions ADD COLUMN data_exchange_suspended_on date;

-- Statements (mémoires) recorded for the schedule lines due « on statement »: one per instalment.
CREATE TABLE convention_statements (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  convention_id uuid NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
  instalment_key text NOT NULL,
  recorded_on date NOT NULL,
  note text,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid REFERENCES users(id),
  UNIQUE (convention_id, instalment_key)
);

-- The advisors a France Travail steering user names as dedicated under a convention (002 art. 3.1).
CREATE TABLE convention_dedicated_advisors (
  convention_id uuid NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id),
  named_at timestamptz NOT NULL DEFAULT now(),
  named_by uuid REFERENCES users(id),
  PRIMARY KEY (convention_id, user_id)
);

ALTER TABLE convention_events DROP CONSTRAINT convention_events_kind_check;
ALTER TABLE convention_events ADD CONSTRAINT convention_events_kind_check CHECK (kind IN (
  'imported','signature','amendment','amendment_proposed','amendment_signature','termination_notice','succession','commitment_value',
  'payment','payment_corrected','payment_cancelled','ended_with_parent','statement_recorded','dedicated_advisor_named','dedicated_advisor_removed'));

-- Stored terms move to the new format: `yearlyRevaluation: true` (no rate written) is a revaluation
-- by amendment, `false` none; a breach clause stays as it was (the file format now allows none).
UPDATE conventions SET base_terms = jsonb_set(base_terms, '{finance}',
    ((base_terms -> 'finance') - 'yearlyRevaluation') || jsonb_build_object('revaluation',
      CASE WHEN (base_terms #>> '{finance,yearlyRevaluation}')::boolean THEN '{"byAmendment": true}'::jsonb ELSE 'null'::jsonb END))
  WHERE jsonb_typeof(base_terms -> 'finance') = 'object' AND (base_terms -> 'finance') ? 'yearlyRevaluation';
