-- Issue 11 (ADR 0033, « L'agence d'un dossier est celle qu'il avait au moment des faits »): the agency of
-- a case (its advisor's France Travail organisation) is kept with its dates, so that last quarter's
-- figures by agency do not change when a case moves to another agency.
--
-- The current agency is copied onto the case (agency_id, agency_since): the common case, a case that
-- never moved, is read without any other access. The agencies it left are in
-- support_case_agency_history, one row per agency left, over [from_on, until_on) (the day of the move
-- belongs to the new agency). Written by the support context's command path (pair chosen, side taken
-- up) in the command's transaction; a case erased takes its history with it (CASCADE).
ALTER TABLE support_cases
  ADD COLUMN agency_id uuid REFERENCES organisations(id),
  ADD COLUMN agency_since date,
  ADD CONSTRAINT support_cases_agency_since_check CHECK ((agency_id IS NULL) = (agency_since IS NULL));

CREATE TABLE support_case_agency_history (
  case_id uuid NOT NULL REFERENCES support_cases(id) ON DELETE CASCADE,
  agency_id uuid NOT NULL REFERENCES organisations(id),
  from_on date NOT NULL,
  until_on date NOT NULL,
  PRIMARY KEY (case_id, from_on),
  CHECK (from_on < until_on)
);

-- Existing cases: their advisor's organisation today, since their orientation. Tandem kept no earlier
-- move (pair_assigned events carry names only); a case's first agency covers it from its orientation,
-- as for a new case.
UPDATE support_cases sc SET agency_id = u.organisation_id, agency_since = sc.oriented_on
  FROM users u WHERE u.id = sc.advisor_id;
