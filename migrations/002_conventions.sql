-- Conventions as data: the signed terms (JSON validated by the shared zod schema), their
-- parties (with succession), amendments, recorded events, commitments' values and payments.

CREATE TABLE conventions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  number text NOT NULL UNIQUE,
  kind text NOT NULL CHECK (kind IN ('partnership','cooperation','coordination','data_exchange')),
  title text NOT NULL,
  annex_of text,
  base_terms jsonb NOT NULL,
  -- Derived from the terms and the recorded events, kept as columns so the register filters in SQL.
  effective_on date,
  ends_on date NOT NULL,
  signed_on date,
  terminated_on date,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX conventions_ends_idx ON conventions (ends_on);
CREATE INDEX conventions_title_trgm_idx ON conventions USING gin (title gin_trgm_ops);

CREATE TABLE convention_parties (
  convention_id uuid NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  side text NOT NULL CHECK (side IN ('france_travail','partner')),
  -- A successor is a party from its date; the party it succeeds stops being one that day.
  valid_from date,
  valid_to date,
  succeeds uuid REFERENCES organisations(id),
  PRIMARY KEY (convention_id, organisation_id)
);
CREATE INDEX convention_parties_organisation_idx ON convention_parties (organisation_id);

CREATE TABLE convention_amendments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  convention_id uuid NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
  number text NOT NULL,
  signed_on date NOT NULL,
  effective_on date NOT NULL,
  summary text NOT NULL,
  changes jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid REFERENCES users(id),
  UNIQUE (convention_id, number)
);

CREATE TABLE convention_events (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  convention_id uuid NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('imported','signature','amendment','termination_notice','succession','commitment_value','payment')),
  occurred_on date NOT NULL,
  details jsonb NOT NULL DEFAULT '{}',
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid REFERENCES users(id)
);
CREATE INDEX convention_events_convention_idx ON convention_events (convention_id, occurred_on DESC);

CREATE TABLE convention_commitment_values (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  convention_id uuid NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
  commitment_key text NOT NULL,
  recorded_on date NOT NULL,
  value numeric NOT NULL,
  note text,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid REFERENCES users(id)
);
CREATE INDEX convention_commitment_values_idx ON convention_commitment_values (convention_id, commitment_key, recorded_on DESC);

CREATE TABLE convention_payments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  convention_id uuid NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
  paid_on date NOT NULL,
  amount_cents bigint NOT NULL CHECK (amount_cents > 0),
  note text,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid REFERENCES users(id)
);

-- One alert e-mail per obligation and user, whatever the number of runs.
CREATE TABLE convention_alerts_sent (
  convention_id uuid NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
  obligation_key text NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (convention_id, obligation_key, user_id)
);

-- The secret of each user's iCalendar feed URL (calendar apps cannot log in).
ALTER TABLE users ADD COLUMN calendar_token text UNIQUE;
