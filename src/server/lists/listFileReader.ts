import fs from "node:fs";
import { pipeline, Transform } from "node:stream";
import { parse } from "csv-parse";
import ExcelJS from "exceljs";

/**
 * Reads a received list from disk as records of text cells, one at a time: never the whole file
 * in memory (ADR 0030). CSV with `;` in UTF-8 (with or without BOM) or Windows-1252, quoted fields
 * holding `;` or line breaks; or the first sheet of an XLSX workbook (exceljs streaming reader).
 */
export type FileRecord = { line: number; cells: string[] };
export type Encoding = "utf-8" | "utf-8-bom" | "windows-1252";
/** What JavaScript's `\s` takes for white space, but the plain space and the line feed (a BOM past the first bytes too). */
const ODD_SPACE = /[\t\v\f\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff]/;

/** A file that cannot be read as a whole: the line where reading stopped, and why (French). */
export class UnreadableFile extends Error {
  constructor(
    readonly line: number | null,
    message: string,
  ) {
    super(message);
  }
}

/**
 * A first pass over the file: its encoding (a BOM; else UTF-8 if every byte sequence is valid
 * UTF-8; else Windows-1252, what spreadsheets write on French Windows) and its number of line
 * breaks (the progress bar's total); and whether it is plain — no quote, lines ended by LF or CRLF —
 * so that readCsv may split it without a CSV parser; and whether it holds white space other than the
 * plain space and line ends (tab, no-break space…: the COPY path's exact trimming is needed then,
 * ADR 0039). Streams the bytes; nothing is kept.
 */
export async function sniffCsv(path: string): Promise<{ encoding: Encoding; lineBreaks: number; plain: boolean; oddSpace: boolean }> {
  const decoder = new TextDecoder("utf-8", { fatal: true });
  let utf8 = true;
  let first = true;
  let bom = false;
  let lineBreaks = 0;
  let carriageReturns = 0;
  let quoted = false;
  let lastByte = 0x0a;
  // Odd white space: in the text if it is UTF-8, in the bytes if it is Windows-1252 (0xA0 is its no-break space).
  let oddInText = false;
  let oddInBytes = false;
  for await (const chunk of fs.createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    if (first) {
      bom = chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
      first = false;
    }
    if (utf8) {
      try {
        const text = decoder.decode(chunk, { stream: true });
        oddInText ||= ODD_SPACE.test(text);
      } catch {
        utf8 = false;
      }
    }
    oddInBytes ||= chunk.includes(0x09) || chunk.includes(0x0b) || chunk.includes(0x0c) || chunk.includes(0xa0);
    for (let i = chunk.indexOf(0x0a); i >= 0; i = chunk.indexOf(0x0a, i + 1)) lineBreaks++;
    for (let i = chunk.indexOf(0x0d); i >= 0; i = chunk.indexOf(0x0d, i + 1)) carriageReturns++;
    quoted ||= chunk.includes(0x22);
    if (chunk.length) lastByte = chunk[chunk.length - 1];
  }
  if (utf8) {
    try {
      decoder.decode();
    } catch {
      utf8 = false;
    }
  }
  // Every CR the start of a CRLF (or none): no old Mac line ends, no CR inside a cell.
  const plain = !quoted && (carriageReturns === 0 || carriageReturns === lineBreaks);
  // A carriage return that does not end a line is white space inside a cell.
  const oddSpace = (utf8 ? oddInText : oddInBytes) || (carriageReturns !== 0 && carriageReturns !== lineBreaks);
  // A last line without a final line break is still a line.
  if (lastByte !== 0x0a) lineBreaks++;
  return { encoding: bom ? "utf-8-bom" : utf8 ? "utf-8" : "windows-1252", lineBreaks, plain, oddSpace };
}

/** Bytes in the file's encoding → UTF-8 text, chunk by chunk (a character split between chunks is kept for the next one). */
const decoding = (encoding: Encoding) => {
  const decoder = new TextDecoder(encoding === "windows-1252" ? "windows-1252" : "utf-8", { ignoreBOM: false });
  return new Transform({
    readableObjectMode: false,
    transform(chunk: Buffer, _enc, done) {
      done(null, decoder.decode(chunk, { stream: true }));
    },
    flush(done) {
      done(null, decoder.decode());
    },
  });
};

/**
 * The records of a plain file (sniffCsv: no quote, LF or CRLF): its lines split on `;`, what the CSV
 * parser would give, several times faster — the parser costs more than the whole check otherwise
 * (bench/listBench.ts). A last line without a line break is still a record.
 */
async function* readPlainCsv(path: string, encoding: Encoding): AsyncGenerator<FileRecord> {
  const decoder = new TextDecoder(encoding === "windows-1252" ? "windows-1252" : "utf-8", { ignoreBOM: false });
  const cellsOf = (text: string) => (text.endsWith("\r") ? text.slice(0, -1) : text).split(";");
  let rest = "";
  let line = 1;
  for await (const chunk of fs.createReadStream(path, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
    const lines = (rest + decoder.decode(chunk, { stream: true })).split("\n");
    rest = lines.pop() ?? "";
    for (const text of lines) yield { line: line++, cells: cellsOf(text) };
  }
  rest += decoder.decode();
  if (rest !== "") yield { line, cells: cellsOf(rest) };
}

/** The records of a CSV file; the header is line 1. A quote left open (a file cut short) stops the reading with its line. */
export async function* readCsv(path: string, encoding: Encoding, plain = false): AsyncGenerator<FileRecord> {
  if (plain) {
    yield* readPlainCsv(path, encoding);
    return;
  }
  const parser = parse({ delimiter: ";", relax_column_count: true, bom: true });
  // pipeline, not pipe: a read error (the file deleted by an abandonment) reaches the loop below instead of leaving it waiting.
  pipeline(fs.createReadStream(path, { highWaterMark: 64 * 1024 }), decoding(encoding), parser, () => {});
  // Line numbers counted here (csv-parse's `info` halves its speed): a record starts on the line
  // after the previous one ends, and spans one more line per line break inside its quoted fields.
  let line = 1;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      yield { line, cells: record };
      line++;
      for (const cell of record) for (let i = cell.indexOf("\n"); i >= 0; i = cell.indexOf("\n", i + 1)) line++;
    }
  } catch (e) {
    const err = e as { code?: string; lines?: number; message: string };
    if (err.code === "CSV_QUOTE_NOT_CLOSED") throw new UnreadableFile(err.lines ?? null, "Un guillemet ouvert n’est jamais fermé : le fichier semble tronqué.");
    if (err.code?.startsWith("CSV_")) throw new UnreadableFile(err.lines ?? null, "Le fichier n’est pas un CSV lisible (séparateur « ; » attendu).");
    throw e;
  } finally {
    parser.destroy();
  }
}

const pad = (n: number) => String(n).padStart(2, "0");
/** A cell of a sheet as the text a CSV would hold: dates as jj/mm/aaaa (exceljs gives them at UTC midnight). */
function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return "";
  if (v instanceof Date) return `${pad(v.getUTCDate())}/${pad(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
  if (typeof v === "object") {
    if ("richText" in v) return v.richText.map((r) => r.text).join("");
    if ("result" in v) return cellText((v.result ?? null) as ExcelJS.CellValue);
    if ("text" in v) return String(v.text);
    if ("error" in v) return "";
  }
  return String(v);
}

/** The rows of an XLSX file's first sheet; the first row is the header (line 1). */
export async function* readXlsx(path: string): AsyncGenerator<FileRecord> {
  // exceljs opens the file itself: a file already gone (an abandonment) is refused here, not lost in its streams.
  await fs.promises.access(path);
  const workbook = new ExcelJS.stream.xlsx.WorkbookReader(path, { worksheets: "emit", sharedStrings: "cache", styles: "cache", hyperlinks: "ignore", entries: "ignore" });
  try {
    for await (const sheet of workbook) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const values = row.values as ExcelJS.CellValue[];
        const cells: string[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellText(values[i]));
        yield { line: row.number, cells };
      }
      return; // the first sheet only
    }
  } catch (e) {
    if (e instanceof UnreadableFile) throw e;
    throw new UnreadableFile(null, "Le fichier n’est pas un classeur XLSX lisible.");
  }
}
