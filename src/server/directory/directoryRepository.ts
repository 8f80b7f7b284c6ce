import type { Db } from "../platform/db.js";

/** The directory's tables, written and read here only (ADR 0035). */
export type ServiceRow = {
  id: string;
  organisation_id: string;
  organisation_name: string;
  structure_id: string;
  structure_record: Record<string, unknown>;
  record: Record<string, unknown>;
  date_maj: string;
  shared: boolean;
};

export const SERVICE_SELECT = `SELECT ds.id, ds.organisation_id, o.name AS organisation_name, ds.structure_id, st.record AS structure_record, ds.record,
       to_char(ds.date_maj, 'YYYY-MM-DD') AS date_maj`;
export const SERVICE_FROM = `FROM directory_services ds
  JOIN directory_structures st ON st.id = ds.structure_id
  JOIN organisations o ON o.id = ds.organisation_id`;

export async function upsertStructure(tx: Db, organisationId: string, record: Record<string, unknown>, userId: string | null): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO directory_structures (organisation_id, di_id, record, date_maj, updated_by)
     VALUES ($1, $2, $3::jsonb, $4::date, $5)
     ON CONFLICT (di_id) DO UPDATE SET record = EXCLUDED.record, date_maj = EXCLUDED.date_maj, updated_by = EXCLUDED.updated_by, updated_at = now()
       WHERE directory_structures.organisation_id = EXCLUDED.organisation_id
     RETURNING id`,
    [organisationId, record.id, JSON.stringify(record), record.date_maj, userId],
  );
  return row.id;
}

export async function upsertService(
  tx: Db,
  organisationId: string,
  structureId: string,
  record: Record<string, unknown>,
  zone: { national: boolean; communes: string[] },
  userId: string | null,
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO directory_services (organisation_id, structure_id, di_id, record, thematiques, national, date_maj, updated_by)
     VALUES ($1, $2, $3, $4::jsonb, $5::text[], $6, $7::date, $8)
     ON CONFLICT (di_id) DO UPDATE SET structure_id = EXCLUDED.structure_id, record = EXCLUDED.record, thematiques = EXCLUDED.thematiques,
       national = EXCLUDED.national, date_maj = EXCLUDED.date_maj, updated_by = EXCLUDED.updated_by, updated_at = now()
       WHERE directory_services.organisation_id = EXCLUDED.organisation_id
     RETURNING id`,
    [organisationId, structureId, record.id, JSON.stringify(record), (record.thematiques as string[] | null) ?? [], zone.national, record.date_maj, userId],
  );
  await tx.query("DELETE FROM directory_service_communes WHERE service_id = $1", [row.id]);
  if (zone.communes.length > 0) {
    await tx.query("INSERT INTO directory_service_communes (service_id, insee_code) SELECT $1, unnest($2::text[])", [row.id, zone.communes]);
  }
  return row.id;
}

/** The organisation owning each schema id already in the directory (to refuse another's id in an import). */
export async function ownersOfIds(db: Db, table: "directory_structures" | "directory_services", ids: string[]): Promise<Map<string, string>> {
  const rows = await db.query<{ di_id: string; organisation_id: string }>(`SELECT di_id, organisation_id FROM ${table} WHERE di_id = ANY($1::text[])`, [ids]);
  return new Map(rows.map((r) => [r.di_id, r.organisation_id]));
}

export async function structuresOf(db: Db, organisationId: string): Promise<{ id: string; di_id: string; nom: string }[]> {
  return db.query("SELECT id, di_id, record->>'nom' AS nom FROM directory_structures WHERE organisation_id = $1 ORDER BY record->>'nom'", [organisationId]);
}

export async function findService(db: Db, id: string): Promise<ServiceRow | null> {
  const [row] = await db.query<ServiceRow>(`${SERVICE_SELECT}, false AS shared ${SERVICE_FROM} WHERE ds.id = $1`, [id]);
  return row ?? null;
}
