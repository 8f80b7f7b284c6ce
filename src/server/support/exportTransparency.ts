import { auditRead } from "../platform/audit.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import type { CaseView } from "../../shared/contracts/support.js";
import type { Db } from "../platform/db.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { buildCaseView } from "./getCaseView.js";
import { getJobSeeker } from "./getJobSeeker.js";
import { authorizeCase, canReadCase, readableNoteVisibilities } from "./supportAccess.js";
import { supportErrors } from "./supportErrors.js";
import { findCase } from "./supportRepository.js";

const plural = (n: number, one: string, many: string) => (n > 1 ? many : one);

/**
 * Transparency [001 art. 6 ; 002 art. 7.2]: a copy of what the requester may hand over of what
 * Tandem holds about the person, from one of their cases. Each case of the person is first asked
 * of the policy exactly as its page asks (`support.case.read`), then presented by the page's own
 * presenter (notes and documents filtered on what the requester's role may read). A case the
 * requester may not read (another organisation, another convention: the person moved) is not
 * copied: the export only says that it exists and whom to ask, as it says for notes under
 * professional secrecy.
 */
export async function exportTransparency(db: Db, ctx: RequestContext & { user: SessionUser }, caseId: string, today = parisToday()) {
  const row = await findCase(db, caseId);
  if (!row) throw supportErrors.caseNotFound();
  await authorizeCase(db, ctx, row, "support.case.work", today);
  const record = await getJobSeeker(db, ctx, row.job_seeker_id, today);

  const all = await db.query<{ id: string }>("SELECT id FROM support_cases WHERE job_seeker_id = $1 ORDER BY oriented_on DESC, created_at DESC", [row.job_seeker_id]);
  const cases: CaseView[] = [];
  for (const { id } of all) {
    const caseRow = await findCase(db, id);
    if (caseRow && (await canReadCase(db, ctx.user, caseRow, today))) cases.push(await buildCaseView(db, ctx, caseRow, today));
  }
  const readableIds = cases.map((c) => c.id);
  const elsewhere = all.length - readableIds.length;

  const visibilities = readableNoteVisibilities(ctx.user);
  const [withheld] = await db.query<{ social_notes: string; employment_notes: string; social_documents: string; employment_documents: string }>(
    `SELECT (SELECT count(*) FROM support_notes WHERE case_id = ANY($1::uuid[]) AND visibility = 'social' AND NOT (visibility = ANY($2::text[]))) AS social_notes,
            (SELECT count(*) FROM support_notes WHERE case_id = ANY($1::uuid[]) AND visibility = 'employment' AND NOT (visibility = ANY($2::text[]))) AS employment_notes,
            (SELECT count(*) FROM support_documents WHERE case_id = ANY($1::uuid[]) AND visibility = 'social' AND NOT (visibility = ANY($2::text[]))) AS social_documents,
            (SELECT count(*) FROM support_documents WHERE case_id = ANY($1::uuid[]) AND visibility = 'employment' AND NOT (visibility = ANY($2::text[]))) AS employment_documents`,
    [readableIds, visibilities],
  );
  const notes: string[] = [];
  if (Number(withheld.social_notes) > 0) notes.push(`${withheld.social_notes} note(s) sociale(s) couvertes par le secret professionnel : à remettre par le travailleur social.`);
  if (Number(withheld.employment_notes) > 0) notes.push(`${withheld.employment_notes} note(s) emploi : à remettre par le conseiller France Travail.`);
  if (Number(withheld.social_documents) > 0) notes.push(`${withheld.social_documents} document(s) social(aux) couvert(s) par le secret professionnel : à remettre par le travailleur social.`);
  if (Number(withheld.employment_documents) > 0) notes.push(`${withheld.employment_documents} document(s) emploi : à remettre par le conseiller France Travail.`);
  if (elsewhere > 0) {
    notes.push(
      `${elsewhere} ${plural(elsewhere, "autre accompagnement tenu par une autre organisation ou sous une autre convention : son contenu est à demander à l’organisation qui l’a suivi.", "autres accompagnements tenus par d’autres organisations ou sous d’autres conventions : leur contenu est à demander aux organisations qui les ont suivis.")}`,
    );
  }
  await auditRead(db, ctx, {
    action: "support.transparency_exported",
    subjectType: "job_seeker",
    subjectId: row.job_seeker_id,
    details: { caseId, cases: readableIds, casesWithheld: elsewhere },
  });
  return {
    generatedAt: new Date().toISOString(),
    generatedBy: `${ctx.user.firstName} ${ctx.user.lastName}`,
    // The record's list of cases is the same presenter's answer: only the cases copied above.
    person: { ...record, cases: record.cases.filter((c) => readableIds.includes(c.id)) },
    cases,
    withheld: notes,
  };
}
