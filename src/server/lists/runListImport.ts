import { type LineIssue, type ListRow, lineValidator, raggedLineIssue } from "../../domain/lists/lineValidation.js";
import { type LIST_KINDS, type Mapping, suggestMapping, unmappedRequired } from "../../domain/lists/listKinds.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import type { Db } from "../platform/db.js";
import { findKnownPeople } from "../support/listedJobSeekers.js";
import { CopyAbandoned, CopyRefused, checkWithCopy } from "./copyListCheck.js";
import { checkWithFastCopy } from "./fastListCheck.js";
import { type Encoding, type FileRecord, readCsv, readXlsx, sniffCsv, UnreadableFile } from "./listFileReader.js";
import { createImportRows, discardImportRows, findListImport, insertIssues, insertStagedRows, markDuplicatesInFile, savedMapping } from "./listImportRepository.js";

/**
 * `copy: false` keeps a server on the line-by-line path, `copy: "sql"` on the checks in SQL even for
 * a plain file (the tests compare the paths' reports).
 */
export type ListImportDeps = { db: Db; log?: { error(obj: object, msg: string): void }; copy?: boolean | "sql" };

/**
 * Which path checked the file: read and checked here while PostgreSQL's COPY writes the good lines
 * (ADR 0041), PostgreSQL's COPY and SQL (ADR 0039), or line by line here.
 */
export type CheckPath = "fast" | "copy" | "lines";

/** A CSV file's facts from the first pass, for the COPY path (ADR 0039). */
type CopySource = { path: string; encoding: Encoding; lineBreaks: number; oddSpace: boolean; fast: boolean; reopen: () => AsyncGenerator<FileRecord> };

/** The import was abandoned (or applied elsewhere) while its check ran: stop reading. */
class CheckAbandoned extends Error {}

/** Lines written per statement, and between two progress updates. */
const BATCH = 5000;
/** The report keeps this many problems (the count says how many there were): enough to fix a file, never a second copy of it. */
const MAX_STORED_ISSUES = 10_000;
/** Give the event loop back this often while reading (no request waits behind a long file). */
const YIELD_EVERY = 1000;
const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

/**
 * The dry run of an import, what a background job runs (ADR 0030): reads the uploaded file as a
 * stream, checks each line, stages the good ones and stores each problem (line, column, value,
 * message) in SQL, batch by batch with its progress, then marks the duplicates — inside the file
 * and against the people Tandem knows (through the support context). Nothing outside the import's
 * own staging rows is written: confirming applies them (confirmListImport).
 */
export async function runListImport(deps: ListImportDeps, importId: string): Promise<CheckPath | null> {
  const { db } = deps;
  const imp = await findListImport(db, importId);
  if (imp?.status !== "checking" || !imp.file_path) return null;
  try {
    // A check run again (its job retried after a restart) starts from nothing.
    await discardImportRows(db, importId);
    await db.query("DELETE FROM list_import_issues WHERE import_id = $1", [importId]);
    await db.query(
      "UPDATE list_imports SET rows_done = 0, rows_valid = 0, issue_count = 0, duplicate_count = 0, fatal_error = NULL, rows_total = NULL WHERE id = $1",
      [importId],
    );
    let records: AsyncGenerator<FileRecord>;
    let copy: CopySource | null = null;
    if (imp.file_format === "csv") {
      const filePath = imp.file_path;
      const { encoding, lineBreaks, plain, oddSpace } = await sniffCsv(filePath);
      await db.query("UPDATE list_imports SET encoding = $2, rows_total = $3 WHERE id = $1", [importId, encoding, Math.max(lineBreaks - 1, 0)]);
      records = readCsv(filePath, encoding, plain);
      // On a PostgreSQL server, PostgreSQL parses and checks the file (ADR 0039); PGlite and XLSX read it here.
      if (db.kind === "server" && deps.copy !== false) copy = { path: filePath, encoding, lineBreaks, oddSpace, fast: plain && deps.copy !== "sql", reopen: () => readCsv(filePath, encoding, plain) };
    } else {
      records = readXlsx(imp.file_path);
    }
    return await check(db, imp.id, imp.source, imp.organisation_id, imp.mapping, records, copy);
  } catch (e) {
    // Abandoned while it ran — seen by the check, or by its failure: the abandonment may have dropped
    // the lines' table under a batch (ADR 0044). What this check staged after it goes too.
    if (e instanceof CheckAbandoned || (await findListImport(db, importId))?.status !== "checking") {
      await discardImportRows(db, importId);
      await db.query("DELETE FROM list_import_issues WHERE import_id = $1", [importId]);
      return null;
    }
    const message =
      e instanceof UnreadableFile
        ? e.line
          ? `Ligne ${e.line} : ${e.message}`
          : e.message
        : "Le fichier n’a pas pu être vérifié. Rien n’a été importé.";
    if (!(e instanceof UnreadableFile)) deps.log?.error({ err: e, importId }, "list import check failed");
    // A fatal error imports nothing: what a line-by-line check staged before it goes too (the COPY path's transaction left nothing).
    await discardImportRows(db, importId);
    await db.query("DELETE FROM list_import_issues WHERE import_id = $1", [importId]);
    await db.query("UPDATE list_imports SET status = 'failed', fatal_error = $2, checked_at = now() WHERE id = $1 AND status = 'checking'", [importId, message]);
    return null;
  }
}

/** How often the progress of a COPY is written (lines streamed), and the abandonment seen. */
const PROGRESS_EVERY_MS = 500;

/** The COPY path; "fallback" when COPY refuses the file. The progress is written from outside its transaction. */
async function copyCheck(
  db: Db,
  a: { importId: string; source: keyof typeof LIST_KINDS; header: string[]; mapping: Mapping; today: string; copy: CopySource },
): Promise<"done" | "fallback"> {
  const progress = { lines: 0, abandoned: false };
  let writing: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    writing = writing.then(async () => {
      const still = await db.query("UPDATE list_imports SET rows_done = $2 WHERE id = $1 AND status = 'checking' RETURNING id", [a.importId, Math.max(progress.lines - 1, 0)]);
      if (still.length === 0) progress.abandoned = true;
    });
  }, PROGRESS_EVERY_MS);
  try {
    // A plain file (no quote, one record per line) is read and checked here while PostgreSQL writes (ADR 0041).
    const checkOnServer = a.copy.fast ? checkWithFastCopy : checkWithCopy;
    const result = await checkOnServer(db, {
      importId: a.importId,
      source: a.source,
      path: a.copy.path,
      encoding: a.copy.encoding,
      header: a.header,
      mapping: a.mapping,
      oddSpace: a.copy.oddSpace,
      expectedRecords: a.copy.lineBreaks - 1,
      today: a.today,
      maxIssues: MAX_STORED_ISSUES,
      progress,
    });
    if (result.done === 0) throw new UnreadableFile(null, "Le fichier ne contient aucune ligne après l’en-tête.");
    return "done";
  } catch (e) {
    if (e instanceof CopyAbandoned) throw new CheckAbandoned();
    if (e instanceof CopyRefused) return "fallback";
    throw e;
  } finally {
    clearInterval(timer);
    await writing.catch(() => {});
  }
}

async function check(
  db: Db,
  importId: string,
  source: keyof typeof LIST_KINDS,
  organisationId: string,
  chosen: Mapping,
  fileRecords: AsyncGenerator<FileRecord>,
  copy: CopySource | null,
): Promise<CheckPath> {
  let records = fileRecords;
  const first = await records.next();
  if (first.done) throw new UnreadableFile(null, "Le fichier est vide.");
  const header = first.value.cells.map((h) => h.replace(/^\uFEFF/, "").trim());
  const mapping = Object.keys(chosen).length > 0 && Object.values(chosen).every((h) => h && header.includes(h))
    ? chosen
    : suggestMapping(source, header, await savedMapping(db, organisationId, source));
  await db.query("UPDATE list_imports SET header = $2, mapping = $3 WHERE id = $1", [importId, header, JSON.stringify(mapping)]);
  if (header.length < 2) {
    await records.return(undefined);
    throw new UnreadableFile(1, "l’en-tête n’a qu’une colonne : le séparateur attendu est le point-virgule « ; ».");
  }
  const missing = unmappedRequired(source, mapping);
  if (missing.length > 0) {
    await records.return(undefined);
    throw new UnreadableFile(1, `colonne introuvable pour : ${missing.map((f) => f.label).join(", ")}. Choisissez la colonne de chaque donnée.`);
  }

  const today = parisToday();
  // The lines' own table (ADR 0044): the plain file's check fills it bare, in its transaction; the other paths write through list_import_rows.
  if (!copy?.fast) await createImportRows(db, importId, true);
  if (copy) {
    await records.return(undefined);
    const result = await copyCheck(db, { importId, source, header, mapping, today, copy });
    if (result === "done") return copy.fast ? "fast" : "copy";
    // COPY refused the file's structure: the line-by-line path reports each line.
    if (copy.fast) await createImportRows(db, importId, true);
    records = copy.reopen();
    await records.next();
  }

  const columnIndex = new Map(header.map((h, i) => [h, i]));
  const validate = lineValidator(source, mapping, today, (column) => columnIndex.get(column) ?? -1);
  let rows: ListRow[] = [];
  let issues: LineIssue[] = [];
  let done = 0;
  let valid = 0;
  let issueCount = 0;
  let stored = 0;
  const flush = async () => {
    // The people Tandem already knows (support context's rule), asked for the batch in hand: staged
    // with the lines, proposed for a merge — no second pass reading the lines back.
    const known = await findKnownPeople(
      db,
      rows.map((r) => ({ key: r.line, ftIdentifier: r.ftIdentifier, lastName: r.lastName, firstName: r.firstName, birthDate: r.birthDate })),
    );
    await insertStagedRows(db, importId, rows, known);
    const keep = issues.slice(0, Math.max(0, MAX_STORED_ISSUES - stored));
    await insertIssues(db, importId, stored + 1, keep);
    stored += keep.length;
    const still = await db.query("UPDATE list_imports SET rows_done = $2, rows_valid = $3, issue_count = $4 WHERE id = $1 AND status = 'checking' RETURNING id", [
      importId,
      done,
      valid,
      issueCount,
    ]);
    rows = [];
    issues = [];
    if (still.length === 0) throw new CheckAbandoned();
  };
  for await (const { line, cells } of records) {
    if (cells.every((c) => c.trim() === "")) continue;
    done++;
    if (cells.length !== header.length) {
      issueCount++;
      issues.push(raggedLineIssue(line, cells, header.length));
    } else {
      const checked = validate(line, cells);
      if (checked.row) {
        rows.push(checked.row);
        valid++;
      }
      issueCount += checked.issues.length;
      issues.push(...checked.issues);
    }
    if (rows.length >= BATCH || issues.length >= BATCH) await flush();
    else if (done % YIELD_EVERY === 0) await yieldToEventLoop();
  }
  await flush();
  if (done === 0) throw new UnreadableFile(null, "Le fichier ne contient aucune ligne après l’en-tête.");

  // A line repeated in the file is skipped, even when its person is known (the first line merges).
  await markDuplicatesInFile(db, importId);
  await db.query(
    `UPDATE list_imports SET status = 'checked', checked_at = now(), rows_total = rows_done,
            duplicate_count = (SELECT count(*) FROM list_import_rows WHERE import_id = $1 AND (duplicate_of_line IS NOT NULL OR existing_job_seeker_id IS NOT NULL))
      WHERE id = $1 AND status = 'checking'`,
    [importId],
  );
  return "lines";
}
