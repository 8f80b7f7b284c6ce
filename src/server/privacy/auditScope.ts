import type { AuditQuery } from "../../shared/contracts/platform.js";
import { authorize, can } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { likeEscaped } from "../platform/likePattern.js";

export type AuditCtx = RequestContext & { user: SessionUser };
export type AuditFilters = Omit<AuditQuery, "page" | "pageSize">;

/** A LIKE pattern for one word, with LIKE's own characters taken literally. */
const containing = (word: string) => `%${likeEscaped(word)}%`;
/** Name search as the job-seeker search does it: every word, in any order, without accents or case (trigram indexes). */
const nameWords = (q: string) => q.split(/\s+/).filter(Boolean).slice(0, 5);

/**
 * The WHERE clause of the audit trail for this caller: the policy's answer (`audit.read`) in SQL —
 * a DPO reads the entries of their organisation's people, the platform admin every entry — and
 * the filters, on indexed columns. The search page and the CSV export share it, so they show the
 * same entries. Parameters are numbered from 1.
 */
export function auditWhere(ctx: AuditCtx, q: AuditFilters) {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const p = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (!can(ctx.user, "audit.read", "all")) {
    authorize(ctx.user, "audit.read", { organisationId: ctx.user.organisationId });
    conditions.push(`actor_organisation_id = ${p(ctx.user.organisationId)}`);
  }
  if (q.action) conditions.push(`action = ${p(q.action)}`);
  if (q.subjectType) conditions.push(`subject_type = ${p(q.subjectType)}`);
  if (q.subjectId) conditions.push(`subject_id = ${p(q.subjectId)}`);
  // The address is the account's (users.email by actor_user_id): events no longer copy it (migrations/020).
  if (q.actorEmail) conditions.push(`actor_user_id IN (SELECT u.id FROM users u WHERE lower(u.email) = lower(${p(q.actorEmail)}))`);
  if (q.from) conditions.push(`occurred_at >= (${p(q.from)}::date)::timestamp AT TIME ZONE 'Europe/Paris'`);
  if (q.to) conditions.push(`occurred_at < ((${p(q.to)}::date + 1)::timestamp AT TIME ZONE 'Europe/Paris')`);

  if (q.person) {
    // The job seekers so named (or so identified), their cases, and the review decisions on those cases.
    const names = nameWords(q.person).map((w) => `tandem_unaccent(lower(js.last_name || ' ' || js.first_name)) LIKE tandem_unaccent(lower(${p(containing(w))}))`);
    const matched = `(js.ft_identifier = ${p(q.person.toUpperCase())} OR (${names.join(" AND ")}))`;
    const cases = `SELECT sc.id::text FROM support_cases sc JOIN job_seekers js ON js.id = sc.job_seeker_id WHERE ${matched}`;
    conditions.push(
      `((subject_type = 'job_seeker' AND subject_id IN (SELECT js.id::text FROM job_seekers js WHERE ${matched}))
        OR (subject_type = 'support_case' AND subject_id IN (${cases}))
        OR ((details->>'caseId') IS NOT NULL AND (details->>'caseId') IN (${cases})))`,
    );
  }
  if (q.user) {
    // The users so named (or with this address): what they did, and what was done to their account.
    const names = nameWords(q.user).map((w) => `tandem_unaccent(lower(u.last_name || ' ' || u.first_name)) LIKE tandem_unaccent(lower(${p(containing(w))}))`);
    const users = `SELECT u.id FROM users u WHERE lower(u.email) = lower(${p(q.user)}) OR (${names.join(" AND ")})`;
    conditions.push(`(actor_user_id IN (${users}) OR (subject_type = 'user' AND subject_id IN (SELECT id::text FROM (${users}) named)))`);
  }
  return { where: conditions.length ? `WHERE ${conditions.join(" AND ")}` : "", params };
}
