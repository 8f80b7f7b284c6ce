import type { OrganisationDetail, OrganisationInput } from "../../shared/contracts/organisations.js";
import { audit, auditRead } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { AppError, errors } from "../platform/errors.js";
import { refreshTerritoriesOfParty } from "../convention/conventionTerritory.js";
import { authorize } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import {
  communesOf,
  findOrganisationRecord,
  insertOrganisationRecord,
  lockOrganisationCodes,
  lockOrganisationRecord,
  type OrganisationRecord,
  type OrganisationValues,
  updateOrganisationRecord,
} from "./organisationRepository.js";
import { resolveOrganisation } from "./organisationValidation.js";
import { findCommune, findDepartement, findEpci } from "./territories.js";

type Ctx = RequestContext & { user: SessionUser };

const withBody = (issues: { path: string; message: string }[]) => errors.validation(issues.map((i) => ({ path: `body.${i.path}`, message: i.message })));

/**
 * A platform admin creates an organisation, on the one command path: authorise, then in one
 * transaction lock the parent (it must not vanish or move under us), check against the referential
 * and the other organisations, write the row and its communes, audit.
 */
export async function createOrganisation(db: Db, ctx: Ctx, input: OrganisationInput): Promise<OrganisationDetail> {
  authorize(ctx.user, "organisation.manage");
  const id = await db.transaction(async (tx) => {
    await lockOrganisationCodes(tx);
    if (input.parentId) await tx.query("SELECT 1 FROM organisations WHERE id = $1 FOR SHARE", [input.parentId]);
    const resolved = await resolveOrganisation(tx, input);
    if (!resolved.ok) throw withBody(resolved.issues);
    const { values, communes } = resolved.value;
    const id = await insertOrganisationRecord(tx, values, communes ?? []);
    await audit(tx, ctx, {
      action: "organisation.created",
      subjectType: "organisation",
      subjectId: id,
      details: { code: values.code, kind: values.kind, territory: values.territory_kind, communes: communes?.length ?? 0 },
    });
    return id;
  });
  return presentOrganisation(db, (await findOrganisationRecord(db, id))!);
}

/** Edits an organisation: the whole form again, on the same path (lock the row, check, apply, audit which fields changed). */
export async function updateOrganisation(db: Db, ctx: Ctx, id: string, input: OrganisationInput): Promise<OrganisationDetail> {
  authorize(ctx.user, "organisation.manage");
  await db.transaction(async (tx) => {
    await lockOrganisationCodes(tx);
    const before = await lockOrganisationRecord(tx, id);
    if (!before) throw errors.notFound("Organisation");
    if (before.kind === "platform") {
      throw new AppError(409, "PLATFORM_ORGANISATION_FIXED", "L’organisation qui exploite Tandem ne se modifie pas depuis cette page.");
    }
    const resolved = await resolveOrganisation(tx, input, { id, before });
    if (!resolved.ok) throw withBody(resolved.issues);
    const { values, communes } = resolved.value;
    const beforeCommunes = await communesOf(tx, id);
    const territoryChanged =
      communes !== null &&
      (before.territory_kind !== values.territory_kind || before.territory_code !== values.territory_code || beforeCommunes.join() !== communes.join());
    const changed = changedFields(before, values, territoryChanged);
    if (!changed.length) return;
    await updateOrganisationRecord(tx, id, values, territoryChanged ? communes : null);
    if (territoryChanged) await refreshTerritoriesOfParty(tx, id);
    await audit(tx, ctx, { action: "organisation.updated", subjectType: "organisation", subjectId: id, details: { changed } });
  });
  return presentOrganisation(db, (await findOrganisationRecord(db, id))!);
}

/** The contract's field names, in the form's order, with the columns they are stored in. */
const FIELDS: [string, (keyof OrganisationValues)[]][] = [
  ["name", ["name"]],
  ["kind", ["kind"]],
  ["code", ["code"]],
  ["siren", ["siren"]],
  ["siret", ["siret"]],
  ["inseeCode", ["insee_code"]],
  ["departementCode", ["departement_code"]],
  ["ftAgencyCode", ["ft_agency_code"]],
  ["parentId", ["parent_id"]],
  ["territory", ["territory_kind", "territory_code"]],
  ["postalAddress", ["postal_address"]],
  ["contactEmail", ["contact_email"]],
  ["dpoName", ["dpo_name"]],
  ["dpoEmail", ["dpo_email"]],
  ["securityEmail", ["security_email"]],
];

function changedFields(before: OrganisationRecord, after: OrganisationValues, territoryChanged: boolean): string[] {
  return FIELDS.filter(([field, columns]) => (field === "territory" ? territoryChanged : columns.some((c) => before[c] !== after[c]))).map(([field]) => field);
}

/** One organisation for the admin page; its DPO and security contacts are people's data: the read is audited. */
export async function readOrganisation(db: Db, ctx: Ctx, id: string): Promise<OrganisationDetail> {
  authorize(ctx.user, "organisation.manage");
  const record = await findOrganisationRecord(db, id);
  if (!record) throw errors.notFound("Organisation");
  const detail = await presentOrganisation(db, record);
  await auditRead(db, ctx, { action: "organisation.read", subjectType: "organisation", subjectId: id });
  return detail;
}

const MAX_NAMED_COMMUNES = 200;

async function presentOrganisation(db: Db, r: OrganisationRecord): Promise<OrganisationDetail> {
  const codes = await communesOf(db, r.id);
  const [parent] = r.parent_id ? await db.query<{ id: string; name: string }>("SELECT id, name FROM organisations WHERE id = $1", [r.parent_id]) : [];
  const [{ n }] = await db.query<{ n: string }>("SELECT count(*) AS n FROM users WHERE organisation_id = $1", [r.id]);
  const communes = codes.slice(0, MAX_NAMED_COMMUNES).map((code) => ({ code, name: findCommune(code)?.nom ?? code }));
  return {
    id: r.id,
    code: r.code,
    name: r.name,
    kind: r.kind,
    siren: r.siren,
    siret: r.siret,
    inseeCode: r.insee_code,
    departementCode: r.departement_code,
    ftAgencyCode: r.ft_agency_code,
    parent: parent ?? null,
    territory: {
      kind: r.territory_kind,
      code: r.territory_code,
      label: territoryLabel(r, communes.map((c) => c.name), codes.length),
      communes,
      communeCount: codes.length,
    },
    postalAddress: r.postal_address,
    contactEmail: r.contact_email,
    dpoName: r.dpo_name,
    dpoEmail: r.dpo_email,
    securityEmail: r.security_email,
    userCount: Number(n),
  };
}

function territoryLabel(r: OrganisationRecord, names: string[], count: number): string {
  if (r.territory_kind === "departement" && r.territory_code) return `${findDepartement(r.territory_code)?.nom ?? "Département"} (${r.territory_code})`;
  if (r.territory_kind === "epci" && r.territory_code) return findEpci(r.territory_code)?.nom ?? `EPCI ${r.territory_code}`;
  if (count === 0) return r.kind === "platform" ? "Aucun (exploitation de la plateforme)" : "Aucun territoire";
  return count <= 5 ? names.join(", ") : `${count} communes`;
}
