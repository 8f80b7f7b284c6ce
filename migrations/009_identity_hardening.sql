-- Identity hardening (issue 8): the platform's own organisation has its own kind (the only one
-- that may hold platform_admin), login throttling per (address typed, client IP) and per address,
-- and no more hard lock of an account.

ALTER TABLE organisations DROP CONSTRAINT organisations_kind_check;
ALTER TABLE organisations ADD CONSTRAINT organisations_kind_check
  CHECK (kind IN ('ft_direction','ft_agency','departement','city','ccas','epci','operator','employer','other','platform'));
-- An existing platform team (an "other" organisation whose members run the platform) becomes "platform".
UPDATE organisations SET kind = 'platform'
 WHERE kind = 'other' AND id IN (SELECT organisation_id FROM users WHERE 'platform_admin' = ANY (roles));

-- Consecutive unsuccessful attempts from one client IP on one e-mail address (known account or
-- not, so that throttling does not reveal which accounts exist). An attempt is counted before its
-- password is checked and forgiven when it succeeds: concurrent attempts beyond the allowance are
-- refused without checking. Rows are forgotten a day after the last attempt.
CREATE TABLE login_throttles (
  email text NOT NULL,
  ip text NOT NULL,
  failures integer NOT NULL CHECK (failures >= 0),
  blocked_until timestamptz,
  last_attempt_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (email, ip)
);
CREATE INDEX login_throttles_last_attempt_idx ON login_throttles (last_attempt_at);

-- Password checks per e-mail address in the current one-minute window, whatever the IP.
CREATE TABLE login_account_windows (
  email text PRIMARY KEY,
  window_started_at timestamptz NOT NULL,
  checks integer NOT NULL CHECK (checks >= 0)
);
CREATE INDEX login_account_windows_started_idx ON login_account_windows (window_started_at);

-- The growing delay per (address, IP) replaces the lock that let anyone lock the owner out.
ALTER TABLE users DROP COLUMN locked_until;
