-- « Mon portefeuille » filtered on a closed status (exited, refused): the caller's closed cases,
-- one branch per role, each by its own per-person index, as the open ones use the partial indexes
-- of migrations/003 (issue 15: never a walk of a whole-table index filtered on the person, whose
-- cost grows with every case ever closed).
CREATE INDEX support_cases_advisor_closed_idx ON support_cases (advisor_id, status) WHERE status IN ('exited','refused');
CREATE INDEX support_cases_social_worker_closed_idx ON support_cases (social_worker_id, status) WHERE status IN ('exited','refused');
CREATE INDEX support_cases_orienter_closed_idx ON support_cases (oriented_by, status) WHERE status IN ('exited','refused');
