-- The mail dispatcher claims each queued message before sending it (ADR 0029): 'sending' with the
-- time of the claim, taken with FOR UPDATE SKIP LOCKED, so that two dispatchers (two instances)
-- never send the same message. A claim older than 15 minutes (a dispatcher stopped mid-send) is
-- marked failed, never sent again: a message may have left, it must not leave twice.
ALTER TABLE emails DROP CONSTRAINT emails_status_check;
ALTER TABLE emails ADD CONSTRAINT emails_status_check CHECK (status IN ('outbox','queued','sending','sent','failed'));
ALTER TABLE emails ADD COLUMN claimed_at timestamptz;
CREATE INDEX emails_queued_idx ON emails (created_at) WHERE status IN ('queued','sending');
