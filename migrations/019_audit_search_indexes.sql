-- The DPO's audit search at national scale (issue 15, helper J; docs/adr/0019-journal-d-audit-a-l-echelle.md).
-- GET /api/audit-events lists the entries of the DPO's organisation (actor_organisation_id), newest
-- first with the id breaking ties, 50 per page, optionally over a period and for an action; the
-- platform admin reads every organisation. Each index below holds exactly that order, so a page
-- is read as the first 50 entries of one index range, whatever the size of the trail, never a
-- scan and sort of all the organisation's entries. The entries about a person or a user keep
-- their indexes (001: subject, actor; 016: the case named in a decision's details).
-- Only indexes change here: no row of the hash-chained trail is touched.

-- The organisation's entries, newest first (replaces 001's (actor_organisation_id, occurred_at DESC)).
DROP INDEX audit_events_organisation_idx;
CREATE INDEX audit_events_organisation_idx ON audit_events (actor_organisation_id, occurred_at DESC, id DESC);

-- The organisation's entries of one action, newest first: a rare action is not found by walking
-- all of the organisation's entries.
CREATE INDEX audit_events_organisation_action_idx ON audit_events (actor_organisation_id, action, occurred_at DESC, id DESC);

-- Every entry, newest first, for the platform admin (replaces 001's (occurred_at DESC)).
DROP INDEX audit_events_occurred_idx;
CREATE INDEX audit_events_occurred_idx ON audit_events (occurred_at DESC, id DESC);
