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
