import fs from "node:fs";
import { Transform } from "node:stream";
import { LIST_KINDS, type ListField, type ListSource, type Mapping } from "../../domain/lists/listKinds.js";
import type { CalendarDate } from "../../domain/shared/calendarDate.js";
import type { Db } from "../platform/db.js";
import { knownPeopleSql } from "../support/listedJobSeekers.js";
import type { Encoding } from "./listFileReader.js";

/**
 * The check of a CSV list on a PostgreSQL server (ADR 0039): PostgreSQL parses the file — the raw
 * bytes streamed by `COPY … FROM STDIN (FORMAT csv, DELIMITER ';', HEADER, ENCODING …)` into a
 * temporary staging table, one text column per file column and the line number given by an
 * identity column in file order — then every rule of domain/lists/lineValidation.ts is applied in
 * SQL, set-based: the problems are written as report rows (same line, column, value and French
 * message as the line-by-line path), the good lines reach list_import_rows in one INSERT … SELECT,
 * the people already known (support context's rule, knownPeopleSql) and the duplicates inside the
 * file are marked by joins and aggregates. All of it in one transaction: abandoned or failed, it
 * leaves nothing. A file whose structure COPY refuses (ragged or truncated line, quote left open, a
 * byte the encoding lacks) or whose records span several lines is handed back (CopyRefused) to the
 * line-by-line path, which reports each line. Measured costs and the cheaper forms of the rules
 * (character tests, not regular expressions; one sorted aggregate for duplicates): ADR 0040.
 */
export class CopyRefused extends Error {}
/** The import was abandoned while COPY ran: nothing was kept. */
export class CopyAbandoned extends Error {}

export type CopyCheck = {
  importId: string;
  source: ListSource;
  path: string;
  encoding: Encoding;
  header: string[];
  mapping: Mapping;
  /** The file holds white space other than the plain space (sniffCsv): the exact trimming applies. */
  oddSpace: boolean;
  /** Records after the header if no record spans two lines (the first pass's line breaks − 1). */
  expectedRecords: number;
  today: CalendarDate;
  maxIssues: number;
  /** Lines streamed so far, for the progress (read by the caller, outside the transaction). */
  progress: { lines: number; abandoned: boolean };
};
export type CopyCheckResult = { done: number; valid: number; issueCount: number; duplicateCount: number };

/** What JavaScript's `\s` (and String.prototype.trim) take for white space. */
const WHITE_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff";
/** White space other than the plain space, as a regular expression's class (PostgreSQL's \\uXXXX escapes). */
const ODD_SPACE_CLASS = "\\t\\n\\v\\f\\r\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000\\ufeff";
const WHITE_SPACE_CLASS = ` ${ODD_SPACE_CLASS}`;
const sqlText = (s: string) => `'${s.replace(/'/g, "''")}'`;

/** COPY's refusals of the file's structure or bytes (SQLSTATE class 22): the line-by-line path reports them line by line. */
const refusedByCopy = (e: unknown) => {
  const code = (e as { code?: string }).code ?? "";
  return code.startsWith("22");
};

/** The time of each step of the last check on this path (ms, in order): the bench reports them (ADR 0040). */
export const lastCopyCheckSteps: { importId: string | null; steps: [string, number][] } = { importId: null, steps: [] };

/** Times the steps of a check into lastCopyCheckSteps (the bench reports them). */
export function stepTimer(importId: string): (name: string) => void {
  lastCopyCheckSteps.importId = importId;
  lastCopyCheckSteps.steps = [];
  let stepStart = performance.now();
  return (name: string) => {
    const now = performance.now();
    lastCopyCheckSteps.steps.push([name, now - stepStart]);
    stepStart = now;
  };
}

/** A list with birth dates: a person repeated in the file under the same name and birth date is skipped after its first line. */
export async function markIdentityDuplicates(tx: Db, c: Pick<CopyCheck, "importId" | "source">): Promise<void> {
  if (LIST_KINDS[c.source].fields.some((f) => f.field === "birth_date")) {
    await tx.query(
      `UPDATE list_import_rows r SET duplicate_of_line = d.first_line, decision = 'skip'
         FROM (SELECT tandem_unaccent(lower(last_name || ' ' || first_name)) AS identity, birth_date, min(line) AS first_line
                 FROM list_import_rows WHERE import_id = $1 AND birth_date IS NOT NULL
                GROUP BY 1, 2 HAVING count(*) > 1) d
        WHERE r.import_id = $1 AND r.birth_date = d.birth_date AND tandem_unaccent(lower(r.last_name || ' ' || r.first_name)) = d.identity
          AND r.line > d.first_line AND r.duplicate_of_line IS NULL`,
      [c.importId],
    );
  }
}

/** The check's end, on both server paths: the duplicates counted, the import « checked » unless it was abandoned meanwhile. */
export async function finishCheck(tx: Db, c: Pick<CopyCheck, "importId">, done: number, valid: number, issueCount: number): Promise<number> {
  const [{ n: duplicateCount }] = await tx.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM list_import_rows
      WHERE import_id = $1 AND (duplicate_of_line IS NOT NULL OR existing_job_seeker_id IS NOT NULL)`,
    [c.importId],
  );
  if (done > 0) {
    const still = await tx.query(
      `UPDATE list_imports SET status = 'checked', checked_at = now(), rows_total = $2, rows_done = $2, rows_valid = $3, issue_count = $4, duplicate_count = $5
        WHERE id = $1 AND status = 'checking' RETURNING id`,
      [c.importId, done, valid, issueCount, duplicateCount],
    );
    if (still.length === 0) throw new CopyAbandoned();
  }
  return duplicateCount;
}

export async function checkWithCopy(db: Db, c: CopyCheck): Promise<CopyCheckResult> {
  const step = stepTimer(c.importId);
  const n = c.header.length;
  const columns = Array.from({ length: n }, (_, i) => `c${i + 1}`);
  return db.transaction(async (tx) => {
    if (!tx.copyFrom) throw new CopyRefused();
    // A big file's statements outlast the pool's default limit; its sorts and hashes stay in memory.
    await tx.query("SET LOCAL statement_timeout = '10min'");
    await tx.query("SET LOCAL work_mem = '256MB'");
    // A dry run: lost in a crash, it is lost whole (its import still « checking », the job runs it again).
    await tx.query("SET LOCAL synchronous_commit = off");
    await tx.query(`CREATE TEMP TABLE list_staging (line bigint GENERATED ALWAYS AS IDENTITY (START WITH 2), ${columns.map((k) => `${k} text`).join(", ")}) ON COMMIT DROP`);
    const counting = new Transform({
      transform(chunk: Buffer, _enc, done) {
        if (c.progress.abandoned) return done(new CopyAbandoned());
        for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) c.progress.lines++;
        done(null, chunk);
      },
    });
    const stream = fs.createReadStream(c.path, { highWaterMark: 1 << 20 }).pipe(counting);
    let copied: number;
    try {
      copied = await tx.copyFrom(
        `COPY list_staging (${columns.join(", ")}) FROM STDIN WITH (FORMAT csv, DELIMITER ';', HEADER true, ENCODING '${c.encoding === "windows-1252" ? "WIN1252" : "UTF8"}')`,
        stream,
      );
    } catch (e) {
      if (c.progress.abandoned || e instanceof CopyAbandoned) throw new CopyAbandoned();
      if (refusedByCopy(e)) throw new CopyRefused();
      throw e;
    }
    // A record spanning lines (a line break inside quotes), or COPY's own end marker `\.`, would
    // shift the line numbers: only a file of one record per line stays on this path.
    if (copied !== c.expectedRecords) throw new CopyRefused();
    step("COPY dans la table de préparation");

    const checked = checkedLinesSql(c, columns);
    const params = [c.importId, WHITE_SPACE, c.today];
    // The good lines, in one statement; the people and duplicates are marked afterwards, on them.
    const inserted = await tx.query<{ n: number }>(
      `WITH i AS (
         INSERT INTO list_import_rows (import_id, line, ft_identifier, last_name, first_name, birth_date, address, commune_insee, registered_on,
                                       movement, movement_on, removal_reason, removal_months, decision)
         SELECT $1::uuid, line, ft_identifier, last_name, first_name, birth_date, address, commune_insee, registered_on,
                movement, movement_on, removal_reason, removal_months, 'keep'
           FROM (${checked.sql}) k WHERE ok AND NOT blank AND $2::text IS NOT NULL AND $3::date IS NOT NULL
         RETURNING 1)
       SELECT count(*)::int AS n FROM i`,
      params,
    );
    const valid = inserted[0].n;
    step("lignes vérifiées écrites (INSERT … SELECT)");
    // Lines not blank: the copied ones less the blank ones (whose identifier cell is blank first: a cheap test).
    const identifier = c.mapping.ft_identifier ? columns[c.header.lastIndexOf(c.mapping.ft_identifier)] : undefined;
    const [{ blank }] = await tx.query<{ blank: number }>(
      `SELECT count(*)::int AS blank FROM list_staging
        WHERE ${identifier ? `btrim(coalesce(${identifier}, ''), $1) = '' AND ` : ""}btrim(concat(${columns.join(", ")}), $1) = ''`,
      [WHITE_SPACE],
    );
    const done = copied - blank;
    let issueCount = 0;
    if (done > valid) issueCount = await writeIssues(tx, c, checked, params);
    step("lignes vides et rapport");

    // People Tandem already knows (support context's rule): proposed for a merge.
    await tx.query(
      `UPDATE list_import_rows r SET existing_job_seeker_id = k.id, existing_match = k.by, decision = 'merge'
         FROM (${knownPeopleSql(`(SELECT line AS key, ft_identifier, last_name, first_name, birth_date FROM list_import_rows WHERE import_id = $1)`)}) k
        WHERE r.import_id = $1 AND r.line = k.key`,
      [c.importId],
    );
    step("personnes connues");
    // A line repeated in the file is skipped, even when its person is known (the first line merges).
    // One aggregate over the identifiers, sorted byte-wise (measured faster than hashing a million
    // distinct keys); an identifier seen twice — the usual repeat — marks its last line through the
    // primary key, without reading every line again. Seen three times or more: those identifiers'
    // lines are looked for.
    await tx.query("SET LOCAL enable_hashagg = off");
    const [{ wide }] = await tx.query<{ wide: number }>(
      `WITH d AS MATERIALIZED (
         SELECT ft_identifier COLLATE "C" AS ft_identifier, min(line) AS first_line, max(line) AS last_line, count(*) AS n
           FROM list_import_rows WHERE import_id = $1 GROUP BY ft_identifier COLLATE "C" HAVING count(*) > 1),
       pairs AS (
         UPDATE list_import_rows r SET duplicate_of_line = d.first_line, decision = 'skip'
           FROM d WHERE d.n = 2 AND r.import_id = $1 AND r.line = d.last_line RETURNING 1)
       SELECT count(*) FILTER (WHERE n > 2)::int AS wide, (SELECT count(*) FROM pairs) AS paired FROM d`,
      [c.importId],
    );
    await tx.query("SET LOCAL enable_hashagg TO DEFAULT");
    if (wide > 0) {
      await tx.query(
        `UPDATE list_import_rows r SET duplicate_of_line = d.first_line, decision = 'skip'
           FROM (SELECT ft_identifier, min(line) AS first_line FROM list_import_rows WHERE import_id = $1 GROUP BY ft_identifier HAVING count(*) > 2) d
          WHERE r.import_id = $1 AND r.ft_identifier = d.ft_identifier AND r.line > d.first_line`,
        [c.importId],
      );
    }
    await markIdentityDuplicates(tx, c);
    step("doublons dans le fichier");
    const duplicateCount = await finishCheck(tx, c, done, valid, issueCount);
    step("comptes et état");
    return { done, valid, issueCount, duplicateCount };
  });
}

type CheckedLines = { sql: string; messages: [ListField, string][] };

/**
 * The staged lines with every rule of validateLine applied: each field's value as stored and each
 * problem's message (null when none), `ok` when the line has none, `blank` for a line of empty
 * cells (skipped, as the line-by-line path does). $2 is the white space, $3 today. Built in layers
 * (OFFSET 0 keeps each computed once per line) and only for the fields of the list: the costly
 * forms (trimming every kind of white space) only for a file that holds some (sniffCsv).
 */
export function checkedLinesSql(c: CopyCheck, columns: string[]): CheckedLines {
  const fields = LIST_KINDS[c.source].fields;
  const has = (f: ListField) => fields.some((s) => s.field === f);
  const required = (f: ListField) => fields.some((s) => s.field === f && s.required);
  // The header's column for a field (the last of that name, as the line-by-line path's Map).
  const columnOf = (f: ListField) => {
    const name = c.mapping[f];
    const i = name ? c.header.lastIndexOf(name) : -1;
    return i >= 0 ? columns[i] : null;
  };
  const used = fields.map((s) => s.field);
  const whole = `concat(${columns.map((k) => `s.${k}`).join(", ")})`;

  // Layer 1: the trimmed cells. A file without white space other than the plain space (the first
  // pass says so, sniffCsv) takes the plain forms, much cheaper than trimming every kind of space.
  // A line is blank when all its cells are: asked of the whole line only when its identifier is empty.
  const odd = c.oddSpace;
  const trimmed = (col: string) => (odd ? `btrim(coalesce(s.${col}, ''), $2)` : `btrim(coalesce(s.${col}, ''))`);
  const identifierColumn = columnOf("ft_identifier");
  const wholeBlank = `${odd ? `btrim(${whole}, $2)` : `btrim(${whole})`} = ''`;
  const layer1 = `SELECT s.line,
      ${identifierColumn ? `(${trimmed(identifierColumn)} = '' AND ${wholeBlank})` : wholeBlank} AS blank,
      ${used.map((f) => `${columnOf(f) ? trimmed(columnOf(f) as string) : "''::text"} AS r_${f}`).join(",\n      ")}
    FROM list_staging s OFFSET 0`;

  // Layer 2: the values as validateLine normalises them (identifier and INSEE without spaces, texts
  // with single spaces, dates split on « / »). No regular expression where a character test does:
  // each one cost about a microsecond per line (ADR 0040).
  const squeezed = (f: ListField) => `upper(${odd ? `translate(a.r_${f}, $2, '')` : `replace(a.r_${f}, ' ', '')`})`;
  const collapsed = (f: ListField) =>
    odd
      ? `regexp_replace(a.r_${f}, ${sqlText(`[${WHITE_SPACE_CLASS}]+`)}, ' ', 'g')`
      : `CASE WHEN strpos(a.r_${f}, '  ') = 0 THEN a.r_${f} ELSE regexp_replace(a.r_${f}, ' {2,}', ' ', 'g') END`;
  const isDate = (f: ListField) => f === "birth_date" || f === "registered_on" || f === "movement_on";
  const layer2Columns: string[] = [];
  for (const f of used) {
    if (f === "ft_identifier" || f === "commune_insee") layer2Columns.push(`${squeezed(f)} AS v_${f}`);
    else if (isDate(f)) layer2Columns.push(`split_part(a.r_${f}, '/', 1) AS p1_${f}, split_part(a.r_${f}, '/', 2) AS p2_${f}, split_part(a.r_${f}, '/', 3) AS p3_${f}`);
    else if (f === "movement")
      layer2Columns.push(`CASE btrim(regexp_replace(lower(tandem_unaccent(a.r_movement)), '[^a-z0-9]+', ' ', 'g'))
        WHEN 'inscription' THEN 'registration' WHEN 'nouvelle inscription' THEN 'registration'
        WHEN 'cessation' THEN 'cancellation' WHEN 'cessation d inscription' THEN 'cancellation' WHEN 'annulation' THEN 'cancellation'
        WHEN 'radiation' THEN 'removal'
        WHEN 'present' THEN 'present' WHEN 'inscrit' THEN 'present' WHEN 'liste globale' THEN 'present' END AS v_movement`);
    else if (f === "removal_months") layer2Columns.push(`(octet_length(a.r_removal_months) BETWEEN 1 AND 2 AND ${onlyDigits("a.r_removal_months")}) AS f_removal_months`);
    else layer2Columns.push(`${collapsed(f)} AS v_${f}`);
  }
  const layer3 = `SELECT a.*, ${layer2Columns.join(",\n      ")} FROM (${layer1}) a OFFSET 0`;

  // Layer 3: jj/mm/aaaa (also j/m/aaaa: digits and exactly two « / », parts of 1–2, 1–2 and 4 digits) and its numbers.
  const dates = used.filter(isDate);
  const format = (f: ListField) =>
    `(ltrim(b.r_${f}, '0123456789/') = '' AND octet_length(b.p1_${f}) BETWEEN 1 AND 2 AND octet_length(b.p2_${f}) BETWEEN 1 AND 2
      AND octet_length(b.p3_${f}) = 4 AND octet_length(b.r_${f}) = octet_length(b.p1_${f}) + octet_length(b.p2_${f}) + 6)`;
  const layer4 = `SELECT b.*${dates
    .map((f) => `, ${format(f)} AS f_${f}`)
    .join("")} FROM (${layer3}) b OFFSET 0`;
  const part = (f: ListField, n: number) => `CASE WHEN c.f_${f} THEN c.p${n}_${f}::int END`;
  const layer4b = `SELECT c.*${dates.map((f) => `, ${part(f, 1)} AS dd_${f}, ${part(f, 2)} AS mm_${f}, ${part(f, 3)} AS yy_${f}`).join("")} FROM (${layer4}) c OFFSET 0`;
  const exists = (f: ListField) => {
    const [day, month, year] = [`d.dd_${f}`, `d.mm_${f}`, `d.yy_${f}`];
    return `(${year} >= 100 AND ${month} BETWEEN 1 AND 12 AND ${day} BETWEEN 1 AND
      CASE WHEN ${month} = 2 THEN CASE WHEN (${year} % 4 = 0 AND ${year} % 100 <> 0) OR ${year} % 400 = 0 THEN 29 ELSE 28 END
           WHEN ${month} IN (4, 6, 9, 11) THEN 30 ELSE 31 END)`;
  };
  const layer5 = `SELECT d.*${dates
    .map((f) => `, ${exists(f)} AS e_${f}`)
    .join("")} FROM (${layer4b}) d OFFSET 0`;
  const layer5b = `SELECT e.*${dates
    .map((f) => `, CASE WHEN e.e_${f} THEN make_date(e.yy_${f}, e.mm_${f}, e.dd_${f}) END AS v_${f}`)
    .join("")} FROM (${layer5}) e OFFSET 0`;

  // The messages, in validateLine's order.
  const text = (f: ListField, max: number) =>
    `CASE WHEN x.v_${f} = '' THEN ${required(f) ? "'Valeur obligatoire manquante.'" : "NULL"}
          WHEN char_length(x.v_${f}) > ${max} THEN 'Texte trop long (${max} caractères au plus).' END`;
  const date = (f: ListField, notBefore: string) =>
    `CASE WHEN x.r_${f} = '' THEN ${required(f) ? "'Date obligatoire manquante.'" : "NULL"}
          WHEN NOT x.f_${f} THEN 'Date attendue au format jj/mm/aaaa.'
          WHEN NOT x.e_${f} THEN 'Cette date n’existe pas (' || x.r_${f} || ').'
          WHEN x.v_${f} > $3::date THEN 'Cette date est dans le futur.'
          WHEN x.v_${f} < DATE '${notBefore}' THEN 'Cette date n’est pas plausible.' END`;
  const messages: [ListField, string][] = [
    [
      "ft_identifier",
      `CASE WHEN x.v_ft_identifier = '' THEN 'Identifiant France Travail manquant.'
            WHEN NOT (octet_length(x.v_ft_identifier) BETWEEN 7 AND 11 AND ltrim(x.v_ft_identifier, '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ') = '') THEN 'Identifiant France Travail : 7 à 11 chiffres ou lettres.' END`,
    ],
    ["last_name", text("last_name", 100)],
    ["first_name", text("first_name", 100)],
  ];
  if (has("birth_date")) messages.push(["birth_date", date("birth_date", "1900-01-01")]);
  if (has("address")) messages.push(["address", text("address", 300)]);
  messages.push([
    "commune_insee",
    `CASE WHEN x.v_commune_insee = '' THEN 'Code INSEE de la commune manquant.'
          WHEN NOT (octet_length(x.v_commune_insee) = 5
                    AND (${onlyDigits("x.v_commune_insee")} OR (left(x.v_commune_insee, 2) IN ('2A', '2B') AND ${onlyDigits("substr(x.v_commune_insee, 3)")}))) THEN 'Code INSEE attendu : 5 chiffres, ou 2A / 2B suivi de 3 chiffres pour la Corse.' END`,
  ]);
  if (has("registered_on")) messages.push(["registered_on", date("registered_on", "1950-01-01")]);
  const months = "x.r_removal_months";
  if (has("movement")) {
    messages.push(
      [
        "movement",
        `CASE WHEN x.r_movement = '' THEN 'Mouvement manquant.'
              WHEN x.v_movement IS NULL THEN 'Mouvement inconnu : inscription, cessation, radiation ou présent.' END`,
      ],
      ["movement_on", date("movement_on", "1950-01-01")],
      ["removal_reason", text("removal_reason", 200)],
      [
        "removal_months",
        `CASE WHEN ${months} = '' THEN NULL
              WHEN NOT x.f_removal_months OR (CASE WHEN x.f_removal_months THEN ${months}::int END) NOT BETWEEN 1 AND 12
              THEN 'Durée de radiation : un nombre de mois de 1 à 12.' END`,
      ],
      ["removal_reason", `CASE WHEN x.v_movement = 'removal' AND (x.v_removal_reason = '' OR char_length(x.v_removal_reason) > 200) THEN 'Une radiation doit indiquer son motif.' END`],
      ["removal_months", `CASE WHEN x.v_movement = 'removal' AND ${months} = '' THEN 'Une radiation doit indiquer sa durée.' END`],
    );
  }
  const keep = (f: ListField, value: string, type: string) => (has(f) ? value : `NULL::${type}`);
  // Each message computed once per line (a layer), `ok` from them.
  const withMessages = `SELECT x.*, ${messages.map(([, m], i) => `${m} AS m${i}`).join(",\n      ")} FROM (${layer5b}) x OFFSET 0`;
  return {
    messages,
    sql: `SELECT y.line, y.blank,
      ${messages.map((_, i) => `y.m${i}`).join(", ")},
      ${messages.map((_, i) => `y.m${i} IS NULL`).join(" AND ")} AS ok,
      ${used.map((f) => `y.r_${f}`).join(", ")},
      y.v_ft_identifier AS ft_identifier, y.v_last_name AS last_name, y.v_first_name AS first_name,
      ${keep("birth_date", "y.v_birth_date", "date")} AS birth_date,
      ${keep("address", "nullif(y.v_address, '')", "text")} AS address,
      y.v_commune_insee AS commune_insee,
      ${keep("registered_on", "y.v_registered_on", "date")} AS registered_on,
      ${keep("movement", "y.v_movement", "text")} AS movement,
      ${keep("movement_on", "y.v_movement_on", "date")} AS movement_on,
      ${keep("removal_reason", "nullif(y.v_removal_reason, '')", "text")} AS removal_reason,
      ${keep("removal_months", `CASE WHEN y.f_removal_months THEN y.r_removal_months::int END`, "int")} AS removal_months
    FROM (${withMessages}) y`,
  };
}

/** Only the digits 0–9 (an empty text too: callers test its length). */
const onlyDigits = (value: string) => `ltrim(${value}, '0123456789') = ''`;

/** The report: each problem of each line (line, column, value, message), the first maxIssues kept in file order; the total counted. */
async function writeIssues(tx: Db, c: CopyCheck, checked: CheckedLines, params: unknown[]): Promise<number> {
  const cells = checked.messages.map(([f], i) => `(${i}, ${c.mapping[f] ? sqlText(c.mapping[f] as string) : "NULL::text"}, left(nullif(k.r_${f}, ''), 500), k.m${i})`);
  const [{ n }] = await tx.query<{ n: number }>(
    `WITH i AS MATERIALIZED (
       SELECT k.line, v.ord, v.column_name, v.value, v.message
         FROM (${checked.sql}) k CROSS JOIN LATERAL (VALUES ${cells.join(", ")}) AS v(ord, column_name, value, message)
        WHERE NOT k.ok AND NOT k.blank AND v.message IS NOT NULL AND $2::text IS NOT NULL AND $3::date IS NOT NULL),
     kept AS (
       INSERT INTO list_import_issues (import_id, seq, line, column_name, value, message)
       SELECT $1::uuid, row_number() OVER (ORDER BY line, ord), line, column_name, value, message FROM i ORDER BY line, ord LIMIT ${Math.max(0, Math.floor(c.maxIssues))})
     SELECT count(*)::int AS n FROM i`,
    params,
  );
  return n;
}
