-- The DPO's audit trail, searched by person (helper F, issue 9): every entry about a job seeker
-- (their record, their cases, the review decisions on those cases) and every entry by or about a
-- user, paged in SQL. Entries about a job seeker or a case are found on audit_events_subject_idx;
-- these indexes serve the rest.

-- Review decisions name their case in their details (subject: the review).
CREATE INDEX audit_events_case_detail_idx ON audit_events ((details->>'caseId'), occurred_at DESC)
  WHERE (details->>'caseId') IS NOT NULL;

-- A user found by name ("petit julie", without accents or case), as job seekers are (003).
CREATE INDEX users_name_trgm_idx ON users
  USING gin (tandem_unaccent(lower(last_name || ' ' || first_name)) gin_trgm_ops);
