-- Issue 8, finding 2 (ADR 0008): a convention is signed in Tandem, party by party. The dates a
-- file writes are information, never acts; a convention opens data only once every party that
-- signs it has a row here.

-- The parties named by the file sign; a successor (recorded later) carries an existing signature.
-- The default is true so that a party row written without thinking still waits for a signature.
ALTER TABLE convention_parties ADD COLUMN signatory boolean NOT NULL DEFAULT true;
UPDATE convention_parties SET signatory = (succeeds IS NULL);

CREATE TABLE convention_signatures (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  convention_id uuid NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES organisations(id),
  signatory_name text NOT NULL,
  signatory_title text NOT NULL,
  signed_on date NOT NULL,
  -- in_app: a steering user / org_admin of the party signs in Tandem;
  -- scanned_copy: the platform admin (or the system, for the demo) records a signed copy.
  mode text NOT NULL CHECK (mode IN ('in_app', 'scanned_copy')),
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid REFERENCES users(id),
  -- One signature per party: the backstop behind the command's check under the row lock.
  UNIQUE (convention_id, organisation_id),
  FOREIGN KEY (convention_id, organisation_id) REFERENCES convention_parties (convention_id, organisation_id) ON DELETE CASCADE
);

-- Nothing recorded before this migration was signed in Tandem: every convention goes back to a
-- draft until its parties sign (or the platform admin records their signed copies). A demo
-- instance is reloaded with `tandem demo:reset`.
UPDATE conventions SET signed_on = NULL,
  effective_on = CASE WHEN base_terms #> '{period,effective}' ? 'date' THEN effective_on ELSE NULL END;
