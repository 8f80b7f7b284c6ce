-- Organisations administered in the app (issue 10, ADR 0022): a platform admin creates and edits
-- them, with their official identifiers, their territory chosen from the official referential and
-- their contacts. Existing rows stay valid: every new column is optional, and the existing kinds
-- keep their meaning (`ft_direction` is a territorial direction; `ft_region` is new).

ALTER TABLE organisations DROP CONSTRAINT organisations_kind_check;
ALTER TABLE organisations ADD CONSTRAINT organisations_kind_check
  CHECK (kind IN ('ft_region','ft_direction','ft_agency','departement','city','ccas','epci','operator','employer','other','platform'));

ALTER TABLE organisations
  ADD COLUMN siret text CHECK (siret ~ '^[0-9]{14}$'),
  -- INSEE code of the commune a commune or its CCAS is (COG).
  ADD COLUMN insee_code text CHECK (insee_code ~ '^[0-9][0-9AB][0-9]{3}$'),
  ADD COLUMN departement_code text CHECK (departement_code ~ '^([0-9]{2}|2A|2B|9[78][0-9])$'),
  ADD COLUMN ft_agency_code text CHECK (ft_agency_code ~ '^[A-Z0-9]{3,12}$'),
  -- Where organisation_communes came from: a département, an EPCI (by SIREN) or a list of communes.
  ADD COLUMN territory_kind text NOT NULL DEFAULT 'none' CHECK (territory_kind IN ('none','departement','epci','communes')),
  ADD COLUMN territory_code text,
  ADD COLUMN postal_address text CHECK (length(postal_address) <= 500),
  ADD COLUMN contact_email text CHECK (length(contact_email) <= 254),
  ADD COLUMN dpo_name text CHECK (length(dpo_name) <= 200),
  ADD COLUMN dpo_email text CHECK (length(dpo_email) <= 254),
  ADD COLUMN security_email text CHECK (length(security_email) <= 254),
  ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
  ADD CONSTRAINT organisations_territory_code_check
    CHECK ((territory_kind IN ('departement','epci')) = (territory_code IS NOT NULL)),
  ADD CONSTRAINT organisations_not_own_parent CHECK (parent_id IS NULL OR parent_id <> id);

CREATE UNIQUE INDEX organisations_siret_idx ON organisations (siret) WHERE siret IS NOT NULL;
CREATE UNIQUE INDEX organisations_ft_agency_code_idx ON organisations (ft_agency_code) WHERE ft_agency_code IS NOT NULL;
CREATE INDEX organisations_parent_idx ON organisations (parent_id);
-- The admin list searches by name (accents and case ignored) and sorts by name.
CREATE INDEX organisations_name_idx ON organisations (lower(name));
