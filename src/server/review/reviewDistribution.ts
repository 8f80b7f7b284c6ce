import type { Db } from "../platform/db.js";
import { globalSupportTermsOf } from "../convention/conventionTerms.js";
import type { ReviewCaseRow, ReviewRow } from "./reviewRepository.js";

export type Recipient = { email: string; name: string; userId: string; organisationId: string; pairOf: Set<string> | null };

/**
 * The convention's distribution list for the follow-up table [002 art. 5.2 a)], resolved to
 * people. A pair member receives the rows of their own cases only; the others (steering staff
 * of the parties) receive the rows of the review's cases, as their role lets them see them.
 */
export async function distributionOf(db: Db, review: ReviewRow, cases: ReviewCaseRow[]): Promise<{ label: string; recipients: Recipient[] }[]> {
  const gs = await globalSupportTermsOf(db, review.convention_id, review.held_on);
  const lists = [];
  for (const entry of gs?.terms.reviewDistribution ?? []) {
    if ("pair" in entry) {
      const byUser = new Map<string, Recipient>();
      for (const c of cases) {
        for (const userId of [c.advisor_id, c.social_worker_id]) {
          if (!userId) continue;
          if (!byUser.has(userId)) {
            const [u] = await db.query<{ email: string; name: string; organisation_id: string }>(
              "SELECT email, first_name || ' ' || last_name AS name, organisation_id FROM users WHERE id = $1 AND active",
              [userId],
            );
            if (!u) continue;
            byUser.set(userId, { email: u.email, name: u.name, userId, organisationId: u.organisation_id, pairOf: new Set() });
          }
          byUser.get(userId)?.pairOf?.add(c.case_id);
        }
      }
      lists.push({ label: entry.label, recipients: [...byUser.values()] });
    } else {
      const users = await db.query<{ id: string; email: string; name: string; organisation_id: string }>(
        `SELECT u.id, u.email, u.first_name || ' ' || u.last_name AS name, u.organisation_id FROM users u JOIN organisations o ON o.id = u.organisation_id
          WHERE o.code = $1 AND u.active AND u.roles && $2::text[] ORDER BY u.email`,
        [entry.organisation, entry.roles],
      );
      lists.push({ label: entry.label, recipients: users.map((u) => ({ email: u.email, name: u.name, userId: u.id, organisationId: u.organisation_id, pairOf: null })) });
    }
  }
  return lists;
}
