-- Issue 9, « every mistake is correctable, with history »: a payment of a convention says who paid
-- whom and what it pays, and can be corrected or cancelled with a reason, its history kept.
--
-- Decision: the payment row holds its current values (what every total reads: one row per
-- payment, cancelled ones left out), and each correction or cancellation appends one line to
-- convention_payment_corrections with the values before and after. Versioned payment rows would
-- make every sum pick the latest version of each payment; an append-only history next to the
-- current row keeps the totals one plain SUM and the history one plain list.

ALTER TABLE convention_payments ADD COLUMN payer_organisation_id uuid REFERENCES organisations(id);
ALTER TABLE convention_payments ADD COLUMN payee_organisation_id uuid REFERENCES organisations(id);
-- The instalment it pays: the contractual year's first day and the schedule line ("2013-01-01:0"); NULL when not said.
ALTER TABLE convention_payments ADD COLUMN instalment text CHECK (instalment ~ '^\d{4}-\d{2}-\d{2}:\d+$');
ALTER TABLE convention_payments ADD COLUMN cancelled_at timestamptz;
ALTER TABLE convention_payments ADD COLUMN cancelled_by uuid REFERENCES users(id);
ALTER TABLE convention_payments ADD COLUMN cancellation_reason text;
ALTER TABLE convention_payments ADD CONSTRAINT convention_payments_cancellation_check
  CHECK ((cancelled_at IS NULL) = (cancellation_reason IS NULL));
CREATE INDEX convention_payments_convention_idx ON convention_payments (convention_id, paid_on);

-- The payments recorded before this migration were paid by the payer the finance terms name, to
-- the first party of the other side.
UPDATE convention_payments p SET
  payer_organisation_id = (SELECT o.id FROM conventions c JOIN organisations o ON o.code = c.base_terms->'finance'->>'payer' WHERE c.id = p.convention_id),
  payee_organisation_id = (
    SELECT cp.organisation_id FROM conventions c
      JOIN organisations payer ON payer.code = c.base_terms->'finance'->>'payer'
      JOIN convention_parties pp ON pp.convention_id = c.id AND pp.organisation_id = payer.id
      JOIN convention_parties cp ON cp.convention_id = c.id AND cp.side <> pp.side
     WHERE c.id = p.convention_id
     ORDER BY cp.valid_from NULLS FIRST LIMIT 1);

CREATE TABLE convention_payment_corrections (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  payment_id uuid NOT NULL REFERENCES convention_payments(id) ON DELETE CASCADE,
  convention_id uuid NOT NULL REFERENCES conventions(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('corrected', 'cancelled')),
  reason text NOT NULL,
  -- The payment's values before and after: {paidOn, amountCents, payerOrganisationId, payeeOrganisationId, instalment, note}.
  before jsonb NOT NULL,
  after jsonb,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  recorded_by uuid REFERENCES users(id),
  CHECK ((kind = 'cancelled') = (after IS NULL))
);
CREATE INDEX convention_payment_corrections_payment_idx ON convention_payment_corrections (payment_id, recorded_at);

ALTER TABLE convention_events DROP CONSTRAINT convention_events_kind_check;
ALTER TABLE convention_events ADD CONSTRAINT convention_events_kind_check CHECK (kind IN (
  'imported','signature','amendment','amendment_proposed','amendment_signature','termination_notice','succession','commitment_value',
  'payment','payment_corrected','payment_cancelled'));
