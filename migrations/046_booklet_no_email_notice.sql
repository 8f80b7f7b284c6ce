-- The advisor's « hand the link over » notice (employee without an e-mail address) is a notice of its
-- own kind: it used to claim the invitation's row, so an address recorded afterwards never got the
-- invitation e-mail.
ALTER TABLE pec_booklet_notices DROP CONSTRAINT pec_booklet_notices_kind_check;
ALTER TABLE pec_booklet_notices ADD CONSTRAINT pec_booklet_notices_kind_check CHECK (kind IN ('before', 'invitation', 'after', 'no_email'));
