import type { OrganisationKind } from "../../shared/roles.js";
import type { Db } from "../platform/db.js";

export type OrganisationRow = {
  id: string;
  code: string;
  name: string;
  kind: OrganisationKind;
  siren: string | null;
  parent_id: string | null;
};

/** Every column an administered organisation has (migrations/023). */
export type OrganisationRecord = OrganisationRow & {
  siret: string | null;
  insee_code: string | null;
  departement_code: string | null;
  ft_agency_code: string | null;
  territory_kind: "none" | "departement" | "epci" | "communes";
  territory_code: string | null;
  postal_address: string | null;
  contact_email: string | null;
  dpo_name: string | null;
  dpo_email: string | null;
  security_email: string | null;
};

export const findOrganisation = async (db: Db, id: string) =>
  (await db.query<OrganisationRow>("SELECT id, code, name, kind, siren, parent_id FROM organisations WHERE id = $1", [id]))[0] ??
  null;

export const findOrganisationByCode = async (db: Db, code: string) =>
  (await db.query<OrganisationRow>("SELECT id, code, name, kind, siren, parent_id FROM organisations WHERE code = $1", [code]))[0] ??
  null;

export async function insertOrganisation(
  db: Db,
  org: { code: string; name: string; kind: OrganisationKind; siren?: string; parentId?: string; communes: string[] },
): Promise<string> {
  const [{ id }] = await db.query<{ id: string }>(
    "INSERT INTO organisations (code, name, kind, siren, parent_id) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    [org.code, org.name, org.kind, org.siren ?? null, org.parentId ?? null],
  );
  if (org.communes.length) {
    await db.query(
      "INSERT INTO organisation_communes (organisation_id, insee_code) SELECT $1, unnest($2::text[])",
      [id, org.communes],
    );
  }
  return id;
}

export const countCommunes = async (db: Db, organisationId: string) =>
  Number(
    (await db.query<{ n: string }>("SELECT count(*) AS n FROM organisation_communes WHERE organisation_id = $1", [organisationId]))[0].n,
  );

const RECORD_COLUMNS = `id, code, name, kind, siren, parent_id, siret, insee_code, departement_code, ft_agency_code, territory_kind,
  territory_code, postal_address, contact_email, dpo_name, dpo_email, security_email`;

export const findOrganisationRecord = async (db: Db, id: string) =>
  (await db.query<OrganisationRecord>(`SELECT ${RECORD_COLUMNS} FROM organisations WHERE id = $1`, [id]))[0] ?? null;

/** The organisation's row, locked for the rest of the transaction (the command path's lock). */
export const lockOrganisationRecord = async (db: Db, id: string) =>
  (await db.query<OrganisationRecord>(`SELECT ${RECORD_COLUMNS} FROM organisations WHERE id = $1 FOR UPDATE`, [id]))[0] ?? null;

/** The values of an administered organisation, in the columns' words. */
export type OrganisationValues = Omit<OrganisationRecord, "id">;

const VALUE_COLUMNS = [
  "code",
  "name",
  "kind",
  "siren",
  "parent_id",
  "siret",
  "insee_code",
  "departement_code",
  "ft_agency_code",
  "territory_kind",
  "territory_code",
  "postal_address",
  "contact_email",
  "dpo_name",
  "dpo_email",
  "security_email",
] as const satisfies readonly (keyof OrganisationValues)[];

export async function insertOrganisationRecord(db: Db, values: OrganisationValues, communes: readonly string[]): Promise<string> {
  const [{ id }] = await db.query<{ id: string }>(
    `INSERT INTO organisations (${VALUE_COLUMNS.join(", ")}) VALUES (${VALUE_COLUMNS.map((_, i) => `$${i + 1}`).join(", ")}) RETURNING id`,
    VALUE_COLUMNS.map((c) => values[c]),
  );
  await replaceCommunes(db, id, communes);
  return id;
}

export async function updateOrganisationRecord(db: Db, id: string, values: OrganisationValues, communes: readonly string[] | null): Promise<void> {
  await db.query(
    `UPDATE organisations SET ${VALUE_COLUMNS.map((c, i) => `${c} = $${i + 2}`).join(", ")}, updated_at = now() WHERE id = $1`,
    [id, ...VALUE_COLUMNS.map((c) => values[c])],
  );
  if (communes) await replaceCommunes(db, id, communes);
}

async function replaceCommunes(db: Db, id: string, communes: readonly string[]) {
  await db.query("DELETE FROM organisation_communes WHERE organisation_id = $1", [id]);
  if (communes.length) {
    await db.query("INSERT INTO organisation_communes (organisation_id, insee_code) SELECT $1, unnest($2::text[])", [id, [...communes]]);
  }
}

export const communesOf = async (db: Db, id: string) =>
  (await db.query<{ insee_code: string }>("SELECT insee_code FROM organisation_communes WHERE organisation_id = $1 ORDER BY insee_code", [id])).map(
    (r) => r.insee_code,
  );

/** Whether `candidateParentId` is `id` itself or one of the organisations under it (a cycle if it became its parent). */
export async function isSelfOrDescendant(db: Db, id: string, candidateParentId: string): Promise<boolean> {
  const rows = await db.query(
    `WITH RECURSIVE below(id) AS (
       SELECT $1::uuid
       UNION SELECT o.id FROM organisations o JOIN below b ON o.parent_id = b.id
     ) SELECT 1 FROM below WHERE id = $2::uuid LIMIT 1`,
    [id, candidateParentId],
  );
  return rows.length > 0;
}

/**
 * Creations, edits and imports of organisations one after the other (until the transaction ends):
 * their checks of codes, SIRET and agency codes used once then hold. PGlite has one connection, so
 * its transactions already are.
 */
export async function lockOrganisationCodes(tx: Db): Promise<void> {
  if (tx.kind === "server") await tx.query("SELECT pg_advisory_xact_lock(727362)");
}
