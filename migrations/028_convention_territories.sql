-- A convention's territory (issue 10, ADR 0027): the communes whose residents the professionals
-- acting under it may find, read, orient and record. By default the union of its partner parties'
-- territories; narrowed by the file (`territory`: a département, an EPCI, a list of communes).
-- Owned by the convention context (convention/conventionTerritory.ts), which fills and refreshes it.
CREATE TABLE convention_communes (
  convention_id uuid NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
  insee_code text NOT NULL CHECK (insee_code ~ '^[0-9][0-9AB][0-9]{3}$'),
  PRIMARY KEY (convention_id, insee_code)
);
-- Reach is asked by commune (« is this commune in a territory of one of these conventions? »).
CREATE INDEX convention_communes_insee_idx ON convention_communes (insee_code, convention_id);

-- Conventions imported before: the default territory, the union of their signing partner parties'
-- territories (a successor takes the convention on its territory, not on its own wider one).
INSERT INTO convention_communes (convention_id, insee_code)
SELECT DISTINCT p.convention_id, oc.insee_code
  FROM convention_parties p JOIN organisation_communes oc ON oc.organisation_id = p.organisation_id
 WHERE p.side = 'partner' AND p.valid_from IS NULL;
