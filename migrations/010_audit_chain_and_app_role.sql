-- Audit trail made tamper-evident (hash chain), and the least-privilege role the application
-- runs as on a PostgreSQL server (see docs/adr/0011-audit-chain-and-database-roles.md).

-- 1. The chain. Every event carries its position (seq: 1, 2, 3… without holes), the hash of
-- the event before it and its own hash: SHA-256 over a canonical serialisation of its fields
-- and prev_hash. A trigger writes them, so no insert escapes the chain, whoever inserts.
-- tandem audit:verify recomputes the same serialisation in TypeScript (src/server/privacy/auditChain.ts).

ALTER TABLE audit_events ADD COLUMN seq bigint, ADD COLUMN prev_hash text, ADD COLUMN hash text;

-- The chain head: one row, locked FOR UPDATE by each append until its transaction ends. It
-- orders appends across every connection and every app instance, and a rolled-back append
-- gives its number back. Only the triggers (security definer) write it.
CREATE TABLE audit_chain (
  id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
  last_seq bigint NOT NULL DEFAULT 0,
  last_hash text
);
INSERT INTO audit_chain DEFAULT VALUES;

-- The canonical form: 'tandem-audit-v1', then each field as '-' for NULL, else
-- '<length in UTF-8 bytes>:<text>' (unambiguous whatever the text contains). Times in UTC with
-- microseconds and jsonb in its normalised text form: the same text whatever the session's
-- time zone or the key order the details were written with. Written out field by field in
-- PL/pgSQL: its plan is kept for the session, where a SQL function called per row from a
-- trigger is planned again at each call, and no function call per field.
CREATE FUNCTION audit_event_hash(e audit_events) RETURNS text LANGUAGE plpgsql STABLE AS $$
DECLARE
  occurred text := to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
  details text := e.details::text;
BEGIN
  RETURN encode(sha256(convert_to('tandem-audit-v1'
    || COALESCE(octet_length(convert_to(e.seq::text, 'UTF8'))::text || ':' || e.seq::text, '-')
    || COALESCE(octet_length(convert_to(e.id::text, 'UTF8'))::text || ':' || e.id::text, '-')
    || COALESCE(octet_length(convert_to(occurred, 'UTF8'))::text || ':' || occurred, '-')
    || COALESCE(octet_length(convert_to(e.actor_user_id::text, 'UTF8'))::text || ':' || e.actor_user_id::text, '-')
    || COALESCE(octet_length(convert_to(e.actor_email, 'UTF8'))::text || ':' || e.actor_email, '-')
    || COALESCE(octet_length(convert_to(e.actor_organisation_id::text, 'UTF8'))::text || ':' || e.actor_organisation_id::text, '-')
    || COALESCE(octet_length(convert_to(e.action, 'UTF8'))::text || ':' || e.action, '-')
    || COALESCE(octet_length(convert_to(e.subject_type, 'UTF8'))::text || ':' || e.subject_type, '-')
    || COALESCE(octet_length(convert_to(e.subject_id, 'UTF8'))::text || ':' || e.subject_id, '-')
    || COALESCE(octet_length(convert_to(details, 'UTF8'))::text || ':' || details, '-')
    || COALESCE(octet_length(convert_to(e.request_id, 'UTF8'))::text || ':' || e.request_id, '-')
    || COALESCE(octet_length(convert_to(e.ip, 'UTF8'))::text || ':' || e.ip, '-')
    || COALESCE(octet_length(convert_to(e.prev_hash, 'UTF8'))::text || ':' || e.prev_hash, '-'), 'UTF8')), 'hex');
END;
$$;

-- The events written before this migration are chained now, in the order of their ids.
ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update;
DO $$
DECLARE
  r audit_events;
  n bigint := 0;
  h text := NULL;
BEGIN
  FOR r IN SELECT * FROM audit_events ORDER BY id LOOP
    n := n + 1;
    r.seq := n;
    r.prev_hash := h;
    h := audit_event_hash(r);
    UPDATE audit_events SET seq = n, prev_hash = r.prev_hash, hash = h WHERE id = r.id;
  END LOOP;
  UPDATE audit_chain SET last_seq = n, last_hash = h;
END $$;
ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update;

ALTER TABLE audit_events
  ALTER COLUMN seq SET NOT NULL,
  ALTER COLUMN hash SET NOT NULL,
  ADD CONSTRAINT audit_events_hash_format CHECK (hash ~ '^[0-9a-f]{64}$');
CREATE UNIQUE INDEX audit_events_seq_idx ON audit_events (seq);

-- Appending. Security definer: the application's role appends events without any right on the
-- chain head. Each row locks the head (held until the transaction ends: appends of concurrent
-- transactions queue here, across every connection and app instance), then links to the last
-- event — committed, or inserted just before by this transaction or this very statement (a
-- BEFORE trigger sees the rows its statement already processed). The head is written once per
-- statement, not per row: updating one row thousands of times in one transaction slows down
-- quadratically (each update adds a version the next one walks through).
-- Read committed: after the wait, the next query sees what the previous holder committed.
-- Repeatable read: the wait ends in a serialisation error (the head changed), never in a fork.
CREATE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  previous record;
BEGIN
  PERFORM 1 FROM audit_chain WHERE id = 1 FOR UPDATE;
  SELECT seq, hash INTO previous FROM audit_events ORDER BY seq DESC LIMIT 1;
  NEW.seq := COALESCE(previous.seq, 0) + 1;
  NEW.prev_hash := previous.hash;
  NEW.hash := audit_event_hash(NEW);
  RETURN NEW;
END;
$$;
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_chain();

-- The head remembers how far the chain went, so that deleting its last events shows too.
CREATE FUNCTION audit_events_chain_head() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  UPDATE audit_chain SET (last_seq, last_hash) = (SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1)
   WHERE id = 1 AND EXISTS (SELECT 1 FROM audit_events);
  RETURN NULL;
END;
$$;
CREATE TRIGGER audit_events_chain_head AFTER INSERT ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_chain_head();

-- 2. The application's role. tandem_app is a group role (NOLOGIN): the role the application
-- logs in with (DATABASE_URL) is a member of it, made so by the DBA or at start-up (see README,
-- "Sécurité", and platform/databaseRoles.ts). It owns nothing, so it can neither alter a table,
-- nor disable a trigger, nor truncate; on the audit trail it may only read and append.
-- Created here when the migrating role may create roles; otherwise by the DBA (start-up then
-- gives the grants below if they were skipped). On the embedded database (PGlite) there is one
-- user, a superuser: this separation does not exist there.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tandem_app') THEN
    BEGIN
      CREATE ROLE tandem_app NOLOGIN;
    EXCEPTION
      -- Another database of the same server created it at the same moment.
      WHEN duplicate_object OR unique_violation THEN NULL;
      WHEN insufficient_privilege THEN
        RAISE NOTICE 'Rôle tandem_app absent et non créé (droit CREATEROLE manquant) : à créer par l''administrateur de la base.';
    END;
  END IF;
END $$;

CREATE FUNCTION tandem_app_grants() RETURNS void LANGUAGE plpgsql AS $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tandem_app') THEN
    RETURN;
  END IF;
  -- A schema recreated by demo:reset (DROP SCHEMA public) no longer grants USAGE to PUBLIC.
  BEGIN
    GRANT USAGE ON SCHEMA public TO tandem_app;
  EXCEPTION WHEN insufficient_privilege THEN NULL;
  END;
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO tandem_app;
  GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO tandem_app;
  -- Append and read only; the chain head is written by the trigger alone.
  REVOKE ALL ON audit_events, audit_chain, schema_migrations FROM tandem_app;
  GRANT SELECT, INSERT ON audit_events TO tandem_app;
  GRANT SELECT ON audit_chain, schema_migrations TO tandem_app;
  -- Tables of later migrations, created by the same owner role: the same rights. A later table
  -- that must stay append-only revokes UPDATE, DELETE from tandem_app in its own migration.
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tandem_app;
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO tandem_app;
END;
$$;
REVOKE ALL ON FUNCTION tandem_app_grants() FROM PUBLIC;
SELECT tandem_app_grants();
