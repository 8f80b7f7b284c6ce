-- Issue 11: indicators computed in SQL from the support facts (ADR 0033), and the figures a steering
-- committee adopts, frozen with their definition's version.

-- The indicators read a convention's cases by the date of a fact within a period: entries, orientations,
-- exits. Each of these range scans starts from the convention and walks its dates only.
CREATE INDEX support_cases_indicator_entered_idx ON support_cases (convention_id, entered_on) WHERE entered_on IS NOT NULL;
CREATE INDEX support_cases_indicator_oriented_idx ON support_cases (convention_id, oriented_on);
CREATE INDEX support_cases_indicator_exited_idx ON support_cases (convention_id, exited_on) WHERE exited_on IS NOT NULL;
-- Social-only episodes started in a period, found by their event (one per episode).
CREATE INDEX support_case_events_social_only_idx ON support_case_events (occurred_on, case_id) WHERE kind = 'social_only_started';

-- A period's figures adopted by a steering committee: one row per convention, period and indicator,
-- with the definition's version they were computed with. Recomputed live until frozen, never after.
CREATE TABLE indicator_snapshots (
  convention_id uuid NOT NULL REFERENCES conventions(id),
  period_key text NOT NULL CHECK (period_key ~ '^[0-9]{4}(-(T[1-4]|S[12]))?$'),
  period_from date NOT NULL,
  period_to date NOT NULL CHECK (period_to >= period_from),
  definition_key text NOT NULL,
  definition_version integer NOT NULL CHECK (definition_version >= 1),
  figure jsonb NOT NULL,
  adopted_by uuid NOT NULL REFERENCES users(id),
  adopted_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (convention_id, period_key, definition_key)
);
