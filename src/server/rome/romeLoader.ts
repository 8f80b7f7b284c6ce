import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parse } from "csv-parse";
import type { Db } from "../platform/db.js";
import { AppError } from "../platform/errors.js";
import { searchTextOf } from "./romeSearchText.js";

/**
 * The loader of France Travail's ROME 4.0 referential (« Répertoire opérationnel des métiers et des
 * emplois », open data: the RefRomeCsv archive), ADR 0036. It reads five files of the archive, each
 * found in the folder by its published name (`unix_<name>_v<version>_utf8.csv`, one version for all):
 *
 *  - unix_referentiel_code_rome      : code_rome, code_ogr, libelle_rome (the trades, fiches métiers)
 *  - unix_referentiel_appellation    : code_ogr, code_rome, libelle_appellation_long, libelle_appellation_court
 *  - unix_referentiel_competence     : code_ogr, libelle_competence (savoir-faire and savoir-être)
 *  - unix_referentiel_savoir         : code_ogr_savoir, libelle_savoir (savoirs)
 *  - unix_liens_rome_referentiels    : code_rome, code_ogr, code_compo_bloc, code_rubrique
 *    (bloc 5 = compétences; rubrique 1 savoir-faire, 2 savoir-être professionnels, 3 savoirs)
 *
 * Columns are found by their header name (the archive adds columns between versions; the others are
 * ignored), comma or semicolon separated, UTF-8 with or without BOM. Each file is streamed and
 * inserted in batches; everything happens in ONE transaction that first empties the referential: a
 * re-load replaces it, and any malformed file (missing file or column, bad code, empty label,
 * duplicate, a link to an unknown trade) loads nothing. Links of bloc 5 to a code OGR absent from the
 * competence and savoir files are counted as ignored (not loaded), never invented.
 */
export const ROME_FILES = {
  trades: { name: "referentiel_code_rome", columns: ["code_rome", "code_ogr", "libelle_rome"] },
  appellations: { name: "referentiel_appellation", columns: ["code_ogr", "code_rome", "libelle_appellation_long", "libelle_appellation_court"] },
  competences: { name: "referentiel_competence", columns: ["code_ogr", "libelle_competence"] },
  savoirs: { name: "referentiel_savoir", columns: ["code_ogr_savoir", "libelle_savoir"] },
  links: { name: "liens_rome_referentiels", columns: ["code_rome", "code_ogr", "code_compo_bloc", "code_rubrique"] },
} as const;
type RomeFileKind = keyof typeof ROME_FILES;

export type RomeLoadCounts = { version: string; trades: number; appellations: number; skills: number; links: number; linksIgnored: number };

export const romeLoadError = (file: string, line: number | null, message: string) =>
  new AppError(400, "ROME_FILE_INVALID", `${file}${line === null ? "" : `, ligne ${line}`} : ${message}`, { file, line });

const BATCH = 500;
const ROME_CODE = /^[A-Z][0-9]{4}$/;
const OGR_CODE = /^[0-9]{1,9}$/;

/** The five files of one version in the folder; refuses a missing file or versions that differ. */
export function findRomeFiles(dir: string): { version: string; files: Record<RomeFileKind, string> } {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw romeLoadError(dir, null, "dossier introuvable.");
  const names = fs.readdirSync(dir);
  const files = {} as Record<RomeFileKind, string>;
  const versions = new Set<string>();
  for (const [kind, spec] of Object.entries(ROME_FILES) as [RomeFileKind, (typeof ROME_FILES)[RomeFileKind]][]) {
    const pattern = new RegExp(`^unix_${spec.name}_(v[0-9]+)_utf8\\.csv$`);
    const found = names.filter((n) => pattern.test(n));
    if (found.length === 0) throw romeLoadError(`unix_${spec.name}_vNNN_utf8.csv`, null, "fichier absent du dossier.");
    if (found.length > 1) throw romeLoadError(found.join(", "), null, "plusieurs versions du même fichier : n’en gardez qu’une.");
    versions.add((found[0].match(pattern) as RegExpMatchArray)[1]);
    files[kind] = path.join(dir, found[0]);
  }
  if (versions.size > 1) throw romeLoadError(dir, null, `les fichiers ne sont pas de la même version (${[...versions].join(", ")}).`);
  return { version: [...versions][0], files };
}

/** The separator of a CSV file, read from its header line. */
function delimiterOf(file: string): string {
  const fd = fs.openSync(file, "r");
  try {
    const buffer = Buffer.alloc(4096);
    const n = fs.readSync(fd, buffer, 0, buffer.length, 0);
    const header = buffer.subarray(0, n).toString("utf8").split(/\r?\n/)[0];
    return header.includes(";") && !header.includes(",") ? ";" : ",";
  } finally {
    fs.closeSync(fd);
  }
}

/** Streams a file's records as objects of its required columns (trimmed), with their line number. */
async function* records(kind: RomeFileKind, file: string): AsyncGenerator<{ line: number; row: Record<string, string> }> {
  const name = path.basename(file);
  const required = ROME_FILES[kind].columns as readonly string[];
  const parser = fs.createReadStream(file).pipe(parse({ bom: true, delimiter: delimiterOf(file), relax_column_count: false, skip_empty_lines: true, info: true }));
  let header: string[] | null = null;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      if (!header) {
        header = record.map((h) => h.trim());
        const missing = required.filter((c) => !header?.includes(c));
        if (missing.length > 0) throw romeLoadError(name, 1, `colonne(s) manquante(s) : ${missing.join(", ")}.`);
        continue;
      }
      const row: Record<string, string> = {};
      for (const c of required) row[c] = (record[header.indexOf(c)] ?? "").trim();
      yield { line: info.lines, row };
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw romeLoadError(name, null, `fichier CSV illisible (${error instanceof Error ? error.message : String(error)}).`);
  }
  if (!header) throw romeLoadError(name, null, "fichier vide.");
}

/** Inserts rows in batches of BATCH through one jsonb parameter per batch. */
class BatchInserter<T> {
  private rows: T[] = [];
  count = 0;
  constructor(
    private readonly tx: Db,
    private readonly sql: string,
  ) {}
  async add(row: T) {
    this.rows.push(row);
    this.count += 1;
    if (this.rows.length >= BATCH) await this.flush();
  }
  async flush() {
    if (this.rows.length === 0) return;
    const batch = this.rows;
    this.rows = [];
    await this.tx.query(this.sql, [JSON.stringify(batch)]);
  }
}

const need = (name: string, line: number, ok: boolean, message: string) => {
  if (!ok) throw romeLoadError(name, line, message);
};

/** The whole load inside the caller's transaction (the demo loads the sample in its own). */
export async function loadRomeReferentialIn(tx: Db, dir: string): Promise<RomeLoadCounts> {
  const { version, files } = findRomeFiles(dir);
  await tx.query("DELETE FROM rome_trade_skills");
  await tx.query("DELETE FROM rome_appellations");
  await tx.query("DELETE FROM rome_skills");
  await tx.query("DELETE FROM rome_trades");

  const tradeCodes = new Set<string>();
  const trades = new BatchInserter<{ code: string; ogr: string; label: string; search: string }>(
    tx,
    `INSERT INTO rome_trades (code, ogr, label, search_text) SELECT r->>'code', r->>'ogr', r->>'label', r->>'search' FROM jsonb_array_elements($1::jsonb) r`,
  );
  const tradesName = path.basename(files.trades);
  for await (const { line, row } of records("trades", files.trades)) {
    need(tradesName, line, ROME_CODE.test(row.code_rome), `code ROME invalide « ${row.code_rome} » (une lettre et quatre chiffres).`);
    need(tradesName, line, OGR_CODE.test(row.code_ogr), `code OGR invalide « ${row.code_ogr} ».`);
    need(tradesName, line, row.libelle_rome !== "", "libellé du métier vide.");
    need(tradesName, line, !tradeCodes.has(row.code_rome), `code ROME en double « ${row.code_rome} ».`);
    tradeCodes.add(row.code_rome);
    await trades.add({ code: row.code_rome, ogr: row.code_ogr, label: row.libelle_rome, search: searchTextOf(`${row.code_rome} ${row.libelle_rome}`) });
  }
  await trades.flush();

  const appellationCodes = new Set<string>();
  const appellations = new BatchInserter<{ ogr: string; trade: string; label: string; short: string; search: string }>(
    tx,
    `INSERT INTO rome_appellations (ogr, trade_code, label, short_label, search_text)
     SELECT r->>'ogr', r->>'trade', r->>'label', r->>'short', r->>'search' FROM jsonb_array_elements($1::jsonb) r`,
  );
  const appellationsName = path.basename(files.appellations);
  for await (const { line, row } of records("appellations", files.appellations)) {
    need(appellationsName, line, OGR_CODE.test(row.code_ogr), `code OGR invalide « ${row.code_ogr} ».`);
    need(appellationsName, line, tradeCodes.has(row.code_rome), `l’appellation renvoie à un code ROME inconnu « ${row.code_rome} ».`);
    need(appellationsName, line, row.libelle_appellation_long !== "", "libellé de l’appellation vide.");
    need(appellationsName, line, !appellationCodes.has(row.code_ogr), `code OGR en double « ${row.code_ogr} ».`);
    appellationCodes.add(row.code_ogr);
    await appellations.add({
      ogr: row.code_ogr,
      trade: row.code_rome,
      label: row.libelle_appellation_long,
      short: row.libelle_appellation_court || row.libelle_appellation_long,
      search: searchTextOf(row.libelle_appellation_long),
    });
  }
  await appellations.flush();

  const skillKinds = new Map<string, "savoir_faire" | "savoir">();
  const skills = new BatchInserter<{ code: string; label: string; kind: string; search: string }>(
    tx,
    `INSERT INTO rome_skills (code, label, kind, search_text) SELECT r->>'code', r->>'label', r->>'kind', r->>'search' FROM jsonb_array_elements($1::jsonb) r`,
  );
  for (const [kind, codeColumn, labelColumn, skillKind] of [
    ["competences", "code_ogr", "libelle_competence", "savoir_faire"],
    ["savoirs", "code_ogr_savoir", "libelle_savoir", "savoir"],
  ] as const) {
    const name = path.basename(files[kind]);
    for await (const { line, row } of records(kind, files[kind])) {
      const code = row[codeColumn];
      need(name, line, OGR_CODE.test(code), `code OGR invalide « ${code} ».`);
      need(name, line, row[labelColumn] !== "", "libellé de la compétence vide.");
      need(name, line, !skillKinds.has(code), `code OGR en double « ${code} ».`);
      skillKinds.set(code, skillKind);
      await skills.add({ code, label: row[labelColumn], kind: skillKind, search: searchTextOf(row[labelColumn]) });
    }
  }
  await skills.flush();

  // Links of bloc 5 (compétences): savoir-être competences are told by their rubrique (2).
  const linked = new Set<string>();
  const softSkills = new Set<string>();
  let linksIgnored = 0;
  const links = new BatchInserter<{ trade: string; skill: string }>(
    tx,
    `INSERT INTO rome_trade_skills (trade_code, skill_code) SELECT r->>'trade', r->>'skill' FROM jsonb_array_elements($1::jsonb) r`,
  );
  const linksName = path.basename(files.links);
  for await (const { line, row } of records("links", files.links)) {
    need(linksName, line, ROME_CODE.test(row.code_rome), `code ROME invalide « ${row.code_rome} ».`);
    need(linksName, line, tradeCodes.has(row.code_rome), `le lien renvoie à un code ROME inconnu « ${row.code_rome} ».`);
    if (row.code_compo_bloc !== "5") continue;
    need(linksName, line, ["1", "2", "3"].includes(row.code_rubrique), `rubrique de compétence inconnue « ${row.code_rubrique} » (1, 2 ou 3).`);
    if (!skillKinds.has(row.code_ogr)) {
      linksIgnored += 1;
      continue;
    }
    const key = `${row.code_rome}|${row.code_ogr}`;
    if (linked.has(key)) continue;
    linked.add(key);
    if (row.code_rubrique === "2") softSkills.add(row.code_ogr);
    await links.add({ trade: row.code_rome, skill: row.code_ogr });
  }
  await links.flush();
  const soft = [...softSkills].filter((code) => skillKinds.get(code) === "savoir_faire");
  for (let i = 0; i < soft.length; i += BATCH) {
    await tx.query("UPDATE rome_skills SET kind = 'savoir_etre' WHERE code = ANY($1::text[])", [soft.slice(i, i + BATCH)]);
  }

  const counts: RomeLoadCounts = { version, trades: trades.count, appellations: appellations.count, skills: skills.count, links: links.count, linksIgnored };
  await tx.query("INSERT INTO rome_loads (version, trades, appellations, skills, links, links_ignored) VALUES ($1, $2, $3, $4, $5, $6)", [
    version,
    counts.trades,
    counts.appellations,
    counts.skills,
    counts.links,
    counts.linksIgnored,
  ]);
  return counts;
}

/** `rome:load <dir>`: the referential replaced in one transaction, all or nothing. */
export function loadRomeReferential(db: Db, dir: string): Promise<RomeLoadCounts> {
  return db.transaction((tx) => loadRomeReferentialIn(tx, dir));
}

/** The sample shipped with Tandem (the demo and the tests load it). */
export const ROME_SAMPLE_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), "sample");
