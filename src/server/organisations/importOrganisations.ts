import {
  type ImportProblem,
  ORGANISATION_IMPORT_MAX_BYTES,
  ORGANISATION_IMPORT_MAX_LINES,
  type OrganisationImportReport,
  OrganisationInputSchema,
  TerritoryInputSchema,
} from "../../shared/contracts/organisations.js";
import { ORGANISATION_KINDS } from "../../shared/roles.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { AppError, errors, type FieldIssue } from "../platform/errors.js";
import { authorize } from "../platform/policies.js";
import type { RequestContext } from "../platform/requestContext.js";
import { insertOrganisationRecord, lockOrganisationCodes } from "./organisationRepository.js";
import { resolveOrganisation, resolveTerritoryInput } from "./organisationValidation.js";

/**
 * `tandem organisations:import FICHIER.csv` and POST /api/organisations/import: a whole region's
 * agencies (or any organisations) from a CSV — `;`-separated, UTF-8 with or without BOM, a header
 * row. Every line is checked as the API checks a form (contract, referential, other organisations,
 * parents by code, in Tandem or on an earlier line), and the file is imported all or nothing: one
 * problem anywhere and nothing is written; the report names each problem's line (the header is
 * line 1), column, value and message, in French. `dryRun` checks everything and writes nothing.
 */
export const IMPORT_COLUMNS = [
  "nom",
  "type",
  "code",
  "siren",
  "siret",
  "code_insee",
  "code_departement",
  "code_agence",
  "parent",
  "territoire_departement",
  "territoire_epci",
  "territoire_communes",
  "adresse",
  "courriel_contact",
  "dpo_nom",
  "dpo_courriel",
  "courriel_securite",
] as const;
type Column = (typeof IMPORT_COLUMNS)[number];

/** The contract's field (first segment of an issue's path) → its column. */
const COLUMN_OF_FIELD: Record<string, Column> = {
  name: "nom",
  kind: "type",
  code: "code",
  siren: "siren",
  siret: "siret",
  inseeCode: "code_insee",
  departementCode: "code_departement",
  ftAgencyCode: "code_agence",
  parentId: "parent",
  postalAddress: "adresse",
  contactEmail: "courriel_contact",
  dpoName: "dpo_nom",
  dpoEmail: "dpo_courriel",
  securityEmail: "courriel_securite",
};
const IMPORTABLE_KINDS = ORGANISATION_KINDS.filter((k) => k !== "platform");

export const importErrors = {
  invalid: (report: OrganisationImportReport) =>
    new AppError(
      422,
      "ORGANISATION_IMPORT_INVALID",
      `Le fichier n’a pas été importé : ${report.problems.length} problème(s) à corriger (rien n’a été enregistré).`,
      report,
    ),
  tooLarge: () =>
    new AppError(
      413,
      "ORGANISATION_IMPORT_TOO_LARGE",
      `Le fichier dépasse ${ORGANISATION_IMPORT_MAX_LINES} lignes ou ${ORGANISATION_IMPORT_MAX_BYTES / 1_000_000} Mo : découpez-le.`,
    ),
};

/** A record of the file and the physical line it starts on. */
type Record_ = { line: number; cells: string[] };

/** RFC 4180 with `;`: quoted fields may hold `;`, `""` and line breaks. */
export function parseSemicolonCsv(text: string): Record_[] {
  const records: Record_[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  const body = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const endRecord = () => {
    cells.push(cell);
    if (!(cells.length === 1 && cells[0].trim() === "")) records.push({ line: start, cells });
    cells = [];
    cell = "";
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        cell += ch;
      }
    } else if (ch === '"' && cell.trim() === "") {
      quoted = true;
      cell = "";
    } else if (ch === ";") {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && body[i + 1] === "\n") i++;
      endRecord();
      line++;
      start = line;
    } else cell += ch;
  }
  if (cell !== "" || cells.length) endRecord();
  return records;
}

class Rollback extends Error {}

export async function importOrganisations(
  db: Db,
  ctx: RequestContext,
  csv: string,
  opts: { dryRun: boolean; system?: boolean },
): Promise<OrganisationImportReport> {
  if (ctx.user) authorize(ctx.user, "organisation.manage");
  else if (!opts.system) throw errors.unauthenticated();
  if (Buffer.byteLength(csv, "utf8") > ORGANISATION_IMPORT_MAX_BYTES) throw importErrors.tooLarge();
  const records = parseSemicolonCsv(csv);
  if (records.length > ORGANISATION_IMPORT_MAX_LINES + 1) throw importErrors.tooLarge();

  const problems: ImportProblem[] = [];
  const [header, ...rows] = records;
  if (!header) throw importErrors.invalid({ dryRun: opts.dryRun, created: 0, lines: 0, problems: [{ line: 1, column: "", value: "", message: "Le fichier est vide : la première ligne nomme les colonnes." }] });
  const names = header.cells.map((c) => c.trim().toLowerCase());
  names.forEach((name, i) => {
    if (!(IMPORT_COLUMNS as readonly string[]).includes(name)) {
      problems.push({ line: 1, column: name || `colonne ${i + 1}`, value: header.cells[i], message: `Colonne inconnue. Colonnes possibles : ${IMPORT_COLUMNS.join(", ")}.` });
    } else if (names.indexOf(name) !== i) problems.push({ line: 1, column: name, value: name, message: "Cette colonne figure deux fois." });
  });
  for (const required of ["nom", "type"] as const) {
    if (!names.includes(required)) problems.push({ line: 1, column: required, value: "", message: "Colonne obligatoire absente." });
  }
  if (problems.length) throw importErrors.invalid({ dryRun: opts.dryRun, created: 0, lines: rows.length, problems });

  let created = 0;
  try {
    await db.transaction(async (tx) => {
      await lockOrganisationCodes(tx);
      const codeLines = new Map<string, number>();
      const createdByCode = new Map<string, string>();
      const refusedCodes = new Map<string, number>();
      for (const row of rows) {
        const cell = (c: Column) => {
          const i = names.indexOf(c);
          return i < 0 ? "" : (row.cells[i] ?? "").trim();
        };
        const lineProblems: ImportProblem[] = [];
        const say = (column: Column, message: string, value = cell(column)) => lineProblems.push({ line: row.line, column, value, message });
        if (row.cells.length > names.length) say("nom", `Cette ligne compte ${row.cells.length} colonnes, l’en-tête ${names.length}.`, "");

        const kind = cell("type");
        if (kind && !(IMPORTABLE_KINDS as readonly string[]).includes(kind)) say("type", `Type d’organisation inconnu. Types possibles : ${IMPORTABLE_KINDS.join(", ")}.`);
        const code = cell("code").toLowerCase();
        if (code) {
          const earlier = codeLines.get(code);
          if (earlier) say("code", `Ce code figure déjà à la ligne ${earlier}.`);
          else codeLines.set(code, row.line);
        }

        const territoryCells = (["territoire_departement", "territoire_epci", "territoire_communes"] as const).filter((c) => cell(c));
        if (territoryCells.length > 1) say(territoryCells[1], "Un seul territoire par ligne : un département, un EPCI ou des communes.");
        const territory = cell("territoire_departement")
          ? { kind: "departement", code: cell("territoire_departement") }
          : cell("territoire_epci")
            ? { kind: "epci", siren: cell("territoire_epci") }
            : cell("territoire_communes")
              ? { kind: "communes", communes: cell("territoire_communes").split(/[\s,]+/).filter(Boolean) }
              : { kind: "none" };

        let parentId: string | undefined;
        const parentCode = cell("parent").toLowerCase();
        if (parentCode) {
          parentId = createdByCode.get(parentCode) ?? (await tx.query<{ id: string }>("SELECT id FROM organisations WHERE code = $1", [parentCode]))[0]?.id;
          if (!parentId) {
            const refusedAt = refusedCodes.get(parentCode);
            say("parent", refusedAt ? `La ligne ${refusedAt}, qui crée cette organisation parente, est refusée.` : "Organisation parente inconnue : ni dans Tandem, ni plus haut dans le fichier.");
          }
        }

        const candidate = {
          name: cell("nom"),
          kind,
          code: code || undefined,
          siren: cell("siren") || undefined,
          siret: cell("siret") || undefined,
          inseeCode: cell("code_insee") || undefined,
          departementCode: cell("code_departement") || undefined,
          ftAgencyCode: cell("code_agence") || undefined,
          parentId,
          territory,
          postalAddress: cell("adresse") || undefined,
          contactEmail: cell("courriel_contact") || undefined,
          dpoName: cell("dpo_nom") || undefined,
          dpoEmail: cell("dpo_courriel") || undefined,
          securityEmail: cell("courriel_securite") || undefined,
        };
        const parsed = OrganisationInputSchema.safeParse(candidate);
        if (!parsed.success) {
          // The territory's codes against the referential too, so that one pass over the file says everything.
          const shaped = TerritoryInputSchema.safeParse(territory);
          if (shaped.success && shaped.data.kind !== "unchanged") {
            const territoryIssues: FieldIssue[] = [];
            resolveTerritoryInput(shaped.data, territoryIssues);
            for (const issue of territoryIssues) {
              const [, sub, index] = issue.path.split(".");
              const value = sub === "communes" && index !== undefined ? (shaped.data as { communes: string[] }).communes[Number(index)] : cell(territoryColumn(sub, territory.kind));
              say(territoryColumn(sub, territory.kind), issue.message, value);
            }
          }
          for (const issue of parsed.error.issues) {
            const [field, sub, index] = issue.path.map(String);
            if (field === "kind" && lineProblems.some((p) => p.column === "type")) continue;
            if (field === "territory") {
              const column = territoryColumn(sub, territory.kind);
              const value = sub === "communes" && index !== undefined ? String((territory as { communes: string[] }).communes[Number(index)] ?? "") : cell(column);
              say(column, issue.message, value);
            } else {
              const column = COLUMN_OF_FIELD[field] ?? "nom";
              say(column, issue.message);
            }
          }
        } else if (!lineProblems.length) {
          const resolved = await resolveOrganisation(tx, parsed.data);
          if (!resolved.ok) {
            for (const issue of resolved.issues) {
              const [field, sub, index] = issue.path.split(".");
              if (field === "territory") {
                const column = territoryColumn(sub, territory.kind);
                const value = sub === "communes" && index !== undefined ? (parsed.data.territory as { communes: string[] }).communes[Number(index)] : cell(column);
                say(column, issue.message, value);
              } else say(COLUMN_OF_FIELD[field] ?? "nom", issue.message);
            }
          } else {
            // Written even after a refused line (the transaction is rolled back then): later lines may name it as parent.
            const { values, communes } = resolved.value;
            const id = await insertOrganisationRecord(tx, values, communes ?? []);
            createdByCode.set(values.code, id);
            created++;
            await audit(tx, ctx, {
              action: "organisation.created",
              subjectType: "organisation",
              subjectId: id,
              details: { code: values.code, kind: values.kind, territory: values.territory_kind, communes: communes?.length ?? 0, line: row.line },
            });
          }
        }
        if (lineProblems.length) {
          problems.push(...sortByColumn(lineProblems));
          if (code) refusedCodes.set(code, row.line);
        }
      }
      if (problems.length || opts.dryRun) throw new Rollback();
      await audit(tx, ctx, { action: "organisation.imported", subjectType: "organisation", details: { created, lines: rows.length } });
    });
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    if (problems.length) throw importErrors.invalid({ dryRun: opts.dryRun, created: 0, lines: rows.length, problems });
    return { dryRun: true, created: 0, lines: rows.length, problems: [] };
  }
  return { dryRun: false, created, lines: rows.length, problems: [] };
}

const territoryColumn = (sub: string | undefined, kind: string): Column =>
  kind === "departement" ? "territoire_departement" : kind === "epci" ? "territoire_epci" : sub === "communes" || kind === "communes" ? "territoire_communes" : "territoire_communes";

/** A line's problems in the file's column order. */
const sortByColumn = (list: ImportProblem[]) =>
  [...list].sort((a, b) => IMPORT_COLUMNS.indexOf(a.column as Column) - IMPORT_COLUMNS.indexOf(b.column as Column));

/** The report as the CLI prints it, one problem a line. */
export function formatImportReport(report: OrganisationImportReport): string {
  if (report.problems.length) {
    return [
      `Fichier refusé : ${report.problems.length} problème(s), rien n’a été importé.`,
      ...report.problems.map((p) => `  ligne ${p.line}, colonne ${p.column}, valeur « ${p.value} » : ${p.message}`),
    ].join("\n");
  }
  if (report.dryRun) return `Vérification seule (--dry-run) : ${report.lines} ligne(s) valide(s), rien n’a été importé.`;
  return `${report.created} organisation(s) importée(s).`;
}
