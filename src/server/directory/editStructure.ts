import { parisToday } from "../../domain/shared/calendarDate.js";
import type { StructureForm } from "../../shared/contracts/directory.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { authorize } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { directoryErrors } from "./directoryErrors.js";
import { schemaIssues } from "./schemaValidator.js";
import { structureFieldsOutsideTheForm, structureRecordOfForm } from "./serviceRecords.js";

type Ctx = RequestContext & { user: SessionUser };

/**
 * A keeper changes a structure of their organisation from its page (ADR 0035): the record is rebuilt
 * from the form field for field (what the form does not show — coordinates, networks of an import —
 * is kept), checked against the published schema like every record, and written with today's
 * `date_maj` in one transaction, the row locked, audited. Bad input changes nothing.
 */
export async function editStructure(db: Db, ctx: Ctx, structureId: string, form: StructureForm, today = parisToday()): Promise<void> {
  await db.transaction(async (tx) => {
    const [row] = await tx.query<{ organisation_id: string; record: Record<string, unknown> }>(
      "SELECT organisation_id, record FROM directory_structures WHERE id = $1 FOR UPDATE",
      [structureId],
    );
    // Another organisation's structure is not said to exist.
    if (!row || row.organisation_id !== ctx.user.organisationId) throw directoryErrors.structureMissing();
    authorize(ctx.user, "directory.publish", { organisationId: row.organisation_id });
    const record = {
      ...structureFieldsOutsideTheForm(row.record),
      ...structureRecordOfForm(form, { source: String(row.record.source), id: String(row.record.id) }, today),
    };
    const issues = schemaIssues("structures", record).map((i) => ({ path: `body.${i.field}`, message: i.message }));
    if (issues.length > 0) throw directoryErrors.invalidStructure(issues);
    await tx.query("UPDATE directory_structures SET record = $2::jsonb, date_maj = $3::date, updated_by = $4, updated_at = now() WHERE id = $1", [
      structureId,
      JSON.stringify(record),
      today,
      ctx.user.id,
    ]);
    await audit(tx, ctx, { action: "directory.structure_updated", subjectType: "directory_structure", subjectId: structureId, details: { id: record.id, nom: record.nom } });
  });
}

/**
 * A service moves to another structure of the same organisation (« Rattacher à une autre
 * structure » on its sheet): its record's `structure_id` becomes the structure's schema id, the
 * record is checked against the schema again, `date_maj` is today; both rows locked, audited.
 */
export async function moveService(db: Db, ctx: Ctx, serviceId: string, structureId: string, today = parisToday()): Promise<void> {
  await db.transaction(async (tx) => {
    const [service] = await tx.query<{ organisation_id: string; structure_id: string; record: Record<string, unknown> }>(
      "SELECT organisation_id, structure_id, record FROM directory_services WHERE id = $1 FOR UPDATE",
      [serviceId],
    );
    if (!service || service.organisation_id !== ctx.user.organisationId) throw directoryErrors.serviceNotFound();
    authorize(ctx.user, "directory.publish", { organisationId: service.organisation_id });
    const [target] = await tx.query<{ di_id: string }>("SELECT di_id FROM directory_structures WHERE id = $1 AND organisation_id = $2 FOR UPDATE", [
      structureId,
      service.organisation_id,
    ]);
    if (!target) throw directoryErrors.structureNotFound();
    if (service.structure_id === structureId) throw directoryErrors.sameStructure();
    const record = { ...service.record, structure_id: target.di_id, date_maj: today };
    const issues = schemaIssues("services", record).map((i) => ({ path: `body.${i.field}`, message: i.message }));
    if (issues.length > 0) throw directoryErrors.invalidRecord(issues);
    await tx.query(
      "UPDATE directory_services SET structure_id = $2, record = $3::jsonb, date_maj = $4::date, updated_by = $5, updated_at = now() WHERE id = $1",
      [serviceId, structureId, JSON.stringify(record), today, ctx.user.id],
    );
    await audit(tx, ctx, {
      action: "directory.service_moved",
      subjectType: "directory_service",
      subjectId: serviceId,
      details: { id: service.record.id, from: service.structure_id, to: structureId },
    });
  });
}
