import { parisToday } from "../../domain/shared/calendarDate.js";
import type { ServiceForm } from "../../shared/contracts/directory.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { authorize } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { directoryErrors } from "./directoryErrors.js";
import { findService, upsertService, upsertStructure } from "./directoryRepository.js";
import { schemaIssues } from "./schemaValidator.js";
import { fieldsOutsideTheForm, newSchemaId, serviceRecordOf, structureRecordOf } from "./serviceRecords.js";
import { expandZone } from "./zoneCommunes.js";

/**
 * An organisation publishes (or updates) one of its services from the DSFR form: the record is
 * built field for field, checked against the published schema and the official referential, and
 * written with its zone's communes in one transaction, audited. Bad input changes nothing.
 */
export async function publishService(db: Db, ctx: RequestContext & { user: SessionUser }, form: ServiceForm, serviceId?: string, today = parisToday()): Promise<string> {
  const organisationId = ctx.user.organisationId;
  authorize(ctx.user, "directory.publish", { organisationId });
  return db.transaction(async (tx) => {
    const existing = serviceId ? await findService(tx, serviceId) : null;
    if (serviceId && (!existing || existing.organisation_id !== organisationId)) throw directoryErrors.serviceNotFound();
    const structureId = form.structureId ?? null;
    let structure: { id: string; di_id: string } | null = null;
    if (structureId) {
      [structure] = await tx.query<{ id: string; di_id: string }>(
        "SELECT id, di_id FROM directory_structures WHERE id = $1 AND organisation_id = $2 FOR UPDATE",
        [structureId, organisationId],
      );
      if (!structure) throw directoryErrors.structureNotFound();
    }
    const structureRecord = structure ? null : structureRecordOf(form, newSchemaId(), today);
    const serviceRecord = {
      // An update keeps what the form does not show (an imported record's coordinates, precisions…).
      ...(existing ? fieldsOutsideTheForm(existing.record) : {}),
      ...serviceRecordOf(form, { id: (existing?.record.id as string) ?? newSchemaId(), structureDiId: structure?.di_id ?? String(structureRecord?.id) }, today),
    };
    const zone = expandZone(serviceRecord.zone_eligibilite as string[] | undefined);
    const issues = [
      ...(structureRecord ? schemaIssues("structures", structureRecord).map((i) => ({ path: `body.${i.field === "nom" ? "structureNom" : i.field}`, message: i.message })) : []),
      ...schemaIssues("services", serviceRecord).map((i) => ({ path: `body.${i.field}`, message: i.message })),
      ...zone.unknown.map((code) => ({ path: "body.zone_eligibilite", message: `Code inconnu du référentiel officiel : « ${code} ».` })),
    ];
    // The structure and its service share address and contact fields: one message per field.
    if (issues.length > 0) throw directoryErrors.invalidRecord([...new Map(issues.map((i) => [i.path, i])).values()]);
    const structureRowId = structure?.id ?? (await upsertStructure(tx, organisationId, structureRecord!, ctx.user.id));
    const id = await upsertService(tx, organisationId, structureRowId, serviceRecord, zone, ctx.user.id);
    await audit(tx, ctx, { action: "directory.service_published", subjectType: "directory_service", subjectId: id, details: { id: serviceRecord.id, nom: serviceRecord.nom } });
    return id;
  });
}

/**
 * The keeper confirms a service is still accurate (the yearly joint update [001 art. 2.1]): its
 * `date_maj` becomes today, nothing else changes; the record is checked against the schema again.
 */
export async function confirmServiceUpToDate(db: Db, ctx: RequestContext & { user: SessionUser }, serviceId: string, today = parisToday()): Promise<void> {
  const organisationId = ctx.user.organisationId;
  authorize(ctx.user, "directory.publish", { organisationId });
  await db.transaction(async (tx) => {
    const [row] = await tx.query<{ record: Record<string, unknown> }>("SELECT record FROM directory_services WHERE id = $1 AND organisation_id = $2 FOR UPDATE", [
      serviceId,
      organisationId,
    ]);
    if (!row) throw directoryErrors.serviceNotFound();
    const record: Record<string, unknown> = { ...row.record, date_maj: today };
    const issues = schemaIssues("services", record);
    if (issues.length > 0) throw directoryErrors.invalidRecord(issues.map((i) => ({ path: i.field, message: i.message })));
    await tx.query("UPDATE directory_services SET record = $2::jsonb, date_maj = $3::date, updated_by = $4, updated_at = now() WHERE id = $1", [
      serviceId,
      JSON.stringify(record),
      today,
      ctx.user.id,
    ]);
    await audit(tx, ctx, { action: "directory.service_confirmed", subjectType: "directory_service", subjectId: serviceId, details: { id: record.id } });
  });
}
