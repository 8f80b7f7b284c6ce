-- The chain's append without reading the trail back (issue 15, audit trail at scale).
-- Since 010, each appended row read the last event (`ORDER BY seq DESC LIMIT 1`) and each statement
-- read it again to move the head. Once the trail is partitioned by month (020), that read is a
-- merge of one index scan per partition, per row: about 1 ms more per audited command with a
-- year of partitions, inside the section every audited commit waits for (the head's lock).
--
-- Now the head (audit_chain, locked FOR UPDATE by each append as before) is the only thing read:
-- it is exact at the start of every statement, because every appending statement moves it at its
-- end. Within a statement, the rows appended so far are carried in a setting local to the
-- transaction, `tandem.audit_tail` = '<transaction id>/<seq>/<hash in hex>'. A setting made with
-- set_config(…, true) is undone with the (sub)transaction that made it, as the head's update and
-- the rows are: a rolled-back savepoint gives its numbers back to the next append.

CREATE OR REPLACE FUNCTION audit_events_chain() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  head record;
  tail text := current_setting('tandem.audit_tail', true);
  tail_seq bigint;
BEGIN
  SELECT last_seq, last_hash INTO head FROM audit_chain WHERE id = 1 FOR UPDATE;
  IF tail IS NOT NULL AND tail <> '' AND split_part(tail, '/', 1) = txid_current()::text THEN
    tail_seq := split_part(tail, '/', 2)::bigint;
  END IF;
  IF tail_seq IS NOT NULL AND tail_seq > COALESCE(head.last_seq, 0) THEN
    NEW.seq := tail_seq + 1;
    NEW.prev_hash := decode(split_part(tail, '/', 3), 'hex');
  ELSE
    NEW.seq := COALESCE(head.last_seq, 0) + 1;
    NEW.prev_hash := head.last_hash;
  END IF;
  NEW.hash := audit_event_hash(NEW);
  PERFORM set_config('tandem.audit_tail', txid_current()::text || '/' || NEW.seq::text || '/' || encode(NEW.hash, 'hex'), true);
  RETURN NEW;
END;
$$;

-- The head moves once per statement, to the last row the statement appended.
CREATE OR REPLACE FUNCTION audit_events_chain_head() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER SET search_path = public, pg_temp AS $$
DECLARE
  tail text := current_setting('tandem.audit_tail', true);
BEGIN
  IF tail IS NOT NULL AND tail <> '' AND split_part(tail, '/', 1) = txid_current()::text THEN
    UPDATE audit_chain SET last_seq = split_part(tail, '/', 2)::bigint, last_hash = decode(split_part(tail, '/', 3), 'hex')
     WHERE id = 1 AND last_seq < split_part(tail, '/', 2)::bigint;
  END IF;
  RETURN NULL;
END;
$$;
