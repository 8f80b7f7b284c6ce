import type { Db } from "../platform/db.js";
import { authorize } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { listErrors } from "./listErrors.js";
import { findListImport, type ListImportRow } from "./listImportRepository.js";

export type UserContext = RequestContext & { user: SessionUser };

/**
 * The one path of every write to an import: open the transaction, lock the import's row, authorise
 * from what is locked (the importing organisation's partner agents), apply, audit (inside `apply`,
 * last). Nothing read before the transaction decides.
 */
export async function runListImportCommand<T>(db: Db, ctx: UserContext, importId: string, apply: (tx: Db, imp: ListImportRow) => Promise<T>): Promise<T> {
  return db.transaction(async (tx) => {
    const imp = await findListImport(tx, importId, true);
    if (!imp) throw listErrors.importNotFound();
    authorize(ctx.user, "list.import.read", { organisationId: imp.organisation_id });
    return apply(tx, imp);
  });
}
