import { parse } from "csv-parse/sync";
import { toFrenchCsv } from "../platform/frenchCsv.js";
import serviceSchema from "./schema/service.json" with { type: "json" };
import structureSchema from "./schema/structure.json" with { type: "json" };
import type { Collection, RecordIssue } from "./schemaValidator.js";

/**
 * The directory in CSV (ADR 0035): the schema 1.x publishes no CSV columns, so a file holds one
 * collection, one column per property of the published JSON Schema (its required fields first,
 * then the others in the schema's order), named as the JSON field. A list is its codes joined by a
 * comma (referential codes never contain one), a number is written with a point (a comma is read
 * too), an empty cell is an absent value. The JSON the rows become goes through the one validation
 * path of the JSON import: this module only translates.
 */
type JsonSchema = { required?: string[]; properties: Record<string, { type?: string; anyOf?: { type?: string }[] }> };
const SCHEMAS: Record<Collection, JsonSchema> = { structures: structureSchema as JsonSchema, services: serviceSchema as JsonSchema };

type Kind = "list" | "number" | "integer" | "text";
function kindOf(property: JsonSchema["properties"][string]): Kind {
  const types = [property.type, ...(property.anyOf ?? []).map((a) => a.type)];
  if (types.includes("array")) return "list";
  if (types.includes("integer")) return "integer";
  if (types.includes("number")) return "number";
  return "text";
}

export function csvColumns(collection: Collection): string[] {
  const schema = SCHEMAS[collection];
  const required = schema.required ?? [];
  return [...required, ...Object.keys(schema.properties).filter((k) => !required.includes(k))];
}

export function recordsToCsv(collection: Collection, records: Record<string, unknown>[]): string {
  const columns = csvColumns(collection);
  const cell = (v: unknown): string | number | null => {
    if (v === null || v === undefined) return null;
    if (Array.isArray(v)) return v.join(",");
    if (typeof v === "number") return v;
    return String(v);
  };
  return toFrenchCsv(
    columns,
    records.map((r) => columns.map((c) => cell(r[c]))),
  );
}

/** A CSV file's problems that are not a record's (unreadable file, unknown column): line 1 is the header. */
export type CsvParse = { records: Record<string, unknown>[]; issues: (RecordIssue & { line: number })[] };

export function csvToRecords(collection: Collection, text: string): CsvParse {
  const properties = SCHEMAS[collection].properties;
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, delimiter: ";", relax_column_count: true, skip_empty_lines: true });
  } catch (e) {
    const line = (e as { lines?: number }).lines ?? 1;
    return { records: [], issues: [{ line, field: "", value: null, message: "Fichier CSV illisible (guillemets mal fermés ?) : séparateur « ; » attendu, encodé en UTF-8." }] };
  }
  const [header = [], ...body] = rows;
  const issues: CsvParse["issues"] = [];
  const columns = header.map((h) => h.trim());
  columns.forEach((c) => {
    if (!(c in properties)) issues.push({ line: 1, field: c, value: c, message: "Colonne inconnue du schéma data·inclusion." });
  });
  const records = body.map((row, i) => {
    if (row.length !== columns.length) {
      issues.push({ line: i + 2, field: "", value: null, message: `${columns.length} colonnes attendues, ${row.length} trouvées.` });
    }
    const record: Record<string, unknown> = {};
    columns.forEach((c, n) => {
      const raw = fromSpreadsheetText(row[n] ?? "");
      if (raw.trim() === "" || !(c in properties)) return;
      record[c] = cellValue(kindOf(properties[c]), raw);
    });
    return record;
  });
  return { records, issues };
}

function cellValue(kind: Kind, raw: string): unknown {
  const s = raw.trim();
  if (kind === "list") {
    return s
      .split(",")
      .map((v) => v.trim())
      .filter((v) => v !== "");
  }
  if (kind === "number" || kind === "integer") {
    const n = Number(s.replace(",", "."));
    // Not a number: kept as written, the schema says « Type attendu : nombre » next to the field.
    return Number.isFinite(n) && s !== "" ? n : s;
  }
  return raw;
}

/** The export prefixes a cell a spreadsheet would run as a formula with an apostrophe (frenchCsv): undone here. */
const fromSpreadsheetText = (v: string) => (/^'[=+\-@\t\r]/.test(v) ? v.slice(1) : v);
