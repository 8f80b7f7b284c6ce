import { audit } from "../platform/audit.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import type { Db } from "../platform/db.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { buildCaseView } from "./getCaseView.js";
import { getJobSeeker } from "./getJobSeeker.js";
import { authorizeCase, readableNoteVisibilities } from "./supportAccess.js";
import { supportErrors } from "./supportErrors.js";
import { findCase } from "./supportRepository.js";

/**
 * Transparency [001 art. 6 ; 002 art. 7.2]: a copy of everything Tandem holds about the person,
 * from one of their cases — the record, every case with its barriers, appointments, timeline and
 * notes. Notes under professional secrecy that the requester's role may not read are not copied:
 * the export says how many there are and who hands them over.
 */
export async function exportTransparency(db: Db, ctx: RequestContext & { user: SessionUser }, caseId: string, today = parisToday()) {
  const row = await findCase(db, caseId);
  if (!row) throw supportErrors.caseNotFound();
  await authorizeCase(db, ctx, row, "support.case.work", today);
  const person = await getJobSeeker(db, ctx, row.job_seeker_id, today);
  return db.transaction(async (tx) => {
    const cases = [];
    for (const c of person.cases) {
      const caseRow = (await findCase(tx, c.id))!;
      cases.push(await buildCaseView(tx, ctx, caseRow, today));
    }
    const readable = readableNoteVisibilities(ctx.user);
    const [withheld] = await tx.query<{ social: string; employment: string }>(
      `SELECT count(*) FILTER (WHERE visibility = 'social') AS social, count(*) FILTER (WHERE visibility = 'employment') AS employment
         FROM support_notes n JOIN support_cases sc ON sc.id = n.case_id
        WHERE sc.job_seeker_id = $1 AND NOT (n.visibility = ANY($2::text[]))`,
      [row.job_seeker_id, readable],
    );
    const notes: string[] = [];
    if (Number(withheld.social) > 0) notes.push(`${withheld.social} note(s) sociale(s) couvertes par le secret professionnel : à remettre par le travailleur social.`);
    if (Number(withheld.employment) > 0) notes.push(`${withheld.employment} note(s) emploi : à remettre par le conseiller France Travail.`);
    await audit(tx, ctx, { action: "support.transparency_exported", subjectType: "job_seeker", subjectId: row.job_seeker_id, details: { caseId } });
    return {
      generatedAt: new Date().toISOString(),
      generatedBy: `${ctx.user.firstName} ${ctx.user.lastName}`,
      person,
      cases,
      withheld: notes,
    };
  });
}
