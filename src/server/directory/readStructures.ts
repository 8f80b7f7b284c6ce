import type { DirectoryStructure } from "../../shared/contracts/directory.js";
import type { Db } from "../platform/db.js";
import { authorize, can } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { directoryErrors } from "./directoryErrors.js";

type Ctx = RequestContext & { user: SessionUser };

/**
 * A structure's page (ADR 0035): its record and its services, for its own organisation (partners
 * read a structure through the services it shares, on their sheets). One statement whatever the
 * number of its services.
 */
export async function getDirectoryStructure(db: Db, ctx: Ctx, id: string): Promise<DirectoryStructure> {
  const [row] = await db.query<{ id: string; organisation_id: string; organisation_name: string; record: Record<string, unknown>; date_maj: string; services: { id: string; nom: string }[] }>(
    `SELECT st.id, st.organisation_id, o.name AS organisation_name, st.record, to_char(st.date_maj, 'YYYY-MM-DD') AS date_maj,
            COALESCE((SELECT json_agg(json_build_object('id', ds.id, 'nom', ds.record->>'nom') ORDER BY ds.record->>'nom', ds.id)
                        FROM directory_services ds WHERE ds.structure_id = st.id), '[]'::json) AS services
       FROM directory_structures st JOIN organisations o ON o.id = st.organisation_id
      WHERE st.id = $1`,
    [id],
  );
  if (!row || !can(ctx.user, "directory.resource.read", { organisationId: row.organisation_id, shared: false })) throw directoryErrors.structureMissing();
  return {
    id: row.id,
    organisation: { id: row.organisation_id, name: row.organisation_name },
    editable: can(ctx.user, "directory.publish", { organisationId: row.organisation_id }),
    structure: row.record,
    dateMaj: row.date_maj,
    services: row.services,
  };
}

/** The structures of the caller's organisation with their number of services (a service's sheet offers them to move it to). */
export async function listOwnStructures(db: Db, ctx: Ctx): Promise<{ items: { id: string; nom: string; services: number }[] }> {
  authorize(ctx.user, "directory.publish", { organisationId: ctx.user.organisationId });
  const items = await db.query<{ id: string; nom: string; services: number }>(
    `SELECT st.id, st.record->>'nom' AS nom, (SELECT count(*)::int FROM directory_services ds WHERE ds.structure_id = st.id) AS services
       FROM directory_structures st WHERE st.organisation_id = $1 ORDER BY st.record->>'nom', st.id`,
    [ctx.user.organisationId],
  );
  return { items };
}
