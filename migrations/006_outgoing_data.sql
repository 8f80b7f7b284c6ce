-- Whatever leaves the server is authorised for whoever receives it (issue 8).

-- A notification names the cases it is about, so that the list shows its detail only while the
-- user may still read every one of them (a digest is about several cases).
ALTER TABLE notifications ADD COLUMN case_ids uuid[] NOT NULL DEFAULT '{}';
UPDATE notifications SET case_ids = ARRAY[case_id] WHERE case_id IS NOT NULL;
-- A digest stored before this migration names several cases without saying which: it cannot be
-- authorised case by case, so it is dropped (it was a day's reminder; the next digest replaces it).
DELETE FROM notifications WHERE case_id IS NULL AND kind = 'daily_digest';

-- The iCalendar feed's secret is kept as its SHA-256 only: a copy of the database (or of a
-- backup) no longer opens anyone's feed. The clear tokens are dropped: each user gets a new
-- address from the « Mes échéances » page.
ALTER TABLE users ADD COLUMN calendar_token_hash text UNIQUE;
ALTER TABLE users DROP COLUMN calendar_token;
