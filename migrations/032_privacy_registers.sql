-- The data-protection registers (issue 12, ADR 0031): the persons' rights requests and the
-- breaches or complaints to tell the other party of, each kept by the organisation whose DPO
-- records it, with its clock computed from the convention's data clause (delay and source kept
-- as they were when computed: an amendment later changes nothing to a request already received).

CREATE TABLE rights_requests (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  -- The person; their name is kept so the register still says whom it answered after an erasure.
  job_seeker_id uuid REFERENCES job_seekers(id) ON DELETE SET NULL,
  person_name text NOT NULL CHECK (length(person_name) <= 300),
  convention_id uuid NOT NULL REFERENCES conventions(id),
  kind text NOT NULL CHECK (kind IN ('access','rectification','erasure','objection','limitation')),
  channel text NOT NULL CHECK (channel IN ('letter','email','counter','phone','online','other')),
  request text NOT NULL CHECK (length(request) <= 2000),
  received_on date NOT NULL,
  due_on date NOT NULL CHECK (due_on >= received_on),
  delay_label text NOT NULL,
  delay_source text NOT NULL,
  status text NOT NULL DEFAULT 'received' CHECK (status IN ('received','in_progress','answered','refused')),
  answered_on date CHECK (answered_on >= received_on),
  answer text CHECK (length(answer) <= 4000),
  refusal_reason text CHECK (length(refusal_reason) <= 2000),
  applied text,
  -- The answer to an access request as it was given: the PDF of what Tandem held that day.
  answer_document bytea,
  recorded_by uuid NOT NULL REFERENCES users(id),
  answered_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((status IN ('answered','refused')) = (answered_on IS NOT NULL)),
  CHECK ((status = 'answered') = (answer IS NOT NULL)),
  CHECK ((status = 'refused') = (refusal_reason IS NOT NULL))
);
CREATE INDEX rights_requests_register_idx ON rights_requests (organisation_id, status, due_on);
CREATE INDEX rights_requests_job_seeker_idx ON rights_requests (job_seeker_id);

CREATE TABLE breaches (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  convention_id uuid NOT NULL REFERENCES conventions(id),
  kind text NOT NULL CHECK (kind IN ('breach','complaint')),
  discovered_at timestamptz NOT NULL,
  deadline_at timestamptz NOT NULL CHECK (deadline_at > discovered_at),
  delay_label text NOT NULL,
  delay_source text NOT NULL,
  description text NOT NULL CHECK (length(description) <= 4000),
  data_concerned text NOT NULL CHECK (length(data_concerned) <= 2000),
  people_concerned text NOT NULL CHECK (length(people_concerned) <= 2000),
  measures text CHECK (length(measures) <= 4000),
  notified_at timestamptz,
  recorded_by uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX breaches_register_idx ON breaches (organisation_id, discovered_at DESC);
-- The daily job looks for deadlines passed without notification.
CREATE INDEX breaches_unnotified_idx ON breaches (deadline_at) WHERE notified_at IS NULL;

-- Each e-mail sent to another party's contact, kept as sent (the outbox keeps it too).
CREATE TABLE breach_notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  breach_id uuid NOT NULL REFERENCES breaches(id) ON DELETE CASCADE,
  organisation_id uuid REFERENCES organisations(id) ON DELETE SET NULL,
  organisation_name text NOT NULL,
  contact_kind text NOT NULL CHECK (contact_kind IN ('dpo','security')),
  to_address text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  sent_by uuid REFERENCES users(id),
  sent_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX breach_notifications_breach_idx ON breach_notifications (breach_id, sent_at);

-- One overdue alert per breach and recipient, whatever the number of daily runs.
CREATE TABLE breach_overdue_alerts_sent (
  breach_id uuid NOT NULL REFERENCES breaches(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (breach_id, user_id)
);
