-- Global support (accompagnement global): cases from orientation to exit, their barriers,
-- appointments, notes and timeline; in-app notifications. Sized for 1 million job seekers and
-- 100 000 running cases: every list is filtered and paged in SQL on the indexes below.

-- unaccent() is only STABLE; an IMMUTABLE wrapper with an explicit dictionary can be indexed.
CREATE FUNCTION tandem_unaccent(text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT public.unaccent('public.unaccent'::regdictionary, $1) $$;

-- Name search ("dupont marie", "Müller") without accents or case, on a trigram index.
CREATE INDEX job_seekers_name_trgm_idx ON job_seekers
  USING gin (tandem_unaccent(lower(last_name || ' ' || first_name)) gin_trgm_ops);
-- A registration that France Travail cancelled (monthly list): the person is no longer eligible.
ALTER TABLE job_seekers ADD COLUMN deregistered_on date;

CREATE TABLE support_cases (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  job_seeker_id uuid NOT NULL REFERENCES job_seekers(id),
  -- The convention whose terms the case runs under (durations, deadlines, targets).
  convention_id uuid NOT NULL REFERENCES conventions(id),
  status text NOT NULL CHECK (status IN ('oriented','diagnosed','awaiting_entry','active','social_only','exited','refused')),
  origin text NOT NULL CHECK (origin IN ('france_travail','departement_social_service','city_social_service','pf1','pf2','other')),
  origin_detail text,
  oriented_on date NOT NULL,
  oriented_by uuid NOT NULL REFERENCES users(id),
  orienter_organisation_id uuid NOT NULL REFERENCES organisations(id),
  consent_given_on date,
  consent_method text CHECK (consent_method IN ('in_person','phone','written','online')),
  diagnosis_kind text CHECK (diagnosis_kind IN ('shared','trust')),
  diagnosis_on date,
  diagnosis_disagreement boolean NOT NULL DEFAULT false,
  advisor_id uuid REFERENCES users(id),
  social_worker_id uuid REFERENCES users(id),
  entered_on date,
  period_ends_on date,
  max_ends_on date,
  renewals_used integer NOT NULL DEFAULT 0,
  social_only_started_on date,
  social_only_ends_by date,
  first_social_appointment_on date,
  first_professional_appointment_on date,
  exited_on date,
  exit_type text CHECK (exit_type IN ('sustainable_job','temporary_job','training','reorientation','move','drop_out','other')),
  closed_on date,
  -- Derived from the facts above and the terms, kept so that a portfolio of thousands sorts by
  -- urgency in SQL; every use case that changes a case recomputes it.
  next_deadline_on date,
  next_deadline_kind text,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (advisor_id IS NULL OR advisor_id <> social_worker_id)
);
-- One open case per person: a second orientation waits for the first to close.
CREATE UNIQUE INDEX support_cases_one_open_idx ON support_cases (job_seeker_id) WHERE status NOT IN ('exited','refused');
CREATE INDEX support_cases_job_seeker_idx ON support_cases (job_seeker_id);
-- Portfolios: each professional's open cases by urgency.
CREATE INDEX support_cases_advisor_idx ON support_cases (advisor_id, next_deadline_on) WHERE status NOT IN ('exited','refused');
CREATE INDEX support_cases_social_worker_idx ON support_cases (social_worker_id, next_deadline_on) WHERE status NOT IN ('exited','refused');
CREATE INDEX support_cases_orienter_idx ON support_cases (oriented_by, next_deadline_on) WHERE status NOT IN ('exited','refused');
CREATE INDEX support_cases_convention_status_idx ON support_cases (convention_id, status);

-- Barriers as observed, admitted (joint decision for "other") and lifted: how they evolve.
CREATE TABLE support_case_barriers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES support_cases(id) ON DELETE CASCADE,
  category text NOT NULL CHECK (category IN ('social','professional')),
  code text NOT NULL,
  label text,
  observed_on date NOT NULL,
  joint_decision_on date,
  resolved_on date,
  recorded_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX support_case_barriers_case_idx ON support_case_barriers (case_id, code);
CREATE INDEX support_case_barriers_code_idx ON support_case_barriers (code, case_id) WHERE resolved_on IS NULL;

CREATE TABLE support_appointments (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES support_cases(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('social','professional')),
  scheduled_on date NOT NULL,
  status text NOT NULL CHECK (status IN ('planned','attended','missed')),
  note text,
  recorded_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX support_appointments_case_idx ON support_appointments (case_id, scheduled_on);

-- Notes carry a visibility: pair (both), social (social workers only: professional secrecy),
-- employment (advisors only). Reads filter on it in SQL.
CREATE TABLE support_notes (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  case_id uuid NOT NULL REFERENCES support_cases(id) ON DELETE CASCADE,
  visibility text NOT NULL CHECK (visibility IN ('pair','social','employment')),
  body text NOT NULL,
  author_id uuid NOT NULL REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX support_notes_case_idx ON support_notes (case_id, visibility, created_at);

-- The timeline: every event of a case, with who recorded it and on whose decision (source).
CREATE TABLE support_case_events (
  id bigserial PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES support_cases(id) ON DELETE CASCADE,
  kind text NOT NULL,
  occurred_on date NOT NULL,
  details jsonb NOT NULL DEFAULT '{}',
  source jsonb,
  recorded_by uuid REFERENCES users(id),
  recorded_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX support_case_events_case_idx ON support_case_events (case_id, occurred_on, id);

-- The département's (or city's) global-support referent, told of a no-show of an RSA beneficiary [002 art. 2 e)].
CREATE TABLE support_referents (
  organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (organisation_id, user_id)
);

-- In-app notifications (alerts, daily digests), each user's own.
CREATE TABLE notifications (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  kind text NOT NULL,
  title text NOT NULL,
  body text NOT NULL,
  link text,
  case_id uuid REFERENCES support_cases(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  read_at timestamptz
);
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

-- The daily digest walks the open cases whose next deadline is near.
CREATE INDEX support_cases_next_deadline_idx ON support_cases (next_deadline_on) WHERE status NOT IN ('exited','refused');
