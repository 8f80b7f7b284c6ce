import type { Period } from "../../domain/indicators/periods.js";
import { isoSql } from "../support/supportRepository.js";
import type { Db } from "../platform/db.js";
import type { RawFigure } from "./computeFigures.js";

/** A period's figure for one indicator, as a steering committee adopted it (migrations/034). */
export type Snapshot = { periodKey: string; key: string; version: number; figure: RawFigure; adoptedAt: string; adoptedBy: string };

export async function snapshotsOf(db: Db, conventionId: string, periodKeys: string[]): Promise<Snapshot[]> {
  const rows = await db.query<{ period_key: string; definition_key: string; definition_version: number; figure: RawFigure; adopted_at: string; adopted_by: string }>(
    `SELECT s.period_key, s.definition_key, s.definition_version, s.figure, ${isoSql("s.adopted_at")} AS adopted_at,
            (SELECT u.first_name || ' ' || u.last_name FROM users u WHERE u.id = s.adopted_by) AS adopted_by
       FROM indicator_snapshots s WHERE s.convention_id = $1 AND s.period_key = ANY($2::text[])`,
    [conventionId, periodKeys],
  );
  return rows.map((r) => ({
    periodKey: r.period_key,
    key: r.definition_key,
    version: Number(r.definition_version),
    figure: r.figure,
    adoptedAt: r.adopted_at,
    adoptedBy: r.adopted_by,
  }));
}

/** Writes a period's figures; false when the period was already frozen (a second adoption changes nothing). */
export async function insertSnapshots(
  tx: Db,
  conventionId: string,
  period: Period,
  figures: { key: string; version: number; figure: RawFigure }[],
  adoptedBy: string,
): Promise<boolean> {
  const rows = await tx.query<{ definition_key: string }>(
    `INSERT INTO indicator_snapshots (convention_id, period_key, period_from, period_to, definition_key, definition_version, figure, adopted_by)
     SELECT $1, $2, $3, $4, f.key, f.version, f.figure, $6
       FROM jsonb_to_recordset($5::jsonb) AS f(key text, version integer, figure jsonb)
     ON CONFLICT DO NOTHING RETURNING definition_key`,
    [conventionId, period.key, period.from, period.to, JSON.stringify(figures), adoptedBy],
  );
  return rows.length > 0;
}
