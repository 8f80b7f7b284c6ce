-- Lists received from France Travail (issue 12, ADR 0030): each import is a received file with its
-- purge date from the convention's data clause; its lines are checked (dry run) into a staging
-- table, paged in SQL, and applied in one transaction once the user confirms.
CREATE TABLE list_imports (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- new_registrants: 003 annexe 1 ; rsa_monthly: 002 art. 4.1 b).
  source text NOT NULL CHECK (source IN ('new_registrants', 'rsa_monthly')),
  convention_id uuid NOT NULL REFERENCES conventions(id),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  created_by uuid NOT NULL REFERENCES users(id),
  file_name text NOT NULL,
  file_format text NOT NULL CHECK (file_format IN ('csv', 'xlsx')),
  file_bytes bigint NOT NULL,
  -- Where the uploaded file waits until the import is applied or cancelled (deleted then).
  file_path text,
  encoding text,
  status text NOT NULL CHECK (status IN ('checking', 'checked', 'failed', 'applied', 'cancelled')),
  -- The columns of the file for each field (header text), as used by the last check.
  mapping jsonb NOT NULL DEFAULT '{}',
  header text[] NOT NULL DEFAULT '{}',
  rows_total integer,
  rows_done integer NOT NULL DEFAULT 0,
  rows_valid integer NOT NULL DEFAULT 0,
  issue_count integer NOT NULL DEFAULT 0,
  duplicate_count integer NOT NULL DEFAULT 0,
  -- A problem that stops the whole file (unreadable, missing column): nothing can be applied.
  fatal_error text,
  received_at timestamptz NOT NULL DEFAULT now(),
  checked_at timestamptz,
  applied_at timestamptz,
  applied_by uuid REFERENCES users(id),
  people_created integer,
  people_linked integer,
  rows_skipped integer,
  -- The received file's purge date and the clause it comes from (conventionTerms.dataClausesOf).
  purge_on date NOT NULL,
  purge_rule text NOT NULL
);
CREATE INDEX list_imports_organisation_idx ON list_imports (organisation_id, received_at DESC);
CREATE INDEX list_imports_purge_idx ON list_imports (purge_on) WHERE status = 'applied';

-- One problem of one line (the header is line 1): line, column, value, French message.
CREATE TABLE list_import_issues (
  import_id uuid NOT NULL REFERENCES list_imports(id) ON DELETE CASCADE,
  seq integer NOT NULL,
  line integer NOT NULL,
  column_name text,
  value text,
  message text NOT NULL,
  PRIMARY KEY (import_id, seq)
);

-- The lines of a received list as checked: kept after confirmation as the received data, until the purge.
CREATE TABLE list_import_rows (
  import_id uuid NOT NULL REFERENCES list_imports(id) ON DELETE CASCADE,
  line integer NOT NULL,
  ft_identifier text NOT NULL,
  last_name text NOT NULL,
  first_name text NOT NULL,
  birth_date date,
  address text,
  commune_insee text,
  registered_on date,
  movement text CHECK (movement IN ('registration', 'cancellation', 'removal', 'present')),
  movement_on date,
  removal_reason text,
  removal_months integer,
  -- Duplicates: an earlier line of the same file, or a person already in Tandem.
  duplicate_of_line integer,
  existing_job_seeker_id uuid,
  existing_match text CHECK (existing_match IN ('identifier', 'identity')),
  decision text NOT NULL DEFAULT 'keep' CHECK (decision IN ('keep', 'skip', 'merge')),
  -- After confirmation: the person the line created or was merged into (rsa_monthly).
  job_seeker_id uuid,
  PRIMARY KEY (import_id, line)
);
CREATE INDEX list_import_rows_duplicates_idx ON list_import_rows (import_id, line)
  WHERE duplicate_of_line IS NOT NULL OR existing_job_seeker_id IS NOT NULL;

-- People a list brought into Tandem: created by it (created = true: the list is their only
-- source, the purge deletes them unless they entered a support) or linked to it.
CREATE TABLE list_import_people (
  import_id uuid NOT NULL REFERENCES list_imports(id),
  job_seeker_id uuid NOT NULL REFERENCES job_seekers(id),
  created boolean NOT NULL,
  PRIMARY KEY (import_id, job_seeker_id)
);
CREATE INDEX list_import_people_person_idx ON list_import_people (job_seeker_id);

-- The columns of an organisation's files for each source, saved at each confirmation, offered next time.
CREATE TABLE list_import_mappings (
  organisation_id uuid NOT NULL REFERENCES organisations(id) ON DELETE CASCADE,
  source text NOT NULL,
  mapping jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, source)
);
