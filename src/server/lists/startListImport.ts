import { deadlineAfter } from "../../domain/convention/delays.js";
import { LIST_KINDS, type ListSource, listsProvidedBy } from "../../domain/lists/listKinds.js";
import { frenchDate, parisToday } from "../../domain/shared/calendarDate.js";
import { dataClausesOf, type ListExchangeTerms, listExchangeTermsOf, lockConventionForShare } from "../convention/conventionTerms.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { errors } from "../platform/errors.js";
import { authorize } from "../platform/policies.js";
import { listErrors } from "./listErrors.js";
import type { UserContext } from "./listImportCommand.js";
import { scheduleListCheck } from "./listImportJobs.js";
import { removeUpload, type SavedUpload } from "./listUpload.js";
import type { ListImportDeps } from "./runListImport.js";

/**
 * Whether the organisation may receive this list under this convention today: a partner agent of
 * its partner side, the convention in force, its data exchange not suspended, and its terms
 * providing the list (listsProvidedBy). Checked at the upload and again at the confirmation.
 */
export function assertMayReceive(ctx: UserContext, terms: ListExchangeTerms | null, source: ListSource, today: string): ListExchangeTerms {
  if (!terms) throw errors.notFound("Convention");
  // The RSA list goes to the département's services [002 art. 4.1 b)], the new registrants to the partner [003 art. 4.1].
  authorize(ctx.user, "list.import", { partnerOrganisationIds: source === "rsa_monthly" ? terms.departementPartnerIds : terms.partnerOrganisationIds });
  if (terms.dataExchangeSuspendedOn && terms.dataExchangeSuspendedOn <= today) throw listErrors.exchangeSuspended(frenchDate(terms.dataExchangeSuspendedOn));
  if (!terms.inForce) throw listErrors.conventionNotInForce();
  if (!listsProvidedBy(terms).includes(source)) throw listErrors.listNotProvided();
  return terms;
}

/**
 * The received file's purge date, from the convention's data clause (dataClausesOf): the retention
 * of a received list run from its receipt (003 art. 4.2: two months); a convention that sets none
 * keeps the list no longer than it justifies it — the destruction after its end, else its end.
 */
export async function purgeDateOf(db: Db, conventionId: string, receivedAt: Date): Promise<{ purgeOn: string; rule: string }> {
  const today = parisToday(receivedAt);
  const clauses = await dataClausesOf(db, conventionId, today);
  if (!clauses) throw errors.notFound("Convention");
  const retention = clauses.obligations.find((o) => o.key === "received_list_retention");
  if (retention) {
    const due = deadlineAfter(receivedAt, retention.delay);
    return { purgeOn: "dueOn" in due ? due.dueOn : parisToday(new Date(due.dueAt)), rule: `${retention.label} (${retention.source})` };
  }
  const afterEnd = clauses.obligations.find((o) => o.key === "destruction_after_end");
  if (afterEnd?.dueOn) return { purgeOn: afterEnd.dueOn, rule: `${afterEnd.label} (${afterEnd.source})` };
  return { purgeOn: clauses.endsOn, rule: `La convention ${clauses.number} ne fixe pas de durée de conservation des listes reçues : supprimée à sa fin` };
}

/**
 * Receives an uploaded list: checks who, under which convention and which list, records the
 * received file (its purge date computed now), audits, and hands the check to the background
 * (scheduleListCheck) once committed. The file is deleted if the import is refused.
 */
export async function startListImport(
  deps: ListImportDeps,
  ctx: UserContext,
  input: { conventionId: string; source: ListSource; fileName: string; format: "csv" | "xlsx"; upload: SavedUpload | undefined },
  now = new Date(),
): Promise<string> {
  const { db } = deps;
  try {
    const today = parisToday(now);
    // The body is the file itself (text/csv, XLSX or octet-stream), never JSON.
    const upload = input.upload;
    if (typeof upload?.path !== "string") throw errors.unsupportedMediaType();
    const id = await db.transaction(async (tx) => {
      // The convention's state is read under a share lock: a termination or a suspension waits for this import, or it is refused.
      await lockConventionForShare(tx, input.conventionId);
      assertMayReceive(ctx, await listExchangeTermsOf(tx, input.conventionId, today), input.source, today);
      const purge = await purgeDateOf(tx, input.conventionId, now);
      const [row] = await tx.query<{ id: string }>(
        `INSERT INTO list_imports (source, convention_id, organisation_id, created_by, file_name, file_format, file_bytes, file_path, status, received_at, purge_on, purge_rule)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'checking', $9, $10, $11) RETURNING id`,
        [input.source, input.conventionId, ctx.user.organisationId, ctx.user.id, input.fileName, input.format, upload.bytes, upload.path, now, purge.purgeOn, purge.rule],
      );
      await audit(tx, ctx, {
        action: "list_import.received",
        subjectType: "list_import",
        subjectId: row.id,
        details: { source: input.source, label: LIST_KINDS[input.source].label, conventionId: input.conventionId, bytes: upload.bytes, purgeOn: purge.purgeOn },
      });
      await scheduleListCheck(tx, row.id);
      return row.id;
    });
    return id;
  } catch (e) {
    await removeUpload(typeof input.upload?.path === "string" ? input.upload.path : null);
    throw e;
  }
}
