import fs from "node:fs";
import { Readable } from "node:stream";
import { type LineIssue, type ListRow, lineValidator, raggedLineIssue } from "../../domain/lists/lineValidation.js";
import { LIST_KINDS, type ListField } from "../../domain/lists/listKinds.js";
import { isPlainGoodLine, plainLinePlan } from "../../domain/lists/plainLineCheck.js";
import type { Db } from "../platform/db.js";
import { knownPeopleSql } from "../support/listedJobSeekers.js";
import { attachImportRows, createBareImportRows } from "./listImportRepository.js";
import { FirstLineByIdentifier } from "./firstLineByIdentifier.js";
import { CopyAbandoned, type CopyCheck, type CopyCheckResult, CopyRefused, finishCheck, markIdentityDuplicates, stepTimer } from "./copyListCheck.js";

/**
 * The check of a plain CSV list (no quote, lines ended by LF or CRLF: sniffCsv) on a PostgreSQL
 * server (ADR 0041, 0044): this process reads and checks the lines — the rules of
 * domain/lists/lineValidation.ts themselves, the same codes and messages as every path — while
 * PostgreSQL writes the good ones through `COPY … FROM STDIN` into the import's own table, created
 * bare in this transaction (the line and the list's fields only), then given its primary key,
 * analysed and attached to list_import_rows: two cores at work at once, each line written once,
 * its index built in one go. The repeats of an identifier inside the file are found here while
 * reading (FirstLineByIdentifier) and marked after the COPY by their lines; the people Tandem
 * already knows by one set-based UPDATE (support context's rule, knownPeopleSql); a repeated name
 * and birth date in SQL as the other paths do. One transaction: abandoned or failed, it leaves
 * nothing, not even the table. The event loop gets its turn between two chunks of the file (a
 * chunk of 128 KiB is checked in about 10 ms; 256 KiB held it up to 130 ms while PostgreSQL took
 * the other core, measured).
 */
const CHUNK_BYTES = 128 * 1024;
/** Repeated identifiers marked per statement after the COPY. */
const REPEATS_PER_STATEMENT = 10_000;

/**
 * A checked value for COPY's text format, `\N` for null. Only the backslash needs its escape: the
 * rules leave no tab, line feed or carriage return in a value (white space runs become one space;
 * identifiers, codes, dates and movements are letters and digits).
 */
const copyText = (v: string | null): string => (v === null ? "\\N" : v.includes("\\") ? v.replaceAll("\\", "\\\\") : v);
const isBlank = (cells: string[]) => {
  for (const cell of cells) if (cell.trim() !== "") return false;
  return true;
};

/**
 * Windows-1252 byte → its character in UTF-8 (what TextDecoder gives), three bytes a character at
 * most: `[length, b1, b2, b3]` per byte; null for a UTF-8 file (copied as it is).
 */
function utf8Table(encoding: CopyCheck["encoding"]): Uint8Array | null {
  if (encoding !== "windows-1252") return null;
  // `stream: true`: Node 20's decoder drops 0x80–0x9F (’, €, œ…) in its one-shot mode, measured.
  const decoder = new TextDecoder("windows-1252");
  const table = new Uint8Array(256 * 4);
  for (let b = 0; b < 256; b++) {
    const utf8 = Buffer.from(decoder.decode(Uint8Array.of(b), { stream: true }));
    table[4 * b] = utf8.length;
    utf8.copy(table, 4 * b + 1);
  }
  return table;
}
const TAB = 0x09;
const LINE_FEED = 0x0a;
/** The fields a list may have, in list_import_rows' order, and each one's value in a checked line. */
const COPY_FIELDS = ["ft_identifier", "last_name", "first_name", "birth_date", "address", "commune_insee", "registered_on", "movement", "movement_on", "removal_reason", "removal_months"] as const;
const ROW_VALUE: Record<(typeof COPY_FIELDS)[number], (row: ListRow) => string | number | null> = {
  ft_identifier: (r) => r.ftIdentifier,
  last_name: (r) => r.lastName,
  first_name: (r) => r.firstName,
  birth_date: (r) => r.birthDate,
  address: (r) => r.address,
  commune_insee: (r) => r.communeInsee,
  registered_on: (r) => r.registeredOn,
  movement: (r) => r.movement,
  movement_on: (r) => r.movementOn,
  removal_reason: (r) => r.removalReason,
  removal_months: (r) => r.removalMonths,
};
/** Where the digits of yyyymmdd go in yyyy-mm-dd, from the last. */
const DATE_DIGITS = [9, 8, 6, 5, 3, 2, 1, 0];

/**
 * The COPY rows of a chunk, written into one buffer that grows when needed. Short values are
 * written byte by byte here: a call into Buffer's native methods per value cost more than the
 * checks (measured).
 */
class OutBuffer {
  private buffer: Buffer;
  length = 0;
  constructor(size: number) {
    this.buffer = Buffer.allocUnsafe(size);
  }
  private room(n: number) {
    if (this.length + n <= this.buffer.length) return;
    const bigger = Buffer.allocUnsafe(Math.max(this.buffer.length * 2, this.length + n));
    this.buffer.copy(bigger, 0, 0, this.length);
    this.buffer = bigger;
  }
  /** Text of ASCII characters only. */
  ascii(s: string) {
    this.room(s.length);
    const buffer = this.buffer;
    let at = this.length;
    for (let i = 0; i < s.length; i++) buffer[at++] = s.charCodeAt(i);
    this.length = at;
  }
  byte(b: number) {
    this.room(1);
    this.buffer[this.length++] = b;
  }
  /** A line number: its decimal digits, no string. */
  number(n: number) {
    this.room(11);
    const buffer = this.buffer;
    let digits = 1;
    for (let p = 10; p <= n; p *= 10) digits++;
    let at = this.length + digits;
    this.length = at;
    do {
      buffer[--at] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    } while (n > 0);
  }
  /** A yyyymmdd date as COPY reads it, yyyy-mm-dd (a year of four digits: the rules refuse the others). */
  date(yyyymmdd: number) {
    this.room(10);
    const buffer = this.buffer;
    const at = this.length;
    let n = yyyymmdd;
    for (const i of DATE_DIGITS) {
      buffer[at + i] = 0x30 + (n % 10);
      n = Math.floor(n / 10);
    }
    buffer[at + 4] = 0x2d;
    buffer[at + 7] = 0x2d;
    this.length = at + 10;
  }
  text(s: string) {
    this.room(3 * s.length);
    this.length += this.buffer.write(s, this.length, "utf8");
  }
  /** Bytes of the file: as they are (UTF-8), or each through the table (Windows-1252). */
  transcoded(from: Uint8Array, start: number, end: number, table: Uint8Array | null) {
    this.room(3 * (end - start));
    const buffer = this.buffer;
    let at = this.length;
    for (let i = start; i < end; i++) {
      const b = from[i];
      if (b < 0x80 || table === null) buffer[at++] = b;
      else {
        const t = 4 * b;
        const n = table[t];
        buffer[at++] = table[t + 1];
        if (n > 1) buffer[at++] = table[t + 2];
        if (n > 2) buffer[at++] = table[t + 3];
      }
    }
    this.length = at;
  }
  result(): Buffer {
    return this.buffer.subarray(0, this.length);
  }
}

export async function checkWithFastCopy(db: Db, c: CopyCheck): Promise<CopyCheckResult> {
  const step = stepTimer(c.importId);
  const columnIndex = new Map(c.header.map((h, i) => [h, i]));
  const validate = lineValidator(c.source, c.mapping, c.today, (column) => columnIndex.get(column) ?? -1);
  const headerLength = c.header.length;
  let done = 0;
  let valid = 0;
  let issueCount = 0;
  const kept: LineIssue[] = [];
  const keep = (issues: LineIssue[]) => {
    issueCount += issues.length;
    for (const issue of issues) if (kept.length < c.maxIssues) kept.push(issue);
  };
  // The first line of each identifier: a later one repeats it (skipped, pointing to it). The repeats,
  // few, are marked after the COPY (one UPDATE by their lines): the COPY writes only the list's fields.
  const firstLines = new FirstLineByIdentifier(c.expectedRecords);
  const repeats: { lines: number[]; firsts: number[] } = { lines: [], firsts: [] };
  const repeated = (line: number, first: number) => {
    repeats.lines.push(line);
    repeats.firsts.push(first);
  };
  // Time spent reading and checking here (the rest of the COPY's time, PostgreSQL writing or waiting): the bench reports it.
  let nodeMs = 0;

  // The COPY's columns: the line and the list's own fields (ADR 0044: the import's id is its table's default, the rest null or their default).
  const fields = LIST_KINDS[c.source].fields.map((f) => f.field);
  const copyFields = COPY_FIELDS.filter((f) => fields.includes(f));
  /** The COPY row of a good line (its values as strings). */
  const rowText = (row: ListRow) => {
    let text = String(row.line);
    for (const field of copyFields) {
      const value = ROW_VALUE[field](row);
      text += `\t${copyText(value === null ? null : String(value))}`;
    }
    return `${text}\n`;
  };

  /** A line lineValidator checks (the shortcut did not take it): its COPY row, or "" (blank, ragged, refused). */
  const windows1252 = c.encoding === "windows-1252";
  const lineDecoder = new TextDecoder(windows1252 ? "windows-1252" : "utf-8", { ignoreBOM: true });
  const checkLine = (bytes: Uint8Array, line: number): string => {
    // Windows-1252 has no character across bytes: streaming keeps nothing between lines, and Node 20's one-shot mode drops 0x80–0x9F.
    const cells = lineDecoder.decode(bytes, { stream: windows1252 }).split(";");
    if (isBlank(cells)) return "";
    done++;
    if (cells.length !== headerLength) {
      keep([raggedLineIssue(line, cells, headerLength)]);
      return "";
    }
    const { row, issues } = validate(line, cells);
    if (issues.length > 0) keep(issues);
    if (!row) return "";
    valid++;
    firstLines.addString(row.ftIdentifier, line);
    return rowText(row);
  };

  // The shortcut (plainLineCheck.ts) for the common good line: its bytes copied as they are (Windows-1252 made UTF-8 by a table).
  const plan = plainLinePlan(c.source, c.mapping, c.header, c.today, c.encoding !== "windows-1252");
  const cellBounds = new Int32Array(2 * headerLength);
  const dates = new Int32Array(headerLength);
  const toUtf8 = utf8Table(c.encoding);
  const columnOf = (f: ListField) => (c.mapping[f] ? c.header.lastIndexOf(c.mapping[f] as string) : -1);
  // Each COPY column's file column: -1 for null (an optional field the file does not have).
  const sourceColumns = copyFields.map(columnOf);
  const identifierColumn = columnOf("ft_identifier");
  const isDate = c.header.map((_, column) => plan?.roles[column]?.kind === "date");

  /** The COPY rows of complete lines `bytes[0, end)`, the first one numbered `firstLine`; the number of lines. */
  const checkLines = (bytes: Buffer, end: number, firstLine: number, out: OutBuffer): number => {
    let line = firstLine;
    let start = 0;
    while (start < end) {
      let stop = bytes.indexOf(0x0a, start);
      if (stop < 0 || stop > end) stop = end;
      const lineEnd = stop > start && bytes[stop - 1] === 0x0d ? stop - 1 : stop;
      if (plan && isPlainGoodLine(plan, bytes, start, lineEnd, cellBounds, dates)) {
        done++;
        valid++;
        firstLines.addBytes(bytes, cellBounds[2 * identifierColumn], cellBounds[2 * identifierColumn + 1], line);
        out.number(line);
        for (let k = 0; k < sourceColumns.length; k++) {
          const column = sourceColumns[k];
          out.byte(TAB);
          if (column < 0) out.ascii("\\N");
          else if (isDate[column]) out.date(dates[column]);
          else out.transcoded(bytes, cellBounds[2 * column], cellBounds[2 * column + 1], toUtf8);
        }
        out.byte(LINE_FEED);
      } else {
        const row = checkLine(bytes.subarray(start, lineEnd), line);
        if (row) out.text(row);
      }
      line++;
      start = stop + 1;
    }
    firstLines.settle(repeated);
    return line - firstLine;
  };

  /** The file, chunk by chunk, as COPY rows (UTF-8); the header (line 1) skipped. */
  async function* copyRows(): AsyncGenerator<Buffer> {
    let rest: Buffer = Buffer.alloc(0);
    let line = 1;
    let header = true;
    for await (const chunk of fs.createReadStream(c.path, { highWaterMark: CHUNK_BYTES }) as AsyncIterable<Buffer>) {
      if (c.progress.abandoned) throw new CopyAbandoned();
      let bytes = rest.length > 0 ? Buffer.concat([rest, chunk]) : chunk;
      if (header) {
        const headerEnd = bytes.indexOf(0x0a);
        if (headerEnd < 0) {
          rest = bytes;
          continue;
        }
        bytes = bytes.subarray(headerEnd + 1);
        line = 2;
        header = false;
      }
      const end = bytes.lastIndexOf(0x0a) + 1;
      rest = Buffer.from(bytes.subarray(end));
      const started = performance.now();
      const out = new OutBuffer(end * 3 + 1024);
      line += checkLines(bytes, end, line, out);
      nodeMs += performance.now() - started;
      c.progress.lines = line - 1;
      if (out.length > 0) yield out.result();
    }
    if (rest.length > 0 && !header) {
      const out = new OutBuffer(rest.length * 3 + 1024);
      line += checkLines(rest, rest.length, line, out);
      if (out.length > 0) yield out.result();
    }
    c.progress.lines = line - 1;
  }

  return db.transaction(async (tx) => {
    if (!tx.copyFrom) throw new CopyRefused();
    await tx.query("SET LOCAL statement_timeout = '10min'");
    await tx.query("SET LOCAL work_mem = '256MB'");
    // A dry run: lost in a crash, it is lost whole (its import still « checking », the job runs it again).
    await tx.query("SET LOCAL synchronous_commit = off");
    // The import's own table, filled bare then indexed and attached (ADR 0044): created in this transaction, it goes with it.
    const { table, fresh } = await createBareImportRows(tx, c.importId);
    try {
      // A table created in this transaction takes its lines frozen (ADR 0045): nothing to mark visible
      // later — its index, the known people's pass, the confirmation and autovacuum read them as they are.
      await tx.copyFrom(
        `COPY ${table} (line, ${copyFields.join(", ")}) FROM STDIN${fresh ? " (FREEZE)" : ""}`,
        Readable.from(copyRows(), { objectMode: false }),
      );
    } catch (e) {
      if (c.progress.abandoned || e instanceof CopyAbandoned) throw new CopyAbandoned();
      throw e;
    }
    step(`lecture, vérification et COPY dans la table de l’import (dont ${(nodeMs / 1000).toFixed(1)} s à vérifier dans Node)`);
    await attachImportRows(tx, c.importId);
    step("index, statistiques et rattachement à list_import_rows");
    // The repeats of an identifier seen while reading: skipped, pointing to the first line (through the new primary key).
    for (let i = 0; i < repeats.lines.length; i += REPEATS_PER_STATEMENT) {
      await tx.query(
        `UPDATE list_import_rows r SET duplicate_of_line = d.first_line, decision = 'skip'
           FROM unnest($2::int[], $3::int[]) AS d(line, first_line) WHERE r.import_id = $1 AND r.line = d.line`,
        [c.importId, repeats.lines.slice(i, i + REPEATS_PER_STATEMENT), repeats.firsts.slice(i, i + REPEATS_PER_STATEMENT)],
      );
    }
    step(`répétitions d’identifiant marquées (${repeats.lines.length}, vues en lisant)`);
    for (let seq = 0; seq < kept.length; seq += 5000) {
      const batch = kept.slice(seq, seq + 5000);
      await tx.query(
        `INSERT INTO list_import_issues (import_id, seq, line, column_name, value, message)
         SELECT $1::uuid, $2::int + n::int - 1, line, column_name, value, message
           FROM unnest($3::int[], $4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS i(line, column_name, value, message, n)`,
        [c.importId, seq + 1, batch.map((i) => i.line), batch.map((i) => i.column), batch.map((i) => i.value?.slice(0, 500) ?? null), batch.map((i) => i.message)],
      );
    }
    step("rapport");

    // People Tandem already knows (support context's rule): proposed for a merge, unless the line repeats an earlier one.
    await tx.query(
      `UPDATE list_import_rows r SET existing_job_seeker_id = k.id, existing_match = k.by, decision = CASE WHEN r.duplicate_of_line IS NULL THEN 'merge' ELSE 'skip' END
         FROM (${knownPeopleSql(`(SELECT line AS key, ft_identifier, last_name, first_name, birth_date FROM list_import_rows WHERE import_id = $1)`, fields.includes("birth_date"))}) k
        WHERE r.import_id = $1 AND r.line = k.key`,
      [c.importId],
    );
    step("personnes connues");
    await markIdentityDuplicates(tx, c);
    step("doublons de nom et date de naissance");
    const duplicateCount = await finishCheck(tx, c, done, valid, issueCount);
    step("comptes et état");
    return { done, valid, issueCount, duplicateCount };
  });
}
