import { LIST_KINDS, type ListSource, type Mapping, unmappedRequired } from "../../domain/lists/listKinds.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { listExchangeTermsOf } from "../convention/conventionTerms.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { createListedPeople, recordDeregistrations } from "../support/listedJobSeekers.js";
import { listErrors } from "./listErrors.js";
import { runListImportCommand, type UserContext } from "./listImportCommand.js";
import { scheduleListCheck } from "./listImportJobs.js";
import { discardImportRows, type ListImportRow } from "./listImportRepository.js";
import { removeUpload } from "./listUpload.js";
import type { ListImportDeps } from "./runListImport.js";
import { assertMayReceive } from "./startListImport.js";

export type Decision = "keep" | "skip" | "merge";
/** What decides a duplicate line's choices. */
export type DuplicateFacts = { duplicateOfLine: number | null; sameIdentifierAsFirst: boolean; existingMatch: "identifier" | "identity" | null };

/**
 * The choices for a duplicate line (keep it simple): a person already in Tandem is merged into
 * (the default) or the line skipped — or kept as another person when only the name and birth date
 * meet (homonyms); a repeated line is skipped (the default) or kept, except on the RSA list when its
 * identifier repeats (one person per identifier in Tandem).
 */
export function allowedDecisions(source: ListSource, d: DuplicateFacts): Decision[] {
  const allowed = new Set<Decision>(["skip"]);
  if (d.existingMatch) allowed.add("merge");
  const createsPeople = source === "rsa_monthly";
  const keepable = d.existingMatch !== "identifier" || !createsPeople;
  if (keepable && !(d.duplicateOfLine !== null && d.sameIdentifierAsFirst && createsPeople)) allowed.add("keep");
  if (!d.existingMatch && d.duplicateOfLine === null) return ["keep"];
  return (["keep", "merge", "skip"] as Decision[]).filter((x) => allowed.has(x));
}

const BATCH = 5000;
/** The predicate of list_import_rows_duplicates_idx: a line repeated in the file or whose person Tandem knows. */
const DUPLICATE_LINE = "(duplicate_of_line IS NOT NULL OR existing_job_seeker_id IS NOT NULL)";

/**
 * Applies a checked list in ONE transaction (all or nothing): lines skipped are dropped, merged
 * lines point to their person, the RSA list creates the people it brings (marked in
 * list_import_people as created by the list) and records cancellations and removals; the
 * mapping is saved for the next file of this source. Refused while any line has a problem.
 */
export async function confirmListImport(deps: ListImportDeps, ctx: UserContext, importId: string, now = new Date()): Promise<void> {
  const filePath = await runListImportCommand(deps.db, ctx, importId, async (tx, imp) => {
    if (imp.status === "checking") throw listErrors.stillChecking();
    if (imp.status !== "checked") throw listErrors.notConfirmable(imp.status === "failed" ? "le fichier n’a pas pu être vérifié." : "il a déjà été appliqué ou abandonné.");
    if (imp.issue_count > 0) throw listErrors.notConfirmable(`le fichier contient ${imp.issue_count} problème(s) à corriger.`);
    const today = parisToday(now);
    assertMayReceive(ctx, await listExchangeTermsOf(tx, imp.convention_id, today), imp.source, today);

    const [{ n: skipped }] = await tx.query<{ n: number }>(
      // Only a duplicate line can be skipped or merged: the partial index on them finds them without reading every line (ADR 0039).
      `WITH d AS (DELETE FROM list_import_rows WHERE import_id = $1 AND decision = 'skip' AND ${DUPLICATE_LINE} RETURNING 1) SELECT count(*)::int AS n FROM d`,
      [importId],
    );
    await tx.query(`UPDATE list_import_rows SET job_seeker_id = existing_job_seeker_id WHERE import_id = $1 AND decision = 'merge' AND ${DUPLICATE_LINE}`, [importId]);
    const created = imp.source === "rsa_monthly" ? await createPeople(tx, importId, today) : 0;
    const [{ n: linked }] = await tx.query<{ n: number }>(
      `WITH i AS (INSERT INTO list_import_people (import_id, job_seeker_id, created)
                  SELECT DISTINCT ON (job_seeker_id) import_id, job_seeker_id, decision = 'keep' FROM list_import_rows
                   WHERE import_id = $1 AND job_seeker_id IS NOT NULL ${imp.source === "rsa_monthly" ? "" : `AND ${DUPLICATE_LINE}`}
                   ORDER BY job_seeker_id, (decision = 'keep') DESC
                  RETURNING created)
       SELECT count(*) FILTER (WHERE NOT created)::int AS n FROM i`,
      [importId],
    );
    if (imp.source === "rsa_monthly") await recordMovements(tx, importId);
    await tx.query(
      `INSERT INTO list_import_mappings (organisation_id, source, mapping) VALUES ($1, $2, $3)
       ON CONFLICT (organisation_id, source) DO UPDATE SET mapping = EXCLUDED.mapping, updated_at = now()`,
      [imp.organisation_id, imp.source, JSON.stringify(imp.mapping)],
    );
    await tx.query(
      `UPDATE list_imports SET status = 'applied', applied_at = $2, applied_by = $3, people_created = $4, people_linked = $5, rows_skipped = $6, file_path = NULL
        WHERE id = $1`,
      [importId, now, ctx.user.id, created, linked, skipped],
    );
    await audit(tx, ctx, {
      action: "list_import.applied",
      subjectType: "list_import",
      subjectId: importId,
      details: { label: LIST_KINDS[imp.source].label, rows: imp.rows_valid - skipped, skipped, created, linked, purgeOn: imp.purge_on },
    });
    return imp.file_path;
  });
  await removeUpload(filePath);
}

/** The RSA list's new people, batch by batch through the support context; a person recorded since the check makes the whole import fail. */
async function createPeople(tx: Db, importId: string, today: string): Promise<number> {
  let after = 0;
  let created = 0;
  for (;;) {
    const rows = await tx.query<{ line: number; ft_identifier: string; last_name: string; first_name: string; birth_date: string; commune_insee: string; movement_on: string | null }>(
      `SELECT line, ft_identifier, last_name, first_name, to_char(birth_date, 'YYYY-MM-DD') AS birth_date, commune_insee, to_char(movement_on, 'YYYY-MM-DD') AS movement_on
         FROM list_import_rows WHERE import_id = $1 AND decision = 'keep' AND line > $2 ORDER BY line LIMIT ${BATCH}`,
      [importId, after],
    );
    if (rows.length === 0) return created;
    after = rows[rows.length - 1].line;
    let ids: string[];
    try {
      ids = await createListedPeople(
        tx,
        rows.map((r) => ({ ftIdentifier: r.ft_identifier, lastName: r.last_name, firstName: r.first_name, birthDate: r.birth_date, communeInsee: r.commune_insee, registeredAt: r.movement_on ?? today })),
      );
    } catch (e) {
      if ((e as { code?: string }).code === "23505") throw listErrors.personChangedSinceCheck();
      throw e;
    }
    await tx.query(
      "UPDATE list_import_rows r SET job_seeker_id = k.id FROM unnest($2::int[], $3::uuid[]) AS k(line, id) WHERE r.import_id = $1 AND r.line = k.line",
      [importId, rows.map((r) => r.line), ids],
    );
    created += ids.length;
  }
}

/** Cancellations and removals of the monthly list: the person's registration ends on the movement's date (support context). */
async function recordMovements(tx: Db, importId: string): Promise<void> {
  const rows = await tx.query<{ job_seeker_id: string; movement_on: string }>(
    `SELECT job_seeker_id, to_char(movement_on, 'YYYY-MM-DD') AS movement_on FROM list_import_rows
      WHERE import_id = $1 AND movement IN ('cancellation', 'removal') AND job_seeker_id IS NOT NULL`,
    [importId],
  );
  for (let i = 0; i < rows.length; i += BATCH) {
    await recordDeregistrations(tx, rows.slice(i, i + BATCH).map((r) => ({ jobSeekerId: r.job_seeker_id, on: r.movement_on })));
  }
}

/**
 * Abandons an import: its staged lines and report are deleted with its file; the received file
 * stays recorded as abandoned. Also while its check runs (or was cut by a restart): the check sees
 * it at its next batch, stops and deletes what it staged since.
 */
export async function cancelListImport(db: Db, ctx: UserContext, importId: string): Promise<void> {
  const filePath = await runListImportCommand(db, ctx, importId, async (tx, imp) => {
    if (imp.status === "applied" || imp.status === "cancelled") throw listErrors.notCheckable();
    await tx.query("DELETE FROM list_import_rows WHERE import_id = $1", [importId]);
    await tx.query("DELETE FROM list_import_issues WHERE import_id = $1", [importId]);
    await tx.query("UPDATE list_imports SET status = 'cancelled', file_path = NULL WHERE id = $1", [importId]);
    await audit(tx, ctx, { action: "list_import.cancelled", subjectType: "list_import", subjectId: importId });
    return imp.file_path;
  });
  // The lines went with the command; their empty table goes after it (ADR 0044), if nothing holds it now.
  await discardImportRows(db, importId);
  await removeUpload(filePath);
}

/** The user's decision on a duplicate line, among allowedDecisions. */
export async function decideListRow(db: Db, ctx: UserContext, importId: string, line: number, decision: Decision): Promise<void> {
  await runListImportCommand(db, ctx, importId, async (tx, imp) => {
    if (imp.status !== "checked") throw listErrors.notCheckable();
    const [row] = await tx.query<{ duplicate_of_line: number | null; same_identifier: boolean; existing_match: "identifier" | "identity" | null }>(
      `SELECT r.duplicate_of_line, COALESCE(f.ft_identifier = r.ft_identifier, false) AS same_identifier, r.existing_match
         FROM list_import_rows r LEFT JOIN list_import_rows f ON f.import_id = r.import_id AND f.line = r.duplicate_of_line
        WHERE r.import_id = $1 AND r.line = $2 FOR UPDATE OF r`,
      [importId, line],
    );
    if (!row) throw listErrors.rowNotFound();
    const allowed = allowedDecisions(imp.source, { duplicateOfLine: row.duplicate_of_line, sameIdentifierAsFirst: row.same_identifier, existingMatch: row.existing_match });
    if (!allowed.includes(decision)) throw listErrors.decisionNotAllowed("Ce choix n’est pas possible pour cette ligne.");
    await tx.query("UPDATE list_import_rows SET decision = $3 WHERE import_id = $1 AND line = $2", [importId, line, decision]);
    await audit(tx, ctx, { action: "list_import.decided", subjectType: "list_import", subjectId: importId, details: { line, decision } });
  });
}

/** The columns chosen by the user for each field: checked against the file's header, then the whole file is checked again. */
export async function remapListImport(deps: ListImportDeps, ctx: UserContext, importId: string, mapping: Mapping): Promise<void> {
  await runListImportCommand(deps.db, ctx, importId, async (tx, imp: ListImportRow) => {
    if (imp.status === "checking") throw listErrors.stillChecking();
    if ((imp.status !== "checked" && imp.status !== "failed") || !imp.file_path) throw listErrors.notCheckable();
    const unknown = Object.values(mapping).find((h) => h && !imp.header.includes(h));
    if (unknown) throw listErrors.mappingInvalid(`La colonne « ${unknown} » n’est pas dans le fichier.`);
    const missing = unmappedRequired(imp.source, mapping);
    if (missing.length > 0) throw listErrors.mappingInvalid(`Choisissez une colonne pour : ${missing.map((f) => f.label).join(", ")}.`);
    await tx.query("UPDATE list_imports SET mapping = $2, status = 'checking', fatal_error = NULL WHERE id = $1", [importId, JSON.stringify(mapping)]);
    await audit(tx, ctx, { action: "list_import.remapped", subjectType: "list_import", subjectId: importId, details: { mapping } });
    await scheduleListCheck(tx, importId);
  });
}
