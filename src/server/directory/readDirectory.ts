import { parisToday } from "../../domain/shared/calendarDate.js";
import type { DirectoryService } from "../../shared/contracts/directory.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { authorize, can } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { partnerOrganisationIds, sharedWithCallerSql } from "./directoryAccess.js";
import { directoryErrors } from "./directoryErrors.js";
import { SERVICE_FROM, SERVICE_SELECT, type ServiceRow, structuresOf } from "./directoryRepository.js";
import { schemaIssues } from "./schemaValidator.js";

/** A row as the pages show it; `own` when the caller's organisation publishes it. */
export const serviceView = (user: SessionUser, r: ServiceRow): DirectoryService => ({
  id: r.id,
  organisation: { id: r.organisation_id, name: r.organisation_name },
  own: r.organisation_id === user.organisationId,
  editable: can(user, "directory.publish", { organisationId: r.organisation_id }),
  structureId: r.structure_id,
  structure: r.structure_record,
  service: r.record,
  dateMaj: r.date_maj,
});

/**
 * The services the caller may read, optionally for one thématique and covering one commune: the
 * rule of `directory.resource.read` said in SQL (sharedWithCallerSql), then asked of each row.
 */
export async function visibleServices(
  db: Db,
  user: SessionUser,
  filter: { thematiques?: string[]; commune?: string; serviceId?: string },
  today = parisToday(),
): Promise<ServiceRow[]> {
  const partners = await partnerOrganisationIds(db, user.organisationId, today);
  const shared = sharedWithCallerSql({ organisationId: 1, partnerIds: 2, onDate: 3 });
  const rows = await db.query<ServiceRow>(
    `${SERVICE_SELECT}, ${shared} AS shared ${SERVICE_FROM}
      WHERE (ds.organisation_id = $1 OR ${shared})
        AND ($4::text[] IS NULL OR ds.thematiques && $4::text[])
        AND ($5::text IS NULL OR ds.national OR EXISTS (SELECT 1 FROM directory_service_communes c WHERE c.service_id = ds.id AND c.insee_code = $5))
        AND ($6::uuid IS NULL OR ds.id = $6)
      ORDER BY ds.record->>'nom', ds.id
      LIMIT 500`,
    [user.organisationId, partners, today, filter.thematiques ?? null, filter.commune ?? null, filter.serviceId ?? null],
  );
  return rows.filter((r) => can(user, "directory.resource.read", { organisationId: r.organisation_id, shared: r.shared }));
}

export async function listDirectory(db: Db, ctx: RequestContext & { user: SessionUser }, q: { thematique?: string; commune?: string }) {
  const rows = await visibleServices(db, ctx.user, { thematiques: q.thematique ? [q.thematique] : undefined, commune: q.commune });
  const canPublish = can(ctx.user, "directory.publish", { organisationId: ctx.user.organisationId });
  const structures = canPublish ? (await structuresOf(db, ctx.user.organisationId)).map((s) => ({ id: s.id, nom: s.nom })) : [];
  return { items: rows.map((r) => serviceView(ctx.user, r)), canPublish, structures };
}

/** One service (its printable sheet): a 404 for whoever may not read it. */
export async function getDirectoryService(db: Db, ctx: RequestContext & { user: SessionUser }, id: string): Promise<DirectoryService> {
  const [row] = await visibleServices(db, ctx.user, { serviceId: id });
  if (!row) throw directoryErrors.serviceNotFound();
  return serviceView(ctx.user, row);
}

/**
 * The caller's organisation's resources in the schema's JSON, to publish on the national
 * data·inclusion platform: each record is checked against the vendored schema on the way out.
 */
export async function exportDirectory(db: Db, ctx: RequestContext & { user: SessionUser }) {
  const organisationId = ctx.user.organisationId;
  authorize(ctx.user, "directory.publish", { organisationId });
  const structures = (await db.query<{ record: Record<string, unknown> }>("SELECT record FROM directory_structures WHERE organisation_id = $1 ORDER BY di_id", [organisationId])).map(
    (r) => r.record,
  );
  const services = (await db.query<{ record: Record<string, unknown> }>("SELECT record FROM directory_services WHERE organisation_id = $1 ORDER BY di_id", [organisationId])).map(
    (r) => r.record,
  );
  const invalid = [...structures.filter((r) => schemaIssues("structures", r).length > 0), ...services.filter((r) => schemaIssues("services", r).length > 0)];
  if (invalid.length > 0) throw new Error(`Export data·inclusion : ${invalid.length} enregistrement(s) non conforme(s) au schéma.`);
  await db.transaction((tx) => audit(tx, ctx, { action: "directory.exported", subjectType: "organisation", subjectId: organisationId, details: { structures: structures.length, services: services.length } }));
  return { structures, services };
}
