-- Issue 14 (helper E): France Travail's ROME 4.0 referential, and PMSMP immersions (ADR 0036).

-- The ROME referential as France Travail publishes it (RefRomeCsv: unix_referentiel_code_rome,
-- unix_referentiel_appellation, unix_referentiel_competence, unix_referentiel_savoir,
-- unix_liens_rome_referentiels). Replaced as a whole by each load (rome:load), in one transaction.
-- Nothing else references these rows by key: who uses a code keeps it with its label.
CREATE TABLE rome_trades (
  code text PRIMARY KEY CHECK (code ~ '^[A-Z][0-9]{4}$'),
  ogr text NOT NULL,
  label text NOT NULL,
  -- Lower case, without accents: what the search compares.
  search_text text NOT NULL
);

CREATE TABLE rome_appellations (
  ogr text PRIMARY KEY,
  trade_code text NOT NULL REFERENCES rome_trades(code) ON DELETE CASCADE,
  label text NOT NULL,
  short_label text NOT NULL,
  search_text text NOT NULL
);
CREATE INDEX rome_appellations_trade_idx ON rome_appellations (trade_code);

-- Skills: savoir-faire and savoir-être (unix_referentiel_competence, kind from the links' rubrique)
-- and savoirs (unix_referentiel_savoir), each by its code OGR.
CREATE TABLE rome_skills (
  code text PRIMARY KEY,
  label text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('savoir_faire', 'savoir_etre', 'savoir')),
  search_text text NOT NULL
);

CREATE TABLE rome_trade_skills (
  trade_code text NOT NULL REFERENCES rome_trades(code) ON DELETE CASCADE,
  skill_code text NOT NULL REFERENCES rome_skills(code) ON DELETE CASCADE,
  PRIMARY KEY (trade_code, skill_code)
);
CREATE INDEX rome_trade_skills_skill_idx ON rome_trade_skills (skill_code);

-- What the last load was (version read from the file names, counts, when).
CREATE TABLE rome_loads (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  version text NOT NULL,
  trades integer NOT NULL,
  appellations integer NOT NULL,
  skills integer NOT NULL,
  links integer NOT NULL,
  links_ignored integer NOT NULL,
  loaded_at timestamptz NOT NULL DEFAULT now()
);

-- The trades a hosting party declares it exercises (000 art. 3.1 b : « dans la limite des métiers et
-- compétences exercés au sein de celle-ci »): what an immersion with it may offer.
CREATE TABLE immersion_host_trades (
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  rome_code text NOT NULL,
  rome_label text NOT NULL,
  declared_by uuid REFERENCES users(id),
  declared_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (organisation_id, rome_code)
);

-- A PMSMP immersion under a convention whose file has `programmes.immersion`.
CREATE TABLE immersions (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  convention_id uuid NOT NULL REFERENCES conventions(id),
  -- Erasing the person (rights, purges) erases their immersions.
  job_seeker_id uuid NOT NULL REFERENCES job_seekers(id) ON DELETE CASCADE,
  host_org_id uuid NOT NULL REFERENCES organisations(id),
  prescriber_id uuid NOT NULL REFERENCES users(id),
  prescriber_org_id uuid NOT NULL REFERENCES organisations(id),
  tutor_name text NOT NULL,
  tutor_email text NOT NULL,
  tutor_function text NOT NULL,
  starts_on date NOT NULL,
  ends_on date NOT NULL CHECK (ends_on >= starts_on),
  weekly_hours numeric(4, 1) NOT NULL CHECK (weekly_hours > 0 AND weekly_hours <= 48),
  object text NOT NULL CHECK (object IN ('discover', 'confirm_project', 'initiate_recruitment')),
  rome_code text NOT NULL,
  rome_label text NOT NULL,
  -- The agreement (convention d'immersion) made on immersion-facile.beta.gouv.fr, when known.
  agreement_reference text,
  assessment_due_on date NOT NULL,
  objective_reached text CHECK (objective_reached IN ('yes', 'partly', 'no')),
  skills_observed jsonb NOT NULL DEFAULT '[]',
  follow_up text CHECK (follow_up IN ('recruitment', 'training', 'other_immersion', 'none')),
  assessment_comment text,
  assessed_on date,
  assessed_by uuid REFERENCES users(id),
  assessed_at timestamptz,
  -- The reminder of an assessment due and not recorded: sent once.
  assessment_reminded_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK ((assessed_at IS NULL) = (objective_reached IS NULL) AND (assessed_at IS NULL) = (follow_up IS NULL))
);
CREATE INDEX immersions_convention_idx ON immersions (convention_id, starts_on);
CREATE INDEX immersions_host_idx ON immersions (host_org_id, starts_on);
CREATE INDEX immersions_job_seeker_idx ON immersions (job_seeker_id);
CREATE INDEX immersions_assessment_due_idx ON immersions (assessment_due_on) WHERE assessed_at IS NULL;
