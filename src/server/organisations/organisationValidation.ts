import type { OrganisationInput, TerritoryInput } from "../../shared/contracts/organisations.js";
import type { Db } from "../platform/db.js";
import type { FieldIssue } from "../platform/errors.js";
import { isSelfOrDescendant, type OrganisationRecord, type OrganisationValues } from "./organisationRepository.js";
import { communesOfDepartement, findCommune, findDepartement, findEpci } from "./territories.js";

/**
 * Checks an organisation, as the contract has already shaped it, against what only the server
 * knows: the official referential (every code of the territory, the INSEE and département codes),
 * the other organisations (parent, no cycle, codes and SIRET used once). Every problem is named by
 * its field (`territory.communes.1`), in French; the API prefixes `body.`, the CSV import maps it
 * to its column.
 */
export type ResolvedOrganisation = { values: OrganisationValues; /** null: the territory stays as it is. */ communes: string[] | null };

export async function resolveOrganisation(
  db: Db,
  input: OrganisationInput,
  opts: { id?: string; before?: OrganisationRecord } = {},
): Promise<{ ok: true; value: ResolvedOrganisation } | { ok: false; issues: FieldIssue[] }> {
  const issues: FieldIssue[] = [];
  const territory = input.territory;
  if (territory.kind === "unchanged" && !opts.before) issues.push({ path: "territory.kind", message: "Choisissez le territoire de l’organisation." });
  const communes = territory.kind === "unchanged" ? null : resolveTerritoryInput(territory, issues);

  if (input.inseeCode && !findCommune(input.inseeCode)) issues.push({ path: "inseeCode", message: unknownCommune(input.inseeCode) });
  if (input.departementCode && !findDepartement(input.departementCode)) issues.push({ path: "departementCode", message: unknownDepartement(input.departementCode) });
  if (input.siren && input.siret && !input.siret.startsWith(input.siren)) {
    issues.push({ path: "siret", message: `Le SIRET doit commencer par le SIREN de l’organisation (${input.siren}).` });
  }

  let parentId: string | null = input.parentId ?? null;
  if (parentId) {
    const [parent] = await db.query<{ kind: string }>("SELECT kind FROM organisations WHERE id = $1", [parentId]);
    if (!parent) issues.push({ path: "parentId", message: "Organisation parente introuvable : choisissez-la dans la liste." });
    else if (parent.kind === "platform") issues.push({ path: "parentId", message: "L’équipe d’exploitation de Tandem n’est la parente d’aucune organisation." });
    else if (opts.id && (await isSelfOrDescendant(db, opts.id, parentId))) {
      issues.push({ path: "parentId", message: "Cette organisation ne peut pas être rattachée à l’une de ses propres organisations rattachées." });
    }
  } else parentId = null;

  const code = input.code ?? (await freeCode(db, slug(input.name), opts.id));
  await taken(db, "code", code, opts.id, (name) => `Ce code est déjà celui de « ${name} ».`, "code", issues);
  if (input.siret) await taken(db, "siret", input.siret, opts.id, (name) => `Ce SIRET est déjà celui de « ${name} ».`, "siret", issues);
  if (input.ftAgencyCode) {
    await taken(db, "ft_agency_code", input.ftAgencyCode, opts.id, (name) => `Ce code d’agence est déjà celui de « ${name} ».`, "ftAgencyCode", issues);
  }
  if (issues.length) return { ok: false, issues };

  const territoryKind = territory.kind === "unchanged" ? (opts.before?.territory_kind ?? "none") : territory.kind;
  const territoryCode =
    territory.kind === "unchanged" ? (opts.before?.territory_code ?? null) : territory.kind === "departement" ? territory.code : territory.kind === "epci" ? territory.siren : null;
  return {
    ok: true,
    value: {
      communes,
      values: {
        code,
        name: input.name,
        kind: input.kind,
        // A département's own code and an EPCI's SIREN follow from the territory when not given.
        siren: input.siren ?? (input.kind === "epci" && territory.kind === "epci" ? territory.siren : null),
        parent_id: parentId,
        siret: input.siret ?? null,
        insee_code: input.inseeCode ?? null,
        departement_code: input.departementCode ?? (input.kind === "departement" && territory.kind === "departement" ? territory.code : null),
        ft_agency_code: input.ftAgencyCode ?? null,
        territory_kind: territoryKind,
        territory_code: territoryCode,
        postal_address: input.postalAddress || null,
        contact_email: input.contactEmail ?? null,
        dpo_name: input.dpoName || null,
        dpo_email: input.dpoEmail ?? null,
        security_email: input.securityEmail ?? null,
      },
    },
  };
}

const unknownCommune = (code: string) => `Commune inconnue du référentiel officiel : ${code}.`;
const unknownDepartement = (code: string) => `Département inconnu du référentiel officiel : ${code}.`;

/** The territory's INSEE commune codes, from the referential only; unknown codes become issues. */
export function resolveTerritoryInput(territory: Exclude<TerritoryInput, { kind: "unchanged" }>, issues: FieldIssue[]): string[] {
  switch (territory.kind) {
    case "none":
      return [];
    case "departement": {
      if (!findDepartement(territory.code)) {
        issues.push({ path: "territory.code", message: unknownDepartement(territory.code) });
        return [];
      }
      return communeCodesOfDepartement(territory.code);
    }
    case "epci": {
      const epci = findEpci(territory.siren);
      if (!epci) {
        issues.push({ path: "territory.siren", message: `Aucun EPCI du référentiel officiel n’a ce SIREN : ${territory.siren}.` });
        return [];
      }
      return epci.membres.map((m) => m.code).sort();
    }
    case "communes": {
      territory.communes.forEach((code, i) => {
        if (!findCommune(code)) issues.push({ path: `territory.communes.${i}`, message: unknownCommune(code) });
      });
      return [...new Set(territory.communes)].sort();
    }
  }
}

const communeCodesOfDepartement = (code: string) => communesOfDepartement(code).sort();

/** « Département de la Lozère » → departement-de-la-lozere. */
export const slug = (name: string) =>
  name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 70)
    .replace(/-+$/, "") || "organisation";

async function freeCode(db: Db, base: string, selfId?: string): Promise<string> {
  const rows = await db.query<{ code: string }>("SELECT code FROM organisations WHERE (code = $1 OR code LIKE $1 || '-%') AND id IS DISTINCT FROM $2::uuid", [
    base,
    selfId ?? null,
  ]);
  const used = new Set(rows.map((r) => r.code));
  if (!used.has(base)) return base;
  for (let n = 2; ; n++) if (!used.has(`${base}-${n}`)) return `${base}-${n}`;
}

async function taken(db: Db, column: "code" | "siret" | "ft_agency_code", value: string, selfId: string | undefined, message: (name: string) => string, path: string, issues: FieldIssue[]) {
  const [row] = await db.query<{ name: string }>(`SELECT name FROM organisations WHERE ${column} = $1 AND id IS DISTINCT FROM $2::uuid`, [value, selfId ?? null]);
  if (row) issues.push({ path, message: message(row.name) });
}
