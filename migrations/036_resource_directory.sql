-- Issue 13 part 1: the partners' resource directory on the data·inclusion schema 1.x (ADR 0035).
-- Each structure and service is kept as the schema's own record (jsonb, validated against the
-- vendored JSON Schema before every write); the columns beside it are what Tandem searches by.

CREATE TABLE directory_structures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  -- The schema's `id` (producer--local id), unique across the directory.
  di_id text NOT NULL UNIQUE,
  record jsonb NOT NULL,
  date_maj date NOT NULL,
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX directory_structures_organisation_idx ON directory_structures (organisation_id);

CREATE TABLE directory_services (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  structure_id uuid NOT NULL REFERENCES directory_structures(id),
  di_id text NOT NULL UNIQUE,
  record jsonb NOT NULL,
  thematiques text[] NOT NULL DEFAULT '{}',
  -- zone_eligibilite names the whole country (`france` or `99100`): every commune is covered.
  national boolean NOT NULL DEFAULT false,
  date_maj date NOT NULL,
  updated_by uuid REFERENCES users(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX directory_services_organisation_idx ON directory_services (organisation_id);
CREATE INDEX directory_services_structure_idx ON directory_services (structure_id);

-- The communes a service's zone_eligibilite covers (communes, EPCI members, communes of each
-- département), expanded from the official referential when the service is written: a search for a
-- person's commune is one index lookup.
CREATE TABLE directory_service_communes (
  service_id uuid NOT NULL REFERENCES directory_services(id) ON DELETE CASCADE,
  insee_code text NOT NULL,
  PRIMARY KEY (service_id, insee_code)
);
CREATE INDEX directory_service_communes_commune_idx ON directory_service_communes (insee_code, service_id);

-- The yearly joint update a convention requires [001 art. 2.1]: one campaign per convention and year.
CREATE TABLE directory_update_campaigns (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  convention_id uuid NOT NULL REFERENCES conventions(id),
  year integer NOT NULL,
  starts_on date NOT NULL,
  deadline date NOT NULL CHECK (deadline >= starts_on),
  created_by uuid REFERENCES users(id),
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (convention_id, year)
);

-- The campaign's reminders to each organisation's keepers of stale resources: once per stage
-- (opened, due within 30 days, overdue) and user, whatever the number of daily runs.
CREATE TABLE directory_campaign_reminders (
  campaign_id uuid NOT NULL REFERENCES directory_update_campaigns(id) ON DELETE CASCADE,
  user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  stage text NOT NULL CHECK (stage IN ('opened', 'due_soon', 'overdue')),
  sent_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (campaign_id, user_id, stage)
);
