-- Issue 8, finding 2, for amendments (ADR 0008, « Avenants ») : an amendment is proposed by a
-- party and binds the parties only once every party has signed it in Tandem. Until then it
-- changes nothing (the repository's listAmendments leaves it out of every term read).

-- The date the amendment itself states (a file's, or the proposer's): information, it signs nothing.
ALTER TABLE convention_amendments ADD COLUMN stated_signed_on date;
-- Who must sign: the parties acting on the amendment's effective date (a successor signs for the
-- party it succeeded), fixed when it is proposed so that a signed amendment stays signed.
ALTER TABLE convention_amendments ADD COLUMN signing_parties uuid[] NOT NULL DEFAULT '{}';
-- signed_on now means: the day the last of those parties signed in Tandem; NULL while one is missing.
ALTER TABLE convention_amendments ALTER COLUMN signed_on DROP NOT NULL;

CREATE TABLE convention_amendment_signatures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  amendment_id uuid NOT NULL REFERENCES convention_amendments(id) ON DELETE CASCADE,
  convention_id uuid NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  signatory_name text NOT NULL,
  signatory_title text NOT NULL,
  signed_on date NOT NULL,
  -- The same modes as a convention's signature: a user of the party in Tandem, or the platform
  -- admin (the system, for the demo) from a scanned signed copy.
  mode text NOT NULL CHECK (mode IN ('in_app', 'scanned_copy')),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid REFERENCES users(id),
  -- One signature per party and amendment: the backstop behind the command's check under the row lock.
  UNIQUE (amendment_id, organisation_id),
  FOREIGN KEY (convention_id, organisation_id) REFERENCES convention_parties (convention_id, organisation_id) ON DELETE CASCADE
);
CREATE INDEX convention_amendment_signatures_convention_idx ON convention_amendment_signatures (convention_id);

-- The convention's history says when an amendment is proposed and when each party signs it
-- ('amendment' stays for the lines written before this migration).
ALTER TABLE convention_events DROP CONSTRAINT convention_events_kind_check;
ALTER TABLE convention_events ADD CONSTRAINT convention_events_kind_check CHECK (kind IN (
  'imported','signature','amendment','amendment_proposed','amendment_signature','termination_notice','succession','commitment_value','payment'));

-- Nothing recorded before this migration was signed by every party in Tandem: each amendment
-- becomes a proposal awaiting the signatures of the parties acting on its effective date, and
-- the conventions' derived dates go back to their signed terms (no amendment applied). A demo
-- instance is reloaded with `tandem demo:reset`.
UPDATE convention_amendments a SET
  stated_signed_on = a.signed_on,
  signed_on = NULL,
  signing_parties = ARRAY(
    SELECT p.organisation_id FROM convention_parties p
     WHERE p.convention_id = a.convention_id
       AND (p.valid_from IS NULL OR p.valid_from <= a.effective_on) AND (p.valid_to IS NULL OR p.valid_to > a.effective_on)
     ORDER BY p.organisation_id);
UPDATE conventions c SET
  ends_on = (c.base_terms #>> '{period,endsOn}')::date,
  effective_on = CASE WHEN c.base_terms #> '{period,effective}' ? 'date' THEN (c.base_terms #>> '{period,effective,date}')::date ELSE c.signed_on END
 WHERE EXISTS (SELECT 1 FROM convention_amendments a WHERE a.convention_id = c.id);
