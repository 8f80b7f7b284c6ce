import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import ExcelJS from "exceljs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMonths, parisToday } from "../../domain/shared/calendarDate.js";
import { conventionsDir } from "../convention/demoConventions.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";
import { installJobQueue, runQueuedJobs } from "../platform/jobQueue.js";
import { listCheckJob } from "./listImportJobs.js";
import { listUploadDir, listUploadLimits } from "./listUpload.js";

/**
 * Issue 12 — lists as France Travail sends them: each file is written by the test itself (encodings,
 * shapes, errors), uploaded through the API, checked in the background (dry run) and confirmed in
 * one transaction; on both databases.
 */
let t: TestApp;
let agent: TestClient;
let departementAgent: TestClient;
let annexId: string;
let basRhinId: string;
const today = parisToday();
const year = Number(today.slice(0, 4));
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "tandem-list-test-"));

/** The background checks enqueued so far, run now as a worker would (the queue's job, without polling). */
const checksRun = () => runQueuedJobs(t.deps, [listCheckJob as never]);
const uploads = () => listUploadDir(t.deps.config.uploadDir);
const seed = (file: string) => fs.readFileSync(path.join(conventionsDir, file), "utf8");
const one = async <T>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params))[0];
const count = async (sql: string, params: unknown[] = []) => Number((await one<{ n: string }>(`SELECT count(*) AS n FROM (${sql}) x`, params)).n);

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

type Upload = { source?: "new_registrants" | "rsa_monthly"; conventionId?: string; fileName?: string; contentType?: string; client?: TestClient };
function upload(body: Buffer | fs.ReadStream, o: Upload = {}) {
  const url = `/api/conventions/${o.conventionId ?? annexId}/list-imports/${o.source ?? "new_registrants"}?${new URLSearchParams({ fileName: o.fileName ?? "liste.csv" })}`;
  return (o.client ?? agent).request({ method: "POST", url, headers: { "content-type": o.contentType ?? "text/csv" }, payload: body });
}
/** Uploads, waits for the background check, returns the checked import. */
async function dryRun(body: Buffer | fs.ReadStream, o: Upload = {}) {
  const res = await upload(body, o);
  expect(res.statusCode, res.body).toBe(201);
  await checksRun();
  const detail = await (o.client ?? agent).get(`/api/list-imports/${res.json().id}`);
  return detail.json();
}
const issues = async (id: string, client = agent) => (await client.get(`/api/list-imports/${id}/issues?pageSize=200`)).json();
const confirm = (id: string, client = agent) => client.post(`/api/list-imports/${id}/confirmation`, {});

const HEADER = "Identifiant;Nom;Prénom;Adresse;Code INSEE;Date d'inscription";
const utf8 = (lines: string[]) => Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8");
/** Windows-1252 as French spreadsheets write it: é = 0xE9, ç = 0xE7, ’ = 0x92. */
const win1252 = (text: string) => {
  const bytes: number[] = [];
  for (const ch of text) bytes.push(ch === "’" ? 0x92 : ch.charCodeAt(0));
  return Buffer.from(bytes);
};

beforeAll(async () => {
  t = await createTestApp();
  await installJobQueue(t.db, [listCheckJob as never]);
  const start = `${year - 1}-01-01`;
  const end = `${year + 1}-12-31`;
  await importAndSign(
    seed("troyes-2020-cooperation.yaml")
      .replace("number: TCM-2020", "number: TCM-LISTES")
      .replace("effective: { date: 2020-01-01 }", `effective: { date: ${start} }`)
      .replace("endsOn: 2020-12-31", `endsOn: ${end}`),
  );
  annexId = await importAndSign(
    seed("troyes-2020-echange-donnees.yaml")
      .replace("number: TCM-2020-DONNEES", "number: TCM-LISTES-DONNEES")
      .replace("annexOf: TCM-2020", "annexOf: TCM-LISTES")
      .replace("effective: { rule: last_signature }", `effective: { date: ${start} }`)
      .replace("endsOn: 2020-12-31", `endsOn: ${end}`),
  );
  agent = await t.loginAs("agent.troyes");
  // The Département's services receive the RSA list: a partner agent there (the demo has none).
  await t.db.query("UPDATE users SET roles = array_append(roles, 'partner_agent') WHERE email LIKE 'pilotage.basrhin@%'");
  departementAgent = await t.loginAs("pilotage.basrhin");
  basRhinId = (await one<{ id: string }>("SELECT id FROM conventions WHERE number = 'BAS-RHIN-2021-AG'")).id;
}, 60_000);
afterAll(async () => {
  await checksRun();
  // The files of the imports left checked (never confirmed nor abandoned) by these tests.
  for (const { file_path } of await t.db.query<{ file_path: string }>("SELECT file_path FROM list_imports WHERE file_path IS NOT NULL")) fs.rmSync(file_path, { force: true });
  fs.rmSync(tmp, { recursive: true, force: true });
  await t.close();
});

describe("files as partners receive them", () => {
  it("Windows-1252 with « ; »: accents read right, no problem, confirmed into a received file purged two months after receipt (003 art. 4.2)", async () => {
    const file = win1252(`${HEADER}\r\n1234567A;Lefèvre;Hélène;3 rue de l’Église;10387;02/03/2025\r\n7654321B;Garçon;François;1 place Foch;10387;15/01/2025\r\n`);
    const imp = await dryRun(file, { fileName: "nouveaux-inscrits.csv" });
    expect(imp).toMatchObject({ status: "checked", encoding: "windows-1252", rowsDone: 2, rowsValid: 2, issueCount: 0, confirmable: true, conventionNumber: "TCM-LISTES-DONNEES" });
    expect(imp.purgeOn).toBe(addMonths(today, 2));
    expect(imp.purgeRule).toContain("003 (annexe) art. 4.2");
    expect(await one("SELECT last_name, first_name, address, registered_on::text FROM list_import_rows WHERE import_id = $1 AND line = 2", [imp.id])).toEqual({
      last_name: "Lefèvre",
      first_name: "Hélène",
      address: "3 rue de l’Église",
      registered_on: "2025-03-02",
    });
    const auditBefore = await count("SELECT 1 FROM audit_events WHERE action = 'list_import.applied'");
    const res = await confirm(imp.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "applied", rowsSkipped: 0, peopleCreated: 0 });
    expect(await count("SELECT 1 FROM audit_events WHERE action = 'list_import.applied'")).toBe(auditBefore + 1);
    const list = (await agent.get("/api/list-imports")).json();
    expect(list.items[0]).toMatchObject({ id: imp.id, fileName: "nouveaux-inscrits.csv", status: "applied", sourceLabel: "Nouveaux inscrits du territoire", purgeOn: addMonths(today, 2) });
    // The file is not kept once applied.
    expect(await one("SELECT file_path FROM list_imports WHERE id = $1", [imp.id])).toEqual({ file_path: null });
  });

  it("UTF-8 with a BOM: the first column is still found", async () => {
    const imp = await dryRun(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8([HEADER, "2345678C;Muller;Zoé;2 rue Haute;10387;01/02/2025"])]));
    expect(imp).toMatchObject({ status: "checked", encoding: "utf-8-bom", rowsValid: 1, issueCount: 0 });
    expect(imp.mapping.ft_identifier).toBe("Identifiant");
  });

  it("a quoted field holding « ; » and a line break stays one field; identifiers with stray spaces are cleaned", async () => {
    const imp = await dryRun(utf8([HEADER, '" 3456 789d ";Petit;Léa;"Résidence Les Tilleuls; bât. B\nappartement 4";10387;03/04/2025']));
    expect(imp).toMatchObject({ rowsValid: 1, issueCount: 0 });
    expect(await one("SELECT ft_identifier, address FROM list_import_rows WHERE import_id = $1", [imp.id])).toEqual({
      ft_identifier: "3456789D",
      address: "Résidence Les Tilleuls; bât. B appartement 4",
    });
  });

  it("columns in another order and other names are mapped from the header; the mapping saved at confirmation is offered next time", async () => {
    const header = "Date inscription;PRENOM;Code commune;NOM;Adresse postale;Identifiant FT";
    const imp = await dryRun(utf8([header, "05/05/2025;Jean;10387;Dupond;4 rue Basse;4567890E"]));
    expect(imp).toMatchObject({ rowsValid: 1, issueCount: 0 });
    expect(imp.mapping).toEqual({
      ft_identifier: "Identifiant FT",
      last_name: "NOM",
      first_name: "PRENOM",
      address: "Adresse postale",
      commune_insee: "Code commune",
      registered_on: "Date inscription",
    });
    expect(await one("SELECT last_name, first_name, registered_on::text FROM list_import_rows WHERE import_id = $1", [imp.id])).toEqual({
      last_name: "Dupond",
      first_name: "Jean",
      registered_on: "2025-05-05",
    });
    // A file whose names no rule knows: the columns are chosen once, then remembered for this organisation.
    const odd = "Col A;Col B;Col C;Col D;Col E;Col F";
    const first = await dryRun(utf8([odd, "5678901F;Martin;Paul;5 rue Neuve;10387;06/06/2025"]));
    expect(first.status).toBe("failed");
    expect(first.fatalError).toContain("colonne introuvable");
    const mapping = { ft_identifier: "Col A", last_name: "Col B", first_name: "Col C", address: "Col D", commune_insee: "Col E", registered_on: "Col F" };
    const remapped = await agent.put(`/api/list-imports/${first.id}/mapping`, { mapping });
    expect(remapped.statusCode, remapped.body).toBe(200);
    await checksRun();
    expect((await agent.get(`/api/list-imports/${first.id}`)).json()).toMatchObject({ status: "checked", rowsValid: 1, issueCount: 0 });
    expect((await confirm(first.id)).statusCode).toBe(200);
    const next = await dryRun(utf8([odd, "6789012G;Roux;Anne;6 rue Neuve;10387;07/06/2025"]));
    expect(next).toMatchObject({ status: "checked", rowsValid: 1, mapping });
  });

  it("XLSX: the first sheet, a real date cell and text cells", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("Nouveaux inscrits");
    sheet.addRow(["Nom", "Prénom", "Identifiant", "Adresse", "Code INSEE", "Date d'inscription"]);
    sheet.addRow(["Bernard", "Chloé", "7890123H", "8 avenue Verte", "10387", new Date(Date.UTC(2025, 6, 14))]);
    sheet.addRow(["Thomas", "Luc", "8901234J", "9 avenue Verte", "10387", "15/07/2025"]);
    const file = path.join(tmp, "liste.xlsx");
    await workbook.xlsx.writeFile(file);
    const imp = await dryRun(fs.readFileSync(file), { fileName: "liste.xlsx", contentType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" });
    expect(imp).toMatchObject({ status: "checked", fileFormat: "xlsx", rowsValid: 2, issueCount: 0 });
    expect(await t.db.query("SELECT line, ft_identifier, registered_on::text FROM list_import_rows WHERE import_id = $1 ORDER BY line", [imp.id])).toEqual([
      { line: 2, ft_identifier: "7890123H", registered_on: "2025-07-14" },
      { line: 3, ft_identifier: "8901234J", registered_on: "2025-07-15" },
    ]);
  });
});

describe("line by line, all or nothing", () => {
  it("a truncated last line, an impossible date and a bad INSEE code are reported with line, column, value and message; nothing can be confirmed", async () => {
    const file = utf8([
      HEADER,
      "1111111A;Durand;Marc;1 rue A;10387;31/02/1980",
      "2222222B;Morel;Inès;2 rue B;2A004;01/03/2025",
      "3333333C;Faure;Anne;3 rue C;2C004;01/03/2025",
      "4444444D;Blanc;Jo",
    ]);
    const imp = await dryRun(file);
    expect(imp).toMatchObject({ status: "checked", rowsDone: 4, rowsValid: 1, issueCount: 3, confirmable: false });
    expect((await issues(imp.id)).items).toEqual([
      { line: 2, column: "Date d'inscription", value: "31/02/1980", message: "Cette date n’existe pas (31/02/1980)." },
      { line: 4, column: "Code INSEE", value: "2C004", message: "Code INSEE attendu : 5 chiffres, ou 2A / 2B suivi de 3 chiffres pour la Corse." },
      { line: 5, column: null, value: "4444444D;Blanc;Jo", message: "Ligne incomplète : 3 colonne(s) au lieu de 6 (fichier tronqué ?)." },
    ]);
    // Corsica's 2A004 (Ajaccio) is a valid code.
    expect(await one("SELECT commune_insee FROM list_import_rows WHERE import_id = $1", [imp.id])).toEqual({ commune_insee: "2A004" });
    const res = await confirm(imp.id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("LIST_IMPORT_NOT_CONFIRMABLE");
    expect((await agent.get(`/api/list-imports/${imp.id}`)).json().status).toBe("checked");
  });

  it("a quote left open at the end of the file (cut short) makes the whole file unreadable, with its line", async () => {
    const imp = await dryRun(Buffer.from(`${HEADER}\n1111111A;Durand;Marc;"1 rue A;10387;01/03/2025\n`, "utf8"));
    expect(imp.status).toBe("failed");
    expect(imp.fatalError).toMatch(/^Ligne \d+ : Un guillemet ouvert n’est jamais fermé/);
  });

  it("duplicates: a repeated identifier in the file is skipped by default; a person Tandem knows is proposed for a merge", async () => {
    const known = await one<{ ft_identifier: string }>("SELECT ft_identifier FROM job_seekers ORDER BY ft_identifier LIMIT 1");
    const imp = await dryRun(utf8([HEADER, "5555555E;Simon;Eva;1 rue A;10387;01/03/2025", `${known.ft_identifier};Connu;Déjà;2 rue B;10387;01/03/2025`, "5555 555e;Simon;Eva;1 rue A;10387;01/03/2025"]));
    expect(imp).toMatchObject({ issueCount: 0, duplicateCount: 2 });
    const dups = (await agent.get(`/api/list-imports/${imp.id}/duplicates`)).json();
    expect(dups.items.map((d: { line: number; duplicateOfLine: number | null; existing: { match: string } | null; decision: string; allowed: string[] }) => [d.line, d.duplicateOfLine, d.existing?.match ?? null, d.decision, d.allowed])).toEqual([
      [3, null, "identifier", "merge", ["keep", "merge", "skip"]],
      [4, 2, null, "skip", ["keep", "skip"]],
    ]);
    expect((await agent.put(`/api/list-imports/${imp.id}/rows/3/decision`, { decision: "skip" })).statusCode).toBe(200);
    const res = await confirm(imp.id);
    expect(res.json()).toMatchObject({ status: "applied", rowsSkipped: 2 });
    expect(await count("SELECT 1 FROM list_import_rows WHERE import_id = $1", [imp.id])).toBe(1);
  });

  it("the RSA monthly list (002 art. 4.1 b) creates the people it brings, marked as created by the list, merges those known, records removals", async () => {
    const known = await one<{ last_name: string; first_name: string; birth_date: string; id: string; ft_identifier: string }>(
      "SELECT id, ft_identifier, last_name, first_name, to_char(birth_date, 'DD/MM/YYYY') AS birth_date FROM job_seekers ORDER BY ft_identifier DESC LIMIT 1",
    );
    const header = "Identifiant;Nom;Prénom;Date de naissance;Code INSEE;Mouvement;Date du mouvement;Motif;Durée";
    const file = utf8([
      header,
      "9100001A;Kern;Paul;12/05/1985;67482;Inscription;01/10/2025;;",
      // The same person as one Tandem knows, by name and birth date, whatever the case and accents.
      `9100002B;${known.last_name.toUpperCase()};${known.first_name};${known.birth_date};67482;Radiation;15/10/2025;Absence à convocation;2`,
      "9100003C;Weber;Lina;31/02/1980;67482;Inscription;01/10/2025;;",
      "9100004D;Roth;Marc;03/03/1970;67482;Radiation;15/10/2025;;",
    ]);
    const imp = await dryRun(file, { source: "rsa_monthly", conventionId: basRhinId, client: departementAgent });
    expect(imp).toMatchObject({ status: "checked", rowsValid: 2, issueCount: 3 });
    expect((await issues(imp.id, departementAgent)).items.map((i: { line: number; message: string }) => [i.line, i.message])).toEqual([
      [4, "Cette date n’existe pas (31/02/1980)."],
      [5, "Une radiation doit indiquer son motif."],
      [5, "Une radiation doit indiquer sa durée."],
    ]);
    const peopleBefore = await count("SELECT 1 FROM job_seekers");
    expect((await confirm(imp.id, departementAgent)).statusCode).toBe(409);
    expect(await count("SELECT 1 FROM job_seekers")).toBe(peopleBefore);

    const fixed = await dryRun(utf8(file.toString("utf8").trim().split("\r\n").slice(0, 3)), { source: "rsa_monthly", conventionId: basRhinId, client: departementAgent });
    expect(fixed).toMatchObject({ status: "checked", rowsValid: 2, issueCount: 0, duplicateCount: 1 });
    expect((await one("SELECT existing_job_seeker_id, existing_match, decision FROM list_import_rows WHERE import_id = $1 AND line = 3", [fixed.id]))).toEqual({
      existing_job_seeker_id: known.id,
      existing_match: "identity",
      decision: "merge",
    });
    const res = await confirm(fixed.id, departementAgent);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ status: "applied", peopleCreated: 1, peopleLinked: 1 });
    expect(await count("SELECT 1 FROM job_seekers")).toBe(peopleBefore + 1);
    expect(await t.db.query("SELECT j.ft_identifier, p.created FROM list_import_people p JOIN job_seekers j ON j.id = p.job_seeker_id WHERE p.import_id = $1 ORDER BY 1", [fixed.id])).toEqual([
      { ft_identifier: "9100001A", created: true },
      { ft_identifier: known.id === "" ? "" : (await one<{ ft_identifier: string }>("SELECT ft_identifier FROM job_seekers WHERE id = $1", [known.id])).ft_identifier, created: false },
    ].sort((a, b) => a.ft_identifier.localeCompare(b.ft_identifier)));
    expect(await one("SELECT deregistered_on::text FROM job_seekers WHERE id = $1", [known.id])).toEqual({ deregistered_on: "2025-10-15" });
  });

  it("a failure while applying leaves the database unchanged: a person recorded since the check rolls the whole import back", async () => {
    const header = "Identifiant;Nom;Prénom;Date de naissance;Code INSEE;Mouvement;Date du mouvement;Motif;Durée";
    const imp = await dryRun(
      utf8([header, "9200001A;Adam;Léo;01/01/1990;67482;Inscription;01/10/2025;;", "9200002B;Baron;Lou;02/02/1991;67482;Inscription;01/10/2025;;"]),
      { source: "rsa_monthly", conventionId: basRhinId, client: departementAgent },
    );
    expect(imp).toMatchObject({ rowsValid: 2, issueCount: 0, duplicateCount: 0 });
    await t.db.query(
      "INSERT INTO job_seekers (ft_identifier, last_name, first_name, birth_date, commune_insee, registered_at) VALUES ('9200002B', 'Baron', 'Lou', '1991-02-02', '67482', '2025-10-01')",
    );
    const before = {
      people: await count("SELECT 1 FROM job_seekers"),
      links: await count("SELECT 1 FROM list_import_people"),
      rows: await count("SELECT 1 FROM list_import_rows WHERE import_id = $1 AND job_seeker_id IS NOT NULL", [imp.id]),
      audit: await count("SELECT 1 FROM audit_events WHERE action = 'list_import.applied'"),
    };
    const res = await confirm(imp.id, departementAgent);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("LIST_PEOPLE_CHANGED");
    expect({
      people: await count("SELECT 1 FROM job_seekers"),
      links: await count("SELECT 1 FROM list_import_people"),
      rows: await count("SELECT 1 FROM list_import_rows WHERE import_id = $1 AND job_seeker_id IS NOT NULL", [imp.id]),
      audit: await count("SELECT 1 FROM audit_events WHERE action = 'list_import.applied'"),
    }).toEqual(before);
    expect((await departementAgent.get(`/api/list-imports/${imp.id}`)).json().status).toBe("checked");
  });

  it("200 000 lines written on disk, streamed, checked and confirmed", async () => {
    const file = path.join(tmp, "grande-liste.csv");
    const out = fs.createWriteStream(file);
    out.write(`${HEADER}\n`);
    for (let i = 0; i < 200_000; i++) out.write(`${String(10_000_000 + i)}A;Nom${i};Prénom${i};${i} rue Longue;10387;01/03/2025\n`);
    await new Promise((resolve) => out.end(resolve));
    // The event loop stays free while the file is read and checked: no request waits behind it.
    const loopDelay = monitorEventLoopDelay({ resolution: 10 });
    loopDelay.enable();
    const imp = await dryRun(fs.createReadStream(file), { fileName: "grande-liste.csv" });
    loopDelay.disable();
    // Measured 30–120 ms at the 99th percentile and under 100 ms at most on a 2-core machine running
    // other suites (load 12): the bounds leave room for a busier one, and still catch a file read or
    // checked in one go (seconds).
    expect(loopDelay.percentile(99) / 1e6).toBeLessThan(250);
    expect(loopDelay.max / 1e6).toBeLessThan(500);
    expect(imp).toMatchObject({ status: "checked", rowsTotal: 200_000, rowsDone: 200_000, rowsValid: 200_000, issueCount: 0, duplicateCount: 0 });
    if (t.db.kind === "server") {
      // Written frozen by the COPY into the table it created (ADR 0045): every page all-visible when its statistics were gathered.
      expect(
        await t.db.query("SELECT relpages > 1000 AND relallvisible = relpages AS frozen FROM pg_class WHERE oid = to_regclass(list_import_rows_table($1))", [imp.id]),
      ).toEqual([{ frozen: true }]);
    }
    const res = await confirm(imp.id);
    expect(res.statusCode, res.body).toBe(200);
    expect(await count("SELECT 1 FROM list_import_rows WHERE import_id = $1", [imp.id])).toBe(200_000);
    // In its own table, a partition of list_import_rows with its keys (ADR 0044).
    expect(
      await t.db.query(
        `SELECT c.relispartition AS partition, (SELECT array_agg(indexrelid::regclass::text ORDER BY indexrelid::regclass::text) FROM pg_index WHERE indrelid = c.oid) AS indexes
           FROM pg_class c WHERE c.oid = to_regclass(list_import_rows_table($1))`,
        [imp.id],
      ),
    ).toEqual([{ partition: true, indexes: [`list_import_rows_${imp.id.replaceAll("-", "")}_duplicates`, `list_import_rows_${imp.id.replaceAll("-", "")}_pkey`] }]);
  }, 240_000);
});

describe("a long check", () => {
  it("can be abandoned while it runs: it stops and leaves no line behind", async () => {
    const file = path.join(tmp, "liste-abandonnee.csv");
    const out = fs.createWriteStream(file);
    out.write(`${HEADER}\n`);
    for (let i = 0; i < 30_000; i++) out.write(`${String(20_000_000 + i)}A;Nom${i};Prénom${i};${i} rue Courte;10387;01/03/2025\n`);
    await new Promise((resolve) => out.end(resolve));
    const res = await upload(fs.createReadStream(file));
    expect(res.json().status).toBe("checking");
    const cancelled = await agent.post(`/api/list-imports/${res.json().id}/cancellation`, {});
    expect(cancelled.statusCode, cancelled.body).toBe(200);
    await checksRun();
    expect((await agent.get(`/api/list-imports/${res.json().id}`)).json().status).toBe("cancelled");
    expect(await count("SELECT 1 FROM list_import_rows WHERE import_id = $1", [res.json().id])).toBe(0);
    expect(await count("SELECT 1 FROM list_import_issues WHERE import_id = $1", [res.json().id])).toBe(0);
    // Its lines' table went with them (ADR 0044).
    expect(await t.db.query("SELECT to_regclass(list_import_rows_table($1))::text AS t", [res.json().id])).toEqual([{ t: null }]);
  }, 60_000);
});

describe.skipIf(!process.env.DATABASE_URL)("a check run again while its table cannot be dropped (server)", () => {
  it("deletes the lines, reuses the attached table and checks the file again into it", async () => {
    const mapping = { ft_identifier: "Identifiant", last_name: "Nom", first_name: "Prénom", address: "Adresse", commune_insee: "Code INSEE", registered_on: "Date d'inscription" };
    const imp = await dryRun(utf8([HEADER, "1357913A;Lefèvre;Hélène;1 rue A;10387;02/03/2025", "2468024B;Morel;Luc;2 rue B;10387;03/03/2025"]));
    expect(imp).toMatchObject({ status: "checked", rowsValid: 2 });
    expect((await agent.put(`/api/list-imports/${imp.id}/mapping`, { mapping })).statusCode).toBe(200);
    // Another session writing lines of another list holds list_import_rows: dropping a partition would have to wait for it.
    const [{ name }] = await t.db.query<{ name: string }>("SELECT current_database() AS name");
    const url = new URL(process.env.DATABASE_URL as string);
    url.pathname = `/${name}`;
    const other = new pg.Client({ connectionString: url.toString() });
    await other.connect();
    try {
      await other.query("BEGIN");
      await other.query("LOCK TABLE list_import_rows IN ROW EXCLUSIVE MODE");
      await checksRun();
      await other.query("COMMIT");
    } finally {
      await other.end();
    }
    expect((await agent.get(`/api/list-imports/${imp.id}`)).json()).toMatchObject({ status: "checked", rowsValid: 2, issueCount: 0 });
    expect(await t.db.query("SELECT line, ft_identifier FROM list_import_rows WHERE import_id = $1 ORDER BY line", [imp.id])).toEqual([
      { line: 2, ft_identifier: "1357913A" },
      { line: 3, ft_identifier: "2468024B" },
    ]);
    expect(await t.db.query("SELECT relispartition AS partition FROM pg_class WHERE oid = to_regclass(list_import_rows_table($1))", [imp.id])).toEqual([{ partition: true }]);
  }, 60_000);
});

describe("who, under which convention", () => {
  it("refuses an ended convention, a list the convention does not provide, a suspended exchange — and leaves no file behind", async () => {
    const ended = (await one<{ id: string }>("SELECT id FROM conventions WHERE number = 'TCM-2020-DONNEES'")).id;
    const file = utf8([HEADER, "1234567A;Lefèvre;Hélène;1 rue A;10387;02/03/2025"]);
    const filesBefore = fs.existsSync(uploads()) ? fs.readdirSync(uploads()).length : 0;
    const importsBefore = await count("SELECT 1 FROM list_imports");
    const notInForce = await upload(file, { conventionId: ended });
    expect([notInForce.statusCode, notInForce.json().error.code]).toEqual([409, "LIST_CONVENTION_NOT_IN_FORCE"]);
    const notProvided = await upload(file, { source: "rsa_monthly" });
    expect([notProvided.statusCode, notProvided.json().error.code]).toEqual([403, "FORBIDDEN"]);
    const wrongList = await upload(file, { source: "new_registrants", conventionId: basRhinId, client: departementAgent });
    expect([wrongList.statusCode, wrongList.json().error.code]).toEqual([400, "LIST_NOT_PROVIDED"]);
    await t.db.query("UPDATE conventions SET data_exchange_suspended_on = $2 WHERE id = $1", [annexId, today]);
    const suspended = await upload(file);
    await t.db.query("UPDATE conventions SET data_exchange_suspended_on = NULL WHERE id = $1", [annexId]);
    expect([suspended.statusCode, suspended.json().error.code]).toEqual([409, "LIST_EXCHANGE_SUSPENDED"]);
    expect(await count("SELECT 1 FROM list_imports")).toBe(importsBefore);
    expect(fs.existsSync(uploads()) ? fs.readdirSync(uploads()).length : 0).toBe(filesBefore);
  });

  it("only partner agents of a party import; only the importing organisation sees the report", async () => {
    const imp = await dryRun(utf8([HEADER, "1234567A;Lefèvre;Hélène;1 rue A;10387;02/03/2025"]));
    const social = await t.loginAs("social.troyes");
    expect((await upload(utf8([HEADER]), { client: social })).statusCode).toBe(403);
    const strasbourg = await t.loginAs("agent.strasbourg");
    expect((await upload(utf8([HEADER]), { client: strasbourg })).statusCode).toBe(403);
    expect((await strasbourg.get(`/api/list-imports/${imp.id}`)).statusCode).toBe(403);
    expect((await strasbourg.get(`/api/list-imports/${imp.id}/issues`)).statusCode).toBe(403);
    expect((await strasbourg.post(`/api/list-imports/${imp.id}/confirmation`, {})).statusCode).toBe(403);
    expect((await agent.post(`/api/list-imports/${imp.id}/cancellation`, {})).json().status).toBe("cancelled");
  });

  it("a file over the size bound is refused before it is read", async () => {
    const max = listUploadLimits.maxBytes;
    listUploadLimits.maxBytes = 1000;
    try {
      const res = await upload(Buffer.alloc(5000, 0x41));
      expect([res.statusCode, res.json().error.code]).toEqual([413, "LIST_FILE_TOO_LARGE"]);
    } finally {
      listUploadLimits.maxBytes = max;
    }
  });
});
