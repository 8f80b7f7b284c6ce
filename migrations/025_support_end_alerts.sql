-- Alerts before a support's ends (issue 10, ADR 0024), each sent once to each recipient: the end
-- of a social-only episode at its cap (subject: the case, due: its last day), and the end of the
-- convention that runs the cases (subject: the convention, due: its last day — a new end after an
-- amendment or a termination is warned again).
CREATE TABLE support_end_alerts_sent (
  kind text NOT NULL CHECK (kind IN ('social_only_cap','convention_end')),
  subject_id uuid NOT NULL,
  due_on date NOT NULL,
  user_id uuid NOT NULL REFERENCES users(id),
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (kind, subject_id, due_on, user_id)
);
