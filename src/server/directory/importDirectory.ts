import type { DirectoryImportReport } from "../../shared/contracts/directory.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { authorize } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { directoryErrors } from "./directoryErrors.js";
import { ownersOfIds, upsertService, upsertStructure } from "./directoryRepository.js";
import { type Collection, schemaIssues } from "./schemaValidator.js";
import { expandZone } from "./zoneCommunes.js";

type Issue = DirectoryImportReport["issues"][number];
type Rec = Record<string, unknown>;
const isRecord = (v: unknown): v is Rec => typeof v === "object" && v !== null && !Array.isArray(v);

/**
 * Loads a file in the schema's JSON (`{ structures: [...], services: [...] }`, as data·inclusion
 * publishes them) into the caller's organisation: every record is checked against the vendored
 * schema, the official referential (zone codes) and the directory (ids another organisation
 * publishes, services whose structure is nowhere); any problem refuses the whole file with its
 * report, line by line (position in the collection from 1, field, value, message). All or nothing:
 * the writes run in one transaction, after the whole file is known to be valid. The body's size was
 * bounded by the route before it was parsed.
 */
export async function importDirectory(
  db: Db,
  ctx: RequestContext & { user: SessionUser },
  file: { structures: unknown[]; services: unknown[] },
  /** A CSV file numbers its records from line 2 (its header is line 1) and brings its own reading issues. */
  source: { firstLine: number; issues: Issue[] } = { firstLine: 1, issues: [] },
): Promise<DirectoryImportReport> {
  const organisationId = ctx.user.organisationId;
  authorize(ctx.user, "directory.publish", { organisationId });
  const issues: Issue[] = [...source.issues];
  const add = (collection: Collection, index: number, field: string, value: unknown, message: string) => {
    issues.push({ collection, line: index + source.firstLine, field, value: value ?? null, message });
  };

  const check = (collection: Collection, records: unknown[]) => {
    const seen = new Set<string>();
    records.forEach((r, i) => {
      if (!isRecord(r)) {
        add(collection, i, "", r, "Un objet JSON est attendu pour chaque enregistrement.");
        return;
      }
      for (const issue of schemaIssues(collection, r)) add(collection, i, issue.field, issue.value, issue.message);
      if (typeof r.id === "string") {
        if (seen.has(r.id)) add(collection, i, "id", r.id, "Cet identifiant figure deux fois dans le fichier.");
        seen.add(r.id);
      }
    });
    return seen;
  };
  const structureIds = check("structures", file.structures);
  check("services", file.services);

  const structures = file.structures.filter(isRecord);
  const services = file.services.filter(isRecord);
  const idsOf = (rs: Rec[]) => rs.map((r) => r.id).filter((id): id is string => typeof id === "string");
  const structureOwners = await ownersOfIds(db, "directory_structures", [...idsOf(structures), ...services.map((s) => String(s.structure_id))]);
  const serviceOwners = await ownersOfIds(db, "directory_services", idsOf(services));
  file.structures.forEach((r, i) => {
    if (isRecord(r) && typeof r.id === "string" && (structureOwners.get(r.id) ?? organisationId) !== organisationId) {
      add("structures", i, "id", r.id, "Cet identifiant est déjà publié par une autre organisation.");
    }
  });
  const zones = new Map<number, ReturnType<typeof expandZone>>();
  file.services.forEach((r, i) => {
    if (!isRecord(r)) return;
    if (typeof r.id === "string" && (serviceOwners.get(r.id) ?? organisationId) !== organisationId) {
      add("services", i, "id", r.id, "Cet identifiant est déjà publié par une autre organisation.");
    }
    const sid = r.structure_id;
    if (typeof sid === "string" && !structureIds.has(sid) && structureOwners.get(sid) !== organisationId) {
      add("services", i, "structure_id", sid, "Structure absente du fichier et de l’annuaire de votre organisation.");
    }
    const zone = expandZone(Array.isArray(r.zone_eligibilite) ? (r.zone_eligibilite as string[]) : null);
    for (const code of zone.unknown) add("services", i, "zone_eligibilite", code, `Code inconnu du référentiel officiel : « ${code} ».`);
    zones.set(i, zone);
  });

  const report = { imported: false, structures: file.structures.length, services: file.services.length, issues };
  if (issues.length > 0) throw directoryErrors.importRefused(report);

  await db.transaction(async (tx) => {
    const rowIds = new Map<string, string>();
    for (const s of structures) rowIds.set(String(s.id), await upsertStructure(tx, organisationId, s, ctx.user.id));
    const missing = services.map((s) => String(s.structure_id)).filter((id) => !rowIds.has(id));
    if (missing.length > 0) {
      const rows = await tx.query<{ id: string; di_id: string }>("SELECT id, di_id FROM directory_structures WHERE organisation_id = $1 AND di_id = ANY($2::text[])", [
        organisationId,
        missing,
      ]);
      for (const r of rows) rowIds.set(r.di_id, r.id);
    }
    for (const [i, s] of (file.services as Rec[]).entries()) {
      await upsertService(tx, organisationId, rowIds.get(String(s.structure_id))!, s, zones.get(i)!, ctx.user.id);
    }
    await audit(tx, ctx, { action: "directory.imported", subjectType: "organisation", subjectId: organisationId, details: { structures: structures.length, services: services.length } });
  });
  return { ...report, imported: true };
}
