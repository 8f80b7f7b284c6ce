-- Foundation: organisations and their territory, accounts, sessions, audit trail, e-mails,
-- job seekers. Written for PostgreSQL 15 (server) and PGlite (embedded).

CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('ft_direction','ft_agency','departement','city','ccas','epci','operator','employer','other')),
  siren text,
  parent_id uuid REFERENCES organisations(id),
  created_at timestamptz NOT NULL DEFAULT now()
);

-- A territory is a set of INSEE commune codes.
CREATE TABLE organisation_communes (
  organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  insee_code text NOT NULL CHECK (insee_code ~ '^[0-9][0-9AB][0-9]{3}$'),
  PRIMARY KEY (organisation_id, insee_code)
);
CREATE INDEX organisation_communes_insee_idx ON organisation_communes (insee_code);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  email text NOT NULL,
  first_name text NOT NULL,
  last_name text NOT NULL,
  roles text[] NOT NULL DEFAULT '{}',
  password_hash text,
  active boolean NOT NULL DEFAULT true,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  invitation_token_hash text,
  invitation_expires_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  password_changed_at timestamptz,
  CHECK (roles <@ ARRAY['advisor','social_worker','orienter','partner_agent','steering','org_admin','dpo','platform_admin']::text[])
);
CREATE UNIQUE INDEX users_email_idx ON users (lower(email));
CREATE INDEX users_organisation_idx ON users (organisation_id);
CREATE UNIQUE INDEX users_invitation_idx ON users (invitation_token_hash) WHERE invitation_token_hash IS NOT NULL;

-- Server-side sessions: the cookie holds a random token, the table only its SHA-256.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  ip text,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

-- Append-only audit trail: a trigger refuses any update or delete, whoever asks.
CREATE TABLE audit_events (
  id bigserial PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid,
  actor_email text,
  actor_organisation_id uuid,
  action text NOT NULL,
  subject_type text NOT NULL,
  subject_id text,
  details jsonb NOT NULL DEFAULT '{}',
  request_id text,
  ip text
);
CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at DESC);
CREATE INDEX audit_events_subject_idx ON audit_events (subject_type, subject_id);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_user_id, occurred_at DESC);
CREATE INDEX audit_events_action_idx ON audit_events (action, occurred_at DESC);
CREATE INDEX audit_events_organisation_idx ON audit_events (actor_organisation_id, occurred_at DESC);

CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- Every message, sent by SMTP or kept in the outbox.
CREATE TABLE emails (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  to_address text NOT NULL,
  subject text NOT NULL,
  body_text text NOT NULL,
  status text NOT NULL CHECK (status IN ('outbox','queued','sent','failed')),
  error text,
  created_at timestamptz NOT NULL DEFAULT now(),
  sent_at timestamptz
);
CREATE INDEX emails_created_idx ON emails (created_at DESC);

CREATE TABLE job_seekers (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  ft_identifier text NOT NULL UNIQUE,
  first_name text NOT NULL,
  last_name text NOT NULL,
  birth_date date NOT NULL,
  commune_insee text NOT NULL,
  qpv boolean NOT NULL DEFAULT false,
  benefits text[] NOT NULL DEFAULT '{}',
  registered_at date NOT NULL,
  email text,
  phone text,
  synthetic boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX job_seekers_commune_idx ON job_seekers (commune_insee);
CREATE INDEX job_seekers_identity_idx ON job_seekers (lower(last_name), lower(first_name), birth_date);

CREATE TABLE app_state (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
