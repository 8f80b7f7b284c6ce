-- Lists at national scale (issue 12, ADR 0044): the lines of each received list in a table of their
-- own, a partition of list_import_rows (LIST on import_id).
--
-- Why: the check of a 1 000 000-line file writes its lines with COPY. Into the single table, each
-- line also wrote its primary key entry and its 36-character import id: measured, 3.7 s against
-- 1.8 s for the same lines into a bare table without the id. A partition is filled bare, its
-- import id given by the column's default, then indexed in one build and attached
-- (list_import_rows_attach); the readers, which all ask `import_id = …`, read it through the
-- parent as before. The purge of a list can end by dropping its empty table.
--
-- The keys are the partition's own: its line is its primary key, and the lines to decide (a
-- repeat, a person already known) have their partial index, both on `line` alone (the partition
-- holds one import). The parent has no index: nothing reads across imports by line.
--
-- The application's role owns no table (ADR 0011): creating, attaching and dropping a partition go
-- through the three functions below, SECURITY DEFINER, owned by the owner; a partition created by
-- the owner receives the default privileges of later tables (tandem_app_grants, 010).

ALTER TABLE list_import_rows RENAME TO list_import_rows_single;
ALTER INDEX list_import_rows_pkey RENAME TO list_import_rows_single_pkey;
ALTER INDEX list_import_rows_duplicates_idx RENAME TO list_import_rows_single_duplicates_idx;

-- The same columns, defaults and checks as before (migrations/031), without its keys.
CREATE TABLE list_import_rows (LIKE list_import_rows_single INCLUDING DEFAULTS INCLUDING CONSTRAINTS) PARTITION BY LIST (import_id);

-- The table of one import's lines, list_import_rows_<id without dashes>.
CREATE FUNCTION list_import_rows_table(import uuid) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT 'list_import_rows_' || replace(import::text, '-', '')
$$;

-- A new, empty table for an import's lines: its import id by default and by constraint (so that
-- attaching it needs no scan), the partial index of the lines to decide. Attached at once (and indexed, empty) unless `attach` is false: the
-- COPY of a big file fills it bare, then list_import_rows_attach. Returns its name. A table left by
-- a drop that could not wait (list_import_rows_drop, its lines deleted) is reused as it is, attached.
CREATE FUNCTION list_import_rows_create(import uuid, attach boolean) RETURNS text LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  t text := list_import_rows_table(import);
BEGIN
  IF to_regclass(t) IS NOT NULL THEN
    RETURN t;
  END IF;
  EXECUTE format('CREATE TABLE %I (LIKE list_import_rows INCLUDING DEFAULTS INCLUDING CONSTRAINTS)', t);
  EXECUTE format('ALTER TABLE %I ALTER COLUMN import_id SET DEFAULT %L, ADD CONSTRAINT %I CHECK (import_id = %L)', t, import, t || '_import', import);
  -- The lines to decide are marked after the COPY: this index stays empty while it writes (ADR 0044).
  EXECUTE format('CREATE INDEX %I ON %I (line) WHERE duplicate_of_line IS NOT NULL OR existing_job_seeker_id IS NOT NULL', t || '_duplicates', t);
  IF attach THEN
    PERFORM list_import_rows_attach(import);
  END IF;
  RETURN t;
END;
$$;

-- Gives the table of an import's lines its primary key, gathers its statistics and attaches it to
-- list_import_rows (a SHARE UPDATE EXCLUSIVE lock on the parent: readers and writers of other
-- imports go on). Without statistics a fresh table's `duplicate_of_line IS NOT NULL` is guessed true
-- for nearly every line, and the confirmation read the million lines instead of the few to decide
-- through their partial index (measured: 4 statements of 150–220 ms).
CREATE FUNCTION list_import_rows_attach(import uuid) RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  t text := list_import_rows_table(import);
  target text := current_setting('default_statistics_target');
BEGIN
  -- Already attached (a reused table): nothing to do.
  IF (SELECT relispartition FROM pg_class WHERE oid = to_regclass(t)) THEN
    RETURN;
  END IF;
  EXECUTE format('ALTER TABLE %I ADD CONSTRAINT %I PRIMARY KEY (line)', t, t || '_pkey');
  -- A small sample is enough to know that nearly no line is to decide: 18 ms instead of 300 ms for a
  -- million lines, measured (autovacuum, or the embedded database's daily ANALYZE, refines it later).
  PERFORM set_config('default_statistics_target', '10', true);
  EXECUTE format('ANALYZE %I', t);
  PERFORM set_config('default_statistics_target', target, true);
  EXECUTE format('ALTER TABLE list_import_rows ATTACH PARTITION %I FOR VALUES IN (%L)', t, import);
END;
$$;

-- Drops the table of an import's lines, if any (a check run again, an import abandoned or purged).
-- Dropping a partition locks the parent for an instant: wait a little, else say so (false).
CREATE FUNCTION list_import_rows_drop(import uuid) RETURNS boolean LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  t text := list_import_rows_table(import);
BEGIN
  IF to_regclass(t) IS NULL THEN
    RETURN true;
  END IF;
  PERFORM set_config('lock_timeout', '5s', true);
  EXECUTE format('DROP TABLE %I', t);
  RETURN true;
EXCEPTION WHEN lock_not_available THEN
  RETURN false;
END;
$$;
-- Callable by the application's role, as audit_partitions_ahead (020): the default EXECUTE of PUBLIC.

-- The lines already received, each import's into its table.
SELECT list_import_rows_create(import_id, true) FROM (SELECT DISTINCT import_id FROM list_import_rows_single) i;
INSERT INTO list_import_rows SELECT * FROM list_import_rows_single;
DROP TABLE list_import_rows_single;
