-- The audit trail at scale (issue 15; docs/adr/0019-journal-d-audit-a-l-echelle.md): a smaller row,
-- one partition per month, and a retention of one rolling year done by dropping whole months.
--
-- 1. A smaller row. The actor's address is no longer written (users.email, joined by
--    actor_user_id, gives it): new events leave actor_email NULL, which the canonical form already
--    writes as '-'; old events keep theirs, so their hashes still verify. The two hashes are stored
--    as 32 raw bytes (bytea) instead of 64 hexadecimal characters; the canonical form is unchanged
--    (the previous hash is hashed as its lowercase hexadecimal text), so every hash stays the same.
-- 2. Partitioned by month on occurred_at (both databases: PGlite is PostgreSQL 17). The primary
--    key must hold the partition key: (id, occurred_at). seq can no longer have a unique index
--    over the whole table (a unique index on a partitioned table must contain the partition key):
--    its uniqueness is kept by the chain head's row lock, which every append holds until its
--    transaction ends (010), and checked by tandem audit:verify (two events at the same rank break
--    the chain). A DEFAULT partition takes what no month partition takes: an insert never fails.
-- 3. Retention: audit_purge_expired() (security definer, owned by the owner) drops the months that
--    ended more than 12 months ago, after writing an anchor (last seq and hash of the month) in
--    audit_anchors, append-only; verification starts from the latest anchor.
--
-- The existing events are copied with their id, seq, prev_hash and hash untouched: the new table
-- has no trigger yet while they are copied.

-- The old table, its hash function (bound to its row type) and its triggers go; its id sequence stays.
DROP FUNCTION audit_event_hash(audit_events);
ALTER TABLE audit_events RENAME TO audit_events_unpartitioned;
ALTER SEQUENCE audit_events_id_seq OWNED BY NONE;

-- Fixed-width columns first (no alignment padding), actor_email last (NULL from now on: no byte in the row).
CREATE TABLE audit_events (
  id bigint NOT NULL DEFAULT nextval('audit_events_id_seq'),
  seq bigint NOT NULL,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  actor_user_id uuid,
  actor_organisation_id uuid,
  action text NOT NULL,
  subject_type text NOT NULL,
  subject_id text,
  details jsonb NOT NULL DEFAULT '{}',
  request_id text,
  ip text,
  prev_hash bytea,
  hash bytea NOT NULL,
  actor_email text
) PARTITION BY RANGE (occurred_at);
ALTER SEQUENCE audit_events_id_seq OWNED BY audit_events.id;

CREATE TABLE audit_events_default PARTITION OF audit_events DEFAULT;

-- Nobody empties a month partition either (TRUNCATE triggers are not cloned to partitions).
CREATE FUNCTION audit_events_append_only_partition(part_rel regclass) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
BEGIN
  EXECUTE format('CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON %s FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()', part_rel);
  -- Created by the owner, a partition receives the default privileges of later tables: the
  -- application's role reads and appends through audit_events only.
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tandem_app') THEN
    EXECUTE format('REVOKE ALL ON %s FROM tandem_app', part_rel);
  END IF;
END;
$$;
REVOKE ALL ON FUNCTION audit_events_append_only_partition(regclass) FROM PUBLIC;
SELECT audit_events_append_only_partition('audit_events_default');

-- The partition of one month (UTC bounds), named audit_events_YYYY_MM; false if it exists or if the
-- DEFAULT partition already holds events of that month (they stay there, purged all the same).
CREATE FUNCTION audit_partition_create(month date) RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  month_start date := date_trunc('month', month)::date;
  partition_name text := 'audit_events_' || to_char(month_start, 'YYYY_MM');
  lo timestamptz := month_start::timestamp AT TIME ZONE 'UTC';
  hi timestamptz := (month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC';
BEGIN
  IF to_regclass(partition_name) IS NOT NULL THEN
    RETURN false;
  END IF;
  IF EXISTS (SELECT 1 FROM audit_events_default WHERE occurred_at >= lo AND occurred_at < hi) THEN
    RETURN false;
  END IF;
  EXECUTE format('CREATE TABLE %I PARTITION OF audit_events FOR VALUES FROM (%L) TO (%L)', partition_name, lo, hi);
  PERFORM audit_events_append_only_partition(partition_name::regclass);
  RETURN true;
END;
$$;
REVOKE ALL ON FUNCTION audit_partition_create(date) FROM PUBLIC;

-- What the daily job asks (the application's role may): this month's partition and the next two.
CREATE FUNCTION audit_partitions_ahead() RETURNS SETOF text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  m date;
BEGIN
  -- Creating a partition locks audit_events: wait a little, else try again tomorrow (two months ahead).
  PERFORM set_config('lock_timeout', '5s', true);
  FOR m IN SELECT generate_series(date_trunc('month', now() AT TIME ZONE 'UTC'), date_trunc('month', now() AT TIME ZONE 'UTC') + interval '2 months', interval '1 month')::date LOOP
    IF audit_partition_create(m) THEN
      RETURN NEXT 'audit_events_' || to_char(m, 'YYYY_MM');
    END IF;
  END LOOP;
END;
$$;

-- A partition for every month of the events already written, and the months ahead.
SELECT audit_partition_create(m::date)
  FROM generate_series(
         date_trunc('month', COALESCE((SELECT min(occurred_at) FROM audit_events_unpartitioned), now()) AT TIME ZONE 'UTC'),
         date_trunc('month', GREATEST(COALESCE((SELECT max(occurred_at) FROM audit_events_unpartitioned), now()), now()) AT TIME ZONE 'UTC') + interval '2 months',
         interval '1 month') m;

-- The events, as they are: no trigger on the new table yet, so nothing is renumbered or rehashed.
INSERT INTO audit_events (id, seq, occurred_at, actor_user_id, actor_organisation_id, action, subject_type, subject_id, details, request_id, ip, prev_hash, hash, actor_email)
SELECT id, seq, occurred_at, actor_user_id, actor_organisation_id, action, subject_type, subject_id, details, request_id, ip,
       decode(prev_hash, 'hex'), decode(hash, 'hex'), actor_email
  FROM audit_events_unpartitioned;
DROP TABLE audit_events_unpartitioned;

-- Keys and indexes, on the parent (each partition gets its own): those of 001, 016 and 019.
ALTER TABLE audit_events
  ADD CONSTRAINT audit_events_pkey PRIMARY KEY (id, occurred_at),
  ADD CONSTRAINT audit_events_hash_format CHECK (octet_length(hash) = 32 AND (prev_hash IS NULL OR octet_length(prev_hash) = 32));
-- Not unique over the table (see 2. above): the chain head's lock orders appends, verification checks.
CREATE INDEX audit_events_seq_idx ON audit_events (seq);
CREATE INDEX audit_events_subject_idx ON audit_events (subject_type, subject_id);
CREATE INDEX audit_events_actor_idx ON audit_events (actor_user_id, occurred_at DESC);
CREATE INDEX audit_events_action_idx ON audit_events (action, occurred_at DESC);
CREATE INDEX audit_events_organisation_idx ON audit_events (actor_organisation_id, occurred_at DESC, id DESC);
CREATE INDEX audit_events_organisation_action_idx ON audit_events (actor_organisation_id, action, occurred_at DESC, id DESC);
CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at DESC, id DESC);
CREATE INDEX audit_events_case_detail_idx ON audit_events ((details->>'caseId'), occurred_at DESC)
  WHERE (details->>'caseId') IS NOT NULL;

-- The canonical form of 010, unchanged: the previous hash is hashed as its lowercase hexadecimal text.
CREATE FUNCTION audit_event_hash(e audit_events) RETURNS bytea LANGUAGE plpgsql STABLE AS $$
DECLARE
  occurred text := to_char(e.occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"');
  details text := e.details::text;
  prev text := encode(e.prev_hash, 'hex');
BEGIN
  RETURN sha256(convert_to('tandem-audit-v1'
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
    || COALESCE(octet_length(convert_to(prev, 'UTF8'))::text || ':' || prev, '-'), 'UTF8'));
END;
$$;

ALTER TABLE audit_chain ALTER COLUMN last_hash TYPE bytea USING decode(last_hash, 'hex');

-- Appending, as in 010; when no event is left (all purged), the chain goes on from its head.
CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  head record;
  previous record;
BEGIN
  SELECT last_seq, last_hash INTO head FROM audit_chain WHERE id = 1 FOR UPDATE;
  SELECT seq, hash INTO previous FROM audit_events ORDER BY seq DESC LIMIT 1;
  IF previous.seq IS NULL THEN
    NEW.seq := COALESCE(head.last_seq, 0) + 1;
    NEW.prev_hash := head.last_hash;
  ELSE
    NEW.seq := previous.seq + 1;
    NEW.prev_hash := previous.hash;
  END IF;
  NEW.hash := audit_event_hash(NEW);
  RETURN NEW;
END;
$$;

CREATE TRIGGER audit_events_no_update BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_truncate BEFORE TRUNCATE ON audit_events
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_chain BEFORE INSERT ON audit_events FOR EACH ROW EXECUTE FUNCTION audit_events_chain();
CREATE TRIGGER audit_events_chain_head AFTER INSERT ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_chain_head();

-- 3. Retention. An anchor per purged month: the last event purged (seq, hash), how many, when.
-- Verification starts from the latest anchor: the event after it must carry its hash.
CREATE TABLE audit_anchors (
  id bigserial PRIMARY KEY,
  month date NOT NULL,
  last_seq bigint NOT NULL,
  last_hash bytea NOT NULL CHECK (octet_length(last_hash) = 32),
  events bigint NOT NULL CHECK (events > 0),
  purged_at timestamptz NOT NULL DEFAULT now()
);
CREATE TRIGGER audit_anchors_no_update BEFORE UPDATE OR DELETE ON audit_anchors
  FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_anchors_no_truncate BEFORE TRUNCATE ON audit_anchors
  FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();

-- Drops every month that ended more than 12 months ago (one rolling year is kept, ADR 0019), and
-- nothing else: no parameter, the months are chosen here from the clock. Security definer, owned by
-- the owner: the application's role calls it (daily job, tandem audit:purge) but can itself
-- neither drop a partition nor delete an event. Returns the months purged and their event counts.
CREATE FUNCTION audit_purge_expired() RETURNS TABLE (month date, events bigint) LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
#variable_conflict use_column
DECLARE
  cutoff timestamptz := now() - interval '12 months';
  expired date[];
  month_start date;
  partition_name text;
  last record;
  n bigint;
  lo timestamptz;
  hi timestamptz;
BEGIN
  IF NOT EXISTS (
       SELECT 1 FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
        WHERE i.inhparent = 'audit_events'::regclass AND c.relname ~ '^audit_events_[0-9]{4}_[0-9]{2}$'
          AND ((to_date(substr(c.relname, 14), 'YYYY_MM') + interval '1 month')::timestamp AT TIME ZONE 'UTC') <= cutoff)
     AND NOT EXISTS (SELECT 1 FROM audit_events_default WHERE occurred_at < cutoff) THEN
    RETURN;
  END IF;
  -- Nothing appends nor reads while months go (a few milliseconds): the anchor is the real last event.
  PERFORM set_config('lock_timeout', '10s', true);
  LOCK TABLE audit_events IN ACCESS EXCLUSIVE MODE;

  expired := ARRAY(
    SELECT to_date(substr(c.relname, 14), 'YYYY_MM')
      FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
     WHERE i.inhparent = 'audit_events'::regclass AND c.relname ~ '^audit_events_[0-9]{4}_[0-9]{2}$'
       AND ((to_date(substr(c.relname, 14), 'YYYY_MM') + interval '1 month')::timestamp AT TIME ZONE 'UTC') <= cutoff
     ORDER BY 1);
  FOREACH month_start IN ARRAY expired LOOP
    partition_name := 'audit_events_' || to_char(month_start, 'YYYY_MM');
    EXECUTE format('SELECT count(*) FROM %I', partition_name) INTO n;
    IF n > 0 THEN
      EXECUTE format('SELECT seq, hash FROM %I ORDER BY seq DESC LIMIT 1', partition_name) INTO last;
      INSERT INTO audit_anchors (month, last_seq, last_hash, events) VALUES (month_start, last.seq, last.hash, n);
    END IF;
    EXECUTE format('DROP TABLE %I', partition_name);
    month := month_start;
    events := n;
    RETURN NEXT;
  END LOOP;

  -- Events of an expired month kept by the DEFAULT partition (no month partition when they were
  -- written). The months are read first: the partition's trigger cannot be switched while a loop reads it.
  expired := ARRAY(SELECT DISTINCT date_trunc('month', d.occurred_at AT TIME ZONE 'UTC')::date FROM audit_events_default d WHERE d.occurred_at < cutoff ORDER BY 1);
  FOREACH month_start IN ARRAY expired LOOP
    lo := month_start::timestamp AT TIME ZONE 'UTC';
    hi := (month_start + interval '1 month')::timestamp AT TIME ZONE 'UTC';
    CONTINUE WHEN hi > cutoff;
    SELECT count(*) INTO n FROM audit_events_default d WHERE d.occurred_at >= lo AND d.occurred_at < hi;
    SELECT d.seq, d.hash INTO last FROM audit_events_default d WHERE d.occurred_at >= lo AND d.occurred_at < hi ORDER BY d.seq DESC LIMIT 1;
    INSERT INTO audit_anchors (month, last_seq, last_hash, events) VALUES (month_start, last.seq, last.hash, n);
    ALTER TABLE audit_events_default DISABLE TRIGGER audit_events_no_update;
    DELETE FROM audit_events_default d WHERE d.occurred_at >= lo AND d.occurred_at < hi;
    ALTER TABLE audit_events_default ENABLE TRIGGER audit_events_no_update;
    month := month_start;
    events := n;
    RETURN NEXT;
  END LOOP;
END;
$$;

-- The application's role: as in 010, plus the anchors (read only) and no right on any partition.
CREATE OR REPLACE FUNCTION tandem_app_grants() RETURNS void LANGUAGE plpgsql AS $$
DECLARE
  part_rel regclass;
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'tandem_app') THEN
    RETURN;
  END IF;
  BEGIN
    GRANT USAGE ON SCHEMA public TO tandem_app;
  EXCEPTION WHEN insufficient_privilege THEN NULL;
  END;
  GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO tandem_app;
  GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO tandem_app;
  -- Append and read only; the chain head and the anchors are written by the owner's functions alone.
  REVOKE ALL ON audit_events, audit_chain, audit_anchors, schema_migrations FROM tandem_app;
  GRANT SELECT, INSERT ON audit_events TO tandem_app;
  GRANT SELECT ON audit_chain, audit_anchors, schema_migrations TO tandem_app;
  FOR part_rel IN SELECT inhrelid::regclass FROM pg_inherits WHERE inhparent = 'audit_events'::regclass LOOP
    EXECUTE format('REVOKE ALL ON %s FROM tandem_app', part_rel);
  END LOOP;
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO tandem_app;
  ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO tandem_app;
END;
$$;
REVOKE ALL ON FUNCTION tandem_app_grants() FROM PUBLIC;
SELECT tandem_app_grants();
