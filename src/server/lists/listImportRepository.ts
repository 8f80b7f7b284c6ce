import type { ListRow, LineIssue } from "../../domain/lists/lineValidation.js";
import type { ListSource, Mapping } from "../../domain/lists/listKinds.js";
import type { Db } from "../platform/db.js";
import type { KnownPerson } from "../support/listedJobSeekers.js";

/** The rows of the lists context's tables (migrations/031), and the batched writes of a check. */
export type ListImportRow = {
  id: string;
  source: ListSource;
  convention_id: string;
  organisation_id: string;
  created_by: string;
  file_name: string;
  file_format: "csv" | "xlsx";
  file_bytes: string;
  file_path: string | null;
  encoding: string | null;
  status: "checking" | "checked" | "failed" | "applied" | "cancelled";
  mapping: Mapping;
  header: string[];
  rows_total: number | null;
  rows_done: number;
  rows_valid: number;
  issue_count: number;
  duplicate_count: number;
  fatal_error: string | null;
  received_at: string;
  checked_at: string | null;
  applied_at: string | null;
  people_created: number | null;
  people_linked: number | null;
  rows_skipped: number | null;
  purge_on: string;
  purge_rule: string;
};

export async function findListImport(db: Db, id: string, lock = false): Promise<ListImportRow | null> {
  const [row] = await db.query<ListImportRow>(
    `SELECT id, source, convention_id, organisation_id, created_by, file_name, file_format, file_bytes::text, file_path, encoding, status, mapping, header,
            rows_total, rows_done, rows_valid, issue_count, duplicate_count, fatal_error, received_at, checked_at, applied_at,
            people_created, people_linked, rows_skipped, to_char(purge_on, 'YYYY-MM-DD') AS purge_on, purge_rule
       FROM list_imports WHERE id = $1 ${lock ? "FOR UPDATE" : ""}`,
    [id],
  );
  return row ?? null;
}

export async function savedMapping(db: Db, organisationId: string, source: ListSource): Promise<Mapping | null> {
  const [row] = await db.query<{ mapping: Mapping }>("SELECT mapping FROM list_import_mappings WHERE organisation_id = $1 AND source = $2", [organisationId, source]);
  return row?.mapping ?? null;
}

/**
 * One statement for a batch of checked lines: the staging of the dry run. The batch travels as one
 * JSON parameter (json_to_recordset) — one value to pass to the database thread instead of
 * thirteen arrays, measured faster on PGlite and the same on a server. A line whose person is
 * already known (`known`, by line) is staged with that person, proposed for a merge.
 */
export async function insertStagedRows(db: Db, importId: string, rows: ListRow[], known: KnownPerson[] = []): Promise<void> {
  if (rows.length === 0) return;
  const byLine = new Map(known.map((k) => [k.key, k]));
  const staged = rows.map((r) => {
    const k = byLine.get(r.line);
    return k ? { ...r, existingId: k.jobSeekerId, existingMatch: k.by } : r;
  });
  await db.query(
    `INSERT INTO list_import_rows (import_id, line, ft_identifier, last_name, first_name, birth_date, address, commune_insee, registered_on,
                                   movement, movement_on, removal_reason, removal_months, existing_job_seeker_id, existing_match, decision)
     SELECT $1::uuid, r."line", r."ftIdentifier", r."lastName", r."firstName", r."birthDate", r."address", r."communeInsee", r."registeredOn",
            r."movement", r."movementOn", r."removalReason", r."removalMonths", r."existingId", r."existingMatch",
            CASE WHEN r."existingId" IS NULL THEN 'keep' ELSE 'merge' END
       FROM json_to_recordset($2::json) AS r("line" int, "ftIdentifier" text, "lastName" text, "firstName" text, "birthDate" date, "address" text,
                                             "communeInsee" text, "registeredOn" date, "movement" text, "movementOn" date, "removalReason" text, "removalMonths" int,
                                             "existingId" uuid, "existingMatch" text)`,
    [importId, JSON.stringify(staged)],
  );
}

export async function insertIssues(db: Db, importId: string, firstSeq: number, issues: LineIssue[]): Promise<void> {
  if (issues.length === 0) return;
  await db.query(
    `INSERT INTO list_import_issues (import_id, seq, line, column_name, value, message)
     SELECT $1::uuid, $2::int + n::int - 1, line, column_name, value, message
       FROM unnest($3::int[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS i(line, column_name, value, message, n)`,
    [importId, firstSeq, issues.map((i) => i.line), issues.map((i) => i.column), issues.map((i) => i.value?.slice(0, 500) ?? null), issues.map((i) => i.message)],
  );
}

/**
 * Duplicates inside the file, in SQL once every line is staged: a later line with the same
 * identifier, or the same name + first name + birth date (case and accents aside), points to the
 * first one and is skipped unless the user decides otherwise.
 */
export async function markDuplicatesInFile(db: Db, importId: string): Promise<void> {
  await db.query(
    `UPDATE list_import_rows r SET duplicate_of_line = d.first_line, decision = 'skip'
       FROM (SELECT line, min(line) OVER (PARTITION BY ft_identifier) AS first_line FROM list_import_rows WHERE import_id = $1) d
      WHERE r.import_id = $1 AND r.line = d.line AND d.first_line < d.line`,
    [importId],
  );
  await db.query(
    `UPDATE list_import_rows r SET duplicate_of_line = d.first_line, decision = 'skip'
       FROM (SELECT line, min(line) OVER (PARTITION BY tandem_unaccent(lower(last_name || ' ' || first_name)), birth_date) AS first_line
               FROM list_import_rows WHERE import_id = $1 AND birth_date IS NOT NULL) d
      WHERE r.import_id = $1 AND r.line = d.line AND d.first_line < d.line AND r.duplicate_of_line IS NULL`,
    [importId],
  );
}

/**
 * Each import's lines live in a table of their own, a partition of list_import_rows (migrations/047,
 * ADR 0044), created, attached and dropped by the owner's functions. Attached at once, the lines are
 * written through list_import_rows; not attached (`attach: false`), the COPY of a big file fills it
 * bare and attachImportRows indexes and attaches it. Returns the table's name.
 */
export async function createImportRows(db: Db, importId: string, attach: boolean): Promise<string> {
  const [{ name }] = await db.query<{ name: string }>("SELECT list_import_rows_create($1, $2) AS name", [importId, attach]);
  return name;
}

/**
 * The table a COPY fills bare (createImportRows, not attached). `fresh` when it is created in this
 * transaction: the COPY may then write its lines frozen (COPY FREEZE, ADR 0045). A table left by a
 * drop that could not wait is given back as it is, attached, and filled as any table.
 */
export async function createBareImportRows(db: Db, importId: string): Promise<{ table: string; fresh: boolean }> {
  const [{ fresh }] = await db.query<{ fresh: boolean }>("SELECT to_regclass(list_import_rows_table($1)) IS NULL AS fresh", [importId]);
  return { table: await createImportRows(db, importId, false), fresh };
}

/** Indexes the lines a COPY wrote into an import's table and attaches it: readable through list_import_rows. */
export async function attachImportRows(db: Db, importId: string): Promise<void> {
  await db.query("SELECT list_import_rows_attach($1)", [importId]);
}

/**
 * Drops an import's lines with their table (a check run again or failed, an import abandoned, a list
 * purged). Dropping a partition locks list_import_rows for an instant: when it cannot within a few
 * seconds, the lines are deleted and their empty table stays (false), attached: a check run again
 * writes into it (createImportRows gives it back), the purge drops it.
 */
export async function discardImportRows(db: Db, importId: string): Promise<boolean> {
  const [{ dropped }] = await db.query<{ dropped: boolean }>("SELECT list_import_rows_drop($1) AS dropped", [importId]);
  if (!dropped) await db.query("DELETE FROM list_import_rows WHERE import_id = $1", [importId]);
  return dropped;
}
