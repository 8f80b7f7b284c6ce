-- The platform admin finds a message by its recipient (« Boîte d’envoi », field « Destinataire »):
-- a prefix search on the lower-cased address, newest first.
CREATE INDEX emails_recipient_idx ON emails (lower(to_address) text_pattern_ops, created_at DESC);
