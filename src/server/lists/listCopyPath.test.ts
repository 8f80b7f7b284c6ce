import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { conventionsDir } from "../convention/demoConventions.js";
import { installJobQueue, runQueuedJobs } from "../platform/jobQueue.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";
import { listCheckJob } from "./listImportJobs.js";
import { runListImport } from "./runListImport.js";

/**
 * Issue 12, ADR 0039 — the check of a CSV list on a PostgreSQL server is done by PostgreSQL (COPY into
 * a staging table, the rules in SQL). Each file is written here, uploaded twice and checked by both
 * paths: on the server the first goes through COPY, the second line by line, and the two reports,
 * staged lines and counts are the same. On PGlite both go line by line (no COPY there): the same
 * expectations hold.
 */
let t: TestApp;
let agent: TestClient;
let departementAgent: TestClient;
let annexId: string;
let basRhinId: string;
const today = parisToday();
const year = Number(today.slice(0, 4));
const onServer = () => t.db.kind === "server";

const one = async <T>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params))[0];
const seed = (file: string) => fs.readFileSync(path.join(conventionsDir, file), "utf8");

async function importAndSign(yaml: string) {
  const admin = await t.loginAs("admin.troyes");
  const ft = await t.loginAs("admin.ft-troyes");
  const res = await admin.post("/api/conventions/import", { content: yaml });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const signature = { name: "Signataire", title: "Qualité", signedOn: `${year - 1}-01-02` };
  expect((await ft.post(`/api/conventions/${id}/signatures`, { ...signature, organisation: "ft-troyes" })).statusCode).toBe(200);
  expect((await admin.post(`/api/conventions/${id}/signatures`, { ...signature, organisation: "troyes-champagne-metropole" })).statusCode).toBe(200);
  return id;
}

type Source = { source: "new_registrants" | "rsa_monthly"; conventionId: string; client: TestClient };
async function uploaded(body: Buffer, s: Source): Promise<string> {
  const url = `/api/conventions/${s.conventionId}/list-imports/${s.source}?fileName=liste.csv`;
  const res = await s.client.request({ method: "POST", url, headers: { "content-type": "text/csv" }, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
}

/** What a check leaves: the import's counts, its report and its staged lines. */
async function outcome(id: string) {
  return {
    counts: await one("SELECT status, fatal_error, rows_total, rows_done, rows_valid, issue_count, duplicate_count FROM list_imports WHERE id = $1", [id]),
    issues: await t.db.query("SELECT seq, line, column_name, value, message FROM list_import_issues WHERE import_id = $1 ORDER BY seq", [id]),
    rows: await t.db.query(
      `SELECT line, ft_identifier, last_name, first_name, birth_date::text, address, commune_insee, registered_on::text, movement, movement_on::text,
              removal_reason, removal_months, duplicate_of_line, existing_job_seeker_id, existing_match, decision
         FROM list_import_rows WHERE import_id = $1 ORDER BY line`,
      [id],
    ),
  };
}

/**
 * The same file checked by every path: the default one (on the server, a plain file is read and
 * checked in Node while COPY writes, ADR 0041; another goes through COPY and SQL), the checks in SQL
 * (ADR 0039) and line by line: the path each took and what each left.
 */
async function bothPaths(body: Buffer, s: Source) {
  const viaDefault = await uploaded(body, s);
  const viaCopy = await uploaded(body, s);
  const lineByLine = await uploaded(body, s);
  const defaultPath = await runListImport({ db: t.db }, viaDefault);
  const copyPath = await runListImport({ db: t.db, copy: "sql" }, viaCopy);
  const linesPath = await runListImport({ db: t.db, copy: false }, lineByLine);
  return { paths: [defaultPath, copyPath, linesPath], fast: await outcome(viaDefault), copy: await outcome(viaCopy), lines: await outcome(lineByLine) };
}

const NEW = "Identifiant;Nom;Prénom;Adresse;Code INSEE;Date d'inscription";
const RSA = "Identifiant;Nom;Prénom;Date de naissance;Code INSEE;Mouvement;Date du mouvement;Motif;Durée";
const crlf = (lines: string[]) => `${lines.join("\r\n")}\r\n`;
/** Windows-1252: Latin-1 for these letters, ’ = 0x92. */
const win1252 = (text: string) => Buffer.from([...text].map((ch) => (ch === "’" ? 0x92 : ch.charCodeAt(0))));

beforeAll(async () => {
  t = await createTestApp();
  await installJobQueue(t.db, [listCheckJob as never]);
  const start = `${year - 1}-01-01`;
  const end = `${year + 1}-12-31`;
  await importAndSign(
    seed("troyes-2020-cooperation.yaml")
      .replace("number: TCM-2020", "number: TCM-COPY")
      .replace("effective: { date: 2020-01-01 }", `effective: { date: ${start} }`)
      .replace("endsOn: 2020-12-31", `endsOn: ${end}`),
  );
  annexId = await importAndSign(
    seed("troyes-2020-echange-donnees.yaml")
      .replace("number: TCM-2020-DONNEES", "number: TCM-COPY-DONNEES")
      .replace("annexOf: TCM-2020", "annexOf: TCM-COPY")
      .replace("effective: { rule: last_signature }", `effective: { date: ${start} }`)
      .replace("endsOn: 2020-12-31", `endsOn: ${end}`),
  );
  agent = await t.loginAs("agent.troyes");
  await t.db.query("UPDATE users SET roles = array_append(roles, 'partner_agent') WHERE email LIKE 'pilotage.basrhin@%'");
  departementAgent = await t.loginAs("pilotage.basrhin");
  basRhinId = (await one<{ id: string }>("SELECT id FROM conventions WHERE number = 'BAS-RHIN-2021-AG'")).id;
}, 240_000);
afterAll(async () => {
  await runQueuedJobs(t.deps, [listCheckJob as never]);
  for (const { file_path } of await t.db.query<{ file_path: string }>("SELECT file_path FROM list_imports WHERE file_path IS NOT NULL")) fs.rmSync(file_path, { force: true });
  await t.close();
});

describe("the check in SQL gives the line-by-line report", () => {
  it("new registrants: every rule, white space of every kind, quotes, a blank line, duplicates and a known person", async () => {
    const known = await one<{ ft_identifier: string }>("SELECT ft_identifier FROM job_seekers ORDER BY ft_identifier LIMIT 1");
    const file = Buffer.from(
      crlf([
        NEW,
        ";Durand;Marc;1 rue A;10387;01/03/2025",
        "12AB;Durand;Marc;1 rue A;10387;01/03/2025",
        " 3456 789d ;  Petit  Jean ;Léa;2  rue   B;10387;03/04/2025",
        "4567890E;;Paul;1 rue;10387;01/03/2025",
        `4567891E;Martin;${"x".repeat(101)};1 rue;10387;01/03/2025`,
        "4567892E;Martin;Paul;;10387;01/03/2025",
        "4567893E;Martin;Paul;1 rue;;01/03/2025",
        "4567894E;Martin;Paul;1 rue;2C004;01/03/2025",
        "4567895E;Martin;Paul;1 rue;2b033;01/03/2025",
        "4567896E;Martin;Paul;1 rue;10387;",
        "4567897E;Martin;Paul;1 rue;10387;2025-03-01",
        "4567898E;Martin;Paul;1 rue;10387;31/02/1980",
        "4567899E;Martin;Paul;1 rue;10387;29/02/2024",
        "4567900E;Martin;Paul;1 rue;10387;29/02/2023",
        "4567901E;Martin;Paul;1 rue;10387;01/01/2999",
        "4567902E;Martin;Paul;1 rue;10387;31/12/1949",
        "4567903E;Martin;Paul;1 rue;10387;1/3/2025",
        ";;;;;",
        "4567895E;Autre;Nom;3 rue;10387;01/03/2025",
        `${known.ft_identifier};Connu;Déjà;2 rue B;10387;01/03/2025`,
        '"4567904E";"Roux; dit Le Rouge";Anne;"5 rue ""Neuve""";10387;01/03/2025',
        "4567905E;Blanc;Zoé;1\u00a0rue\u00a0C ;10387;\u00a001/03/2025",
        "\t4567906E\t;Noir;Léo;1 rue D;10387;01/03/2025",
        "X;;Paul;1 rue;ABC;32/01/2025",
      ]),
      "utf8",
    );
    const r = await bothPaths(file, { source: "new_registrants", conventionId: annexId, client: agent });
    expect(r.paths).toEqual(onServer() ? ["copy", "copy", "lines"] : ["lines", "lines", "lines"]);
    expect(r.copy).toEqual(r.lines);
    expect(r.fast).toEqual(r.lines);
    expect(r.copy.counts).toEqual({ status: "checked", fatal_error: null, rows_total: 23, rows_done: 23, rows_valid: 9, issue_count: 17, duplicate_count: 2 });
    expect(r.copy.issues.map((i) => [i.line, i.column_name, i.value, i.message])).toEqual([
      [2, "Identifiant", null, "Identifiant France Travail manquant."],
      [3, "Identifiant", "12AB", "Identifiant France Travail : 7 à 11 chiffres ou lettres."],
      [5, "Nom", null, "Valeur obligatoire manquante."],
      [6, "Prénom", "x".repeat(101), "Texte trop long (100 caractères au plus)."],
      [7, "Adresse", null, "Valeur obligatoire manquante."],
      [8, "Code INSEE", null, "Code INSEE de la commune manquant."],
      [9, "Code INSEE", "2C004", "Code INSEE attendu : 5 chiffres, ou 2A / 2B suivi de 3 chiffres pour la Corse."],
      [11, "Date d'inscription", null, "Date obligatoire manquante."],
      [12, "Date d'inscription", "2025-03-01", "Date attendue au format jj/mm/aaaa."],
      [13, "Date d'inscription", "31/02/1980", "Cette date n’existe pas (31/02/1980)."],
      [15, "Date d'inscription", "29/02/2023", "Cette date n’existe pas (29/02/2023)."],
      [16, "Date d'inscription", "01/01/2999", "Cette date est dans le futur."],
      [17, "Date d'inscription", "31/12/1949", "Cette date n’est pas plausible."],
      [25, "Identifiant", "X", "Identifiant France Travail : 7 à 11 chiffres ou lettres."],
      [25, "Nom", null, "Valeur obligatoire manquante."],
      [25, "Code INSEE", "ABC", "Code INSEE attendu : 5 chiffres, ou 2A / 2B suivi de 3 chiffres pour la Corse."],
      [25, "Date d'inscription", "32/01/2025", "Cette date n’existe pas (32/01/2025)."],
    ]);
    expect(r.copy.rows.map((row) => [row.line, row.ft_identifier, row.last_name, row.address, row.commune_insee, row.registered_on, row.duplicate_of_line, row.decision])).toEqual([
      [4, "3456789D", "Petit Jean", "2 rue B", "10387", "2025-04-03", null, "keep"],
      [10, "4567895E", "Martin", "1 rue", "2B033", "2025-03-01", null, "keep"],
      [14, "4567899E", "Martin", "1 rue", "10387", "2024-02-29", null, "keep"],
      [18, "4567903E", "Martin", "1 rue", "10387", "2025-03-01", null, "keep"],
      [20, "4567895E", "Autre", "3 rue", "10387", "2025-03-01", 10, "skip"],
      [21, known.ft_identifier, "Connu", "2 rue B", "10387", "2025-03-01", null, "merge"],
      [22, "4567904E", "Roux; dit Le Rouge", '5 rue "Neuve"', "10387", "2025-03-01", null, "keep"],
      [23, "4567905E", "Blanc", "1 rue C", "10387", "2025-03-01", null, "keep"],
      [24, "4567906E", "Noir", "1 rue D", "10387", "2025-03-01", null, "keep"],
    ]);
    expect(r.copy.rows[5].existing_match).toBe("identifier");
  });

  it("Windows-1252 without odd white space (the plain forms): the same report", async () => {
    const file = win1252(
      crlf([NEW, "1234567A;Lefèvre;Hélène;3 rue de l’Église;10387;02/03/2025", "7654321B;Garçon  Fils;François;1 place Foch;2A004;31/04/2025", "7654322C; Dubois ;Anaïs;;10387;15/01/2025"]),
    );
    const r = await bothPaths(file, { source: "new_registrants", conventionId: annexId, client: agent });
    expect(r.paths).toEqual(onServer() ? ["fast", "copy", "lines"] : ["lines", "lines", "lines"]);
    expect(r.copy).toEqual(r.lines);
    expect(r.fast).toEqual(r.lines);
    expect(r.copy.issues.map((i) => [i.line, i.message])).toEqual([
      [3, "Cette date n’existe pas (31/04/2025)."],
      [4, "Valeur obligatoire manquante."],
    ]);
    expect(r.copy.rows.map((row) => [row.line, row.last_name, row.address])).toEqual([[2, "Lefèvre", "3 rue de l’Église"]]);
  });

  it("Windows-1252 bytes 0x80–0x9F, a backslash, lines the byte shortcut leaves to lineValidator (ADR 0041): the same report", async () => {
    const file = Buffer.from(
      [
        ...Buffer.from("Identifiant;Nom;Prénom;Adresse;Code INSEE;Date d'inscription\r\n", "latin1"),
        ...Buffer.from("1234567A;C", "latin1"),
        0x9c,
        ...Buffer.from("ur;Zo\xe9;5 \x80 rue A\\B;10387;02/03/2025\r\n", "latin1"),
        ...Buffer.from("1234568b;Roy;Jean;1 rue;2a004;2/3/2025\r\n", "latin1"),
        ...Buffer.from("1234569C;Roy  Fils;Jean;1 rue;10387;02/03/2025\r\n", "latin1"),
        ...Buffer.from("1234567A;Roy;Jean;1 rue;10387;02/03/2025", "latin1"),
      ],
    );
    const r = await bothPaths(file, { source: "new_registrants", conventionId: annexId, client: agent });
    expect(r.paths).toEqual(onServer() ? ["fast", "copy", "lines"] : ["lines", "lines", "lines"]);
    expect(r.copy).toEqual(r.lines);
    expect(r.fast).toEqual(r.lines);
    expect(r.fast.rows.map((row) => [row.line, row.ft_identifier, row.last_name, row.address, row.commune_insee, row.registered_on, row.duplicate_of_line])).toEqual([
      [2, "1234567A", "Cœur", "5 € rue A\\B", "10387", "2025-03-02", null],
      [3, "1234568B", "Roy", "1 rue", "2A004", "2025-03-02", null],
      [4, "1234569C", "Roy Fils", "1 rue", "10387", "2025-03-02", null],
      [5, "1234567A", "Roy", "1 rue", "10387", "2025-03-02", 2],
    ]);
  });

  it("the forms the character tests must refuse as the regular expressions did, and repeats (ADR 0040)", async () => {
    const file = Buffer.from(
      crlf([
        NEW,
        "4568001E;Martin;Paul;1 rue;10387;1/2/2025/",
        "4568002E;Martin;Paul;1 rue;10387;01//2025",
        "4568003E;Martin;Paul;1 rue;10387;011/03/2025",
        "4568004E;Martin;Paul;1 rue;10387;01/03/20251",
        "4568005E;Martin;Paul;1 rue;10387;01/03/025",
        "4568006E;Martin;Paul;1 rue;10387;+1/03/2025",
        "4568007E;Martin;Paul;1 rue;10387;0/03/2025",
        "4568008E;Martin;Paul;1 rue;10387;01/3/2025 ",
        "4568009E;Martin;Paul;1 rue;10387;01/03/0099",
        "4568010E;Martin;Paul;1 rue;10387;1-3-2025",
        "4568011é;Martin;Paul;1 rue;10387;01/03/2025",
        "45680120123;Martin;Paul;1 rue;10387;01/03/2025",
        "456801301234;Martin;Paul;1 rue;10387;01/03/2025",
        "456801;Martin;Paul;1 rue;10387;01/03/2025",
        "4568014-E;Martin;Paul;1 rue;10387;01/03/2025",
        "4568015E;Martin;Paul;1 rue;2A0041;01/03/2025",
        "4568016E;Martin;Paul;1 rue;2A04;01/03/2025",
        "4568017E;Martin;Paul;1 rue;1038 7;01/03/2025",
        "4568018E;Martin;Paul;1 rue;2AB12;01/03/2025",
        "4568019E;Martin;Paul;1 rue;20A12;01/03/2025",
        "4568020E;Martin;Paul;1 rue;1038é;01/03/2025",
        "4568021E;Martin;Paul;1 rue;2a123;01/03/2025",
        "4568021E;Autre;Paul;1 rue;10387;01/03/2025",
        "4568008E;Autre;Paul;1 rue;10387;01/03/2025",
        " 4568021 e;Encore;Paul;1 rue;10387;01/03/2025",
      ]),
      "utf8",
    );
    const r = await bothPaths(file, { source: "new_registrants", conventionId: annexId, client: agent });
    expect(r.paths).toEqual(onServer() ? ["fast", "copy", "lines"] : ["lines", "lines", "lines"]);
    expect(r.copy).toEqual(r.lines);
    expect(r.fast).toEqual(r.lines);
    expect(r.copy.rows.map((row) => [row.line, row.ft_identifier, row.commune_insee, row.registered_on])).toEqual([
      [9, "4568008E", "10387", "2025-03-01"],
      [13, "45680120123", "10387", "2025-03-01"],
      [19, "4568017E", "10387", "2025-03-01"],
      [23, "4568021E", "2A123", "2025-03-01"],
      [24, "4568021E", "10387", "2025-03-01"],
      [25, "4568008E", "10387", "2025-03-01"],
      [26, "4568021E", "10387", "2025-03-01"],
    ]);
    // An identifier twice (line 25) and three times (lines 24 and 26): each repeat points to the first line.
    expect(r.copy.rows.filter((row) => row.duplicate_of_line).map((row) => [row.line, row.duplicate_of_line, row.decision])).toEqual([
      [24, 23, "skip"],
      [25, 9, "skip"],
      [26, 23, "skip"],
    ]);
    expect(r.copy.counts).toMatchObject({ rows_done: 25, rows_valid: 7, duplicate_count: 3 });
  });

  it("the RSA monthly list: movements, removals, birth dates, a person repeated by name and birth date", async () => {
    const file = Buffer.from(
      crlf([
        RSA,
        "9300001A;Kern;Paul;12/05/1985;67482;Inscription;01/10/2025;;",
        "9300002B;Weber;Lina;31/12/1899;67482;Présent;01/10/2025;;",
        "9300003C;Roth;Marc;03/03/1970;67482;Radiation;15/10/2025;;",
        "9300004D;Roth;Anna;03/03/1971;67482;radiation;15/10/2025;Absence;13",
        "9300005E;Roth;Anna;03/03/1971;67482;Radiation;15/10/2025;Absence;x",
        "9300006F;Klein;Tom;04/04/1980;67482;Déménagement;15/10/2025;;",
        "9300007G;Klein;Tim;04/04/1980;67482;;15/10/2025;;",
        "9300008H;KERN;paul;12/05/1985;67482;Cessation d’inscription;01/10/2025;;",
        "9300009J;Haas;Eva;05/05/1990;67482;Liste globale;;;",
        "9300010K;Haas;Ewa;05/05/1990;67482;Radiation;15/10/2025;Absence à convocation;2",
      ]),
      "utf8",
    );
    const r = await bothPaths(file, { source: "rsa_monthly", conventionId: basRhinId, client: departementAgent });
    expect(r.paths).toEqual(onServer() ? ["fast", "copy", "lines"] : ["lines", "lines", "lines"]);
    expect(r.copy).toEqual(r.lines);
    expect(r.fast).toEqual(r.lines);
    expect(r.copy.counts).toMatchObject({ rows_done: 10, rows_valid: 3, issue_count: 8, duplicate_count: 1 });
    expect(r.copy.issues.map((i) => [i.line, i.column_name, i.message])).toEqual([
      [3, "Date de naissance", "Cette date n’est pas plausible."],
      [4, "Motif", "Une radiation doit indiquer son motif."],
      [4, "Durée", "Une radiation doit indiquer sa durée."],
      [5, "Durée", "Durée de radiation : un nombre de mois de 1 à 12."],
      [6, "Durée", "Durée de radiation : un nombre de mois de 1 à 12."],
      [7, "Mouvement", "Mouvement inconnu : inscription, cessation, radiation ou présent."],
      [8, "Mouvement", "Mouvement manquant."],
      [10, "Date du mouvement", "Date obligatoire manquante."],
    ]);
    expect(r.copy.rows.map((row) => [row.line, row.movement, row.movement_on, row.removal_reason, row.removal_months, row.duplicate_of_line, row.decision])).toEqual([
      [2, "registration", "2025-10-01", null, null, null, "keep"],
      [9, "cancellation", "2025-10-01", null, null, 2, "skip"],
      [11, "removal", "2025-10-15", "Absence à convocation", 2, null, "keep"],
    ]);
  });
});

describe("what COPY refuses goes line by line", () => {
  it("a truncated last line: the file is handed back to the line-by-line path, which reports the line", async () => {
    const file = Buffer.from(`${NEW}\r\n1111111A;Durand;Marc;1 rue A;10387;01/03/2025\r\n4444444D;Blanc;Jo`, "utf8");
    const r = await bothPaths(file, { source: "new_registrants", conventionId: annexId, client: agent });
    // A plain file: the Node check reports the ragged line itself; COPY refuses it, the line-by-line path reports it.
    expect(r.paths).toEqual(onServer() ? ["fast", "lines", "lines"] : ["lines", "lines", "lines"]);
    expect(r.copy).toEqual(r.lines);
    expect(r.fast).toEqual(r.lines);
    expect(r.copy.issues.map((i) => [i.line, i.column_name, i.value, i.message])).toEqual([
      [3, null, "4444444D;Blanc;Jo", "Ligne incomplète : 3 colonne(s) au lieu de 6 (fichier tronqué ?)."],
    ]);
    expect(r.copy.counts).toMatchObject({ status: "checked", rows_done: 2, rows_valid: 1, issue_count: 1 });
  });

  it("a line break inside quotes (line numbers would shift) and COPY's end marker `\\.`: line by line too", async () => {
    const file = Buffer.from(
      crlf([NEW, '1111111A;Durand;Marc;"1 rue A\r\nbât. B";10387;01/03/2025', "2222222B;Morel;Inès;2 rue B;10387;31/02/1980", "\\.", "3333333C;Faure;Anne;3 rue C;10387;01/03/2025"]),
      "utf8",
    );
    const r = await bothPaths(file, { source: "new_registrants", conventionId: annexId, client: agent });
    expect(r.paths).toEqual(["lines", "lines", "lines"]);
    expect(r.copy).toEqual(r.lines);
    expect(r.fast).toEqual(r.lines);
    expect(r.copy.issues.map((i) => [i.line, i.message])).toEqual([
      [4, "Cette date n’existe pas (31/02/1980)."],
      [5, "Ligne incomplète : 1 colonne(s) au lieu de 6 (fichier tronqué ?)."],
    ]);
    expect(r.copy.rows.map((row) => [row.line, row.address])).toEqual([
      [2, "1 rue A bât. B"],
      [6, "3 rue C"],
    ]);
  });
});

describe("all or nothing", () => {
  it("a fatal error in the middle of the check leaves no line and no report behind", async () => {
    // The report's writing fails (as a full disk or a lost connection would) after the good lines were written.
    await t.db.exec(`
      CREATE FUNCTION test_refuse_issue() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disque plein'; END $$;
      CREATE TRIGGER test_refuse_issue BEFORE INSERT ON list_import_issues FOR EACH ROW EXECUTE FUNCTION test_refuse_issue();`);
    try {
      const file = Buffer.from(crlf([NEW, "1111111A;Durand;Marc;1 rue A;10387;01/03/2025", "2222222B;Morel;Inès;2 rue B;10387;31/02/1980"]), "utf8");
      const r = await bothPaths(file, { source: "new_registrants", conventionId: annexId, client: agent });
      for (const o of [r.fast, r.copy, r.lines]) {
        expect(o.counts).toMatchObject({ status: "failed", fatal_error: "Le fichier n’a pas pu être vérifié. Rien n’a été importé." });
        expect([o.issues, o.rows]).toEqual([[], []]);
      }
    } finally {
      await t.db.exec("DROP TRIGGER test_refuse_issue ON list_import_issues; DROP FUNCTION test_refuse_issue();");
    }
  });
});
