-- The schedule of reviews at the convention's cadence (issue 10, ADR 0026): one alert per due
-- review (convention, agency, due date) and participant, whatever the number of daily runs.
CREATE TABLE review_due_alerts_sent (
  convention_id uuid NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
  agency_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  due_on date NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (convention_id, agency_id, due_on, user_id)
);
