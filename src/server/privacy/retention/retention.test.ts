import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, addMonths, parisToday } from "../../../domain/shared/calendarDate.js";
import { audit } from "../../platform/audit.js";
import { createMailer } from "../../platform/mail.js";
import { systemContext } from "../../platform/requestContext.js";
import { createTestApp, type TestApp, type TestClient } from "../../testing/testApp.js";
import { runDuePurges } from "./runPurges.js";
import { createImportRows } from "../../lists/listImportRepository.js";

/**
 * Issue 12 — retention that runs, with proof (ADR 0032), on the demo: a list received by Troyes
 * Champagne Métropole under TCM-2020-DONNEES (« supprimer les données transmises dans un délai de
 * deux mois après réception », 003 (annexe) art. 4.2) is purged when the clock passes its purge
 * date; the destruction after ROUEN-PARTENARIAT's end (31/12/2025 + 2 months, 000 art. 6) removes
 * its closed cases; legal holds stop both; the journal counts it all without a name.
 */
let t: TestApp;
let dpoTroyes: TestClient;
const ids = { troyesOrg: "", troyesData: "", rouen: "", creuse: "", agent: "", advisor: "", list: "", heldList: "", futureList: "" };
const people: Record<string, string> = {};

const one = async <T>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params))[0];
const count = async (sql: string, params: unknown[] = []) => Number((await one<{ n: string }>(`SELECT count(*) AS n FROM (${sql}) x`, params)).n);
const exists = async (table: string, id: string) => (await count(`SELECT 1 FROM ${table} WHERE id = $1`, [id])) === 1;
const journal = (listId: string) =>
  one<{ status: string; counts: Record<string, number>; kept: Record<string, number>; hold_until: string | null; label: string; rule: string; due_on: string }>(
    "SELECT status, counts, kept, hold_until::text, label, rule, due_on::text FROM purge_journal WHERE list_import_id = $1",
    [listId],
  );
/** The table of a list's lines (migrations/047), null once dropped. */
const linesTable = async (listId: string) => (await one<{ t: string | null }>("SELECT to_regclass(list_import_rows_table($1))::text AS t", [listId])).t;
const conventionJournal = (conventionId: string) =>
  one<{ status: string; counts: Record<string, number>; kept: Record<string, number>; hold_until: string | null; due_on: string }>(
    "SELECT status, counts, kept, hold_until::text, due_on::text FROM purge_journal WHERE kind = 'convention_end' AND convention_id = $1",
    [conventionId],
  );
const purge = (today: string, batchSize = 2) => runDuePurges({ db: t.db, batchSize }, today);

async function person(key: string, ft: string) {
  const [{ id }] = await t.db.query<{ id: string }>(
    "INSERT INTO job_seekers (ft_identifier, last_name, first_name, birth_date, commune_insee, registered_at) VALUES ($1, $2, 'Test', '1990-05-04', '10387', '2025-01-10') RETURNING id",
    [ft, `Purge${key}`],
  );
  people[key] = id;
  return id;
}

async function receivedList(fileName: string, purgeOn: string, receivedAt: string) {
  const [{ id }] = await t.db.query<{ id: string }>(
    `INSERT INTO list_imports (source, convention_id, organisation_id, created_by, file_name, file_format, file_bytes, status, received_at, applied_at, purge_on, purge_rule,
                               rows_total, rows_valid)
     VALUES ('rsa_monthly', $1, $2, $3, $4, 'csv', 1000, 'applied', $5::timestamptz, $5::timestamptz, $6, '003 (annexe) art. 4.2 — supprimer les données transmises dans un délai de deux mois après réception', 0, 0)
     RETURNING id`,
    [ids.troyesData, ids.troyesOrg, ids.agent, fileName, `${receivedAt}T09:00:00Z`, purgeOn],
  );
  // Its lines' own table (ADR 0044), as a check creates it.
  await createImportRows(t.db, id, true);
  return id;
}

async function line(listId: string, n: number, jobSeekerId: string | null, created: boolean | null) {
  await t.db.query(
    `INSERT INTO list_import_rows (import_id, line, ft_identifier, last_name, first_name, address, commune_insee, registered_on, job_seeker_id)
     VALUES ($1, $2, $3, 'Nom', 'Prénom', '1 rue de la Paix', '10387', '2025-01-10', $4)`,
    [listId, n, `L${n}${listId.slice(0, 4)}`, jobSeekerId],
  );
  if (jobSeekerId && created !== null) await t.db.query("INSERT INTO list_import_people (import_id, job_seeker_id, created) VALUES ($1, $2, $3)", [listId, jobSeekerId, created]);
}

async function supportCase(jobSeekerId: string, conventionId: string, status: "active" | "exited") {
  const [{ id }] = await t.db.query<{ id: string }>(
    `INSERT INTO support_cases (job_seeker_id, convention_id, status, origin, oriented_on, oriented_by, orienter_organisation_id, exited_on, exit_type, closed_on)
     VALUES ($1, $2, $3, 'france_travail', '2025-02-01', $4, (SELECT organisation_id FROM users WHERE id = $4),
             CASE WHEN $3 = 'exited' THEN '2025-06-30'::date END, CASE WHEN $3 = 'exited' THEN 'sustainable_job' END, CASE WHEN $3 = 'exited' THEN '2025-06-30'::date END)
     RETURNING id`,
    [jobSeekerId, conventionId, status, ids.advisor],
  );
  return id;
}

const today = parisToday();
// The demo's cases under ROUEN-PARTENARIAT, counted before any purge (every run past 28/02/2026 takes them).
let demoClosed = 0;
let demoOpen = 0;
const purgeOn = addDays(today, 20);

beforeAll(async () => {
  t = await createTestApp();
  const conv = async (n: string) => (await one<{ id: string }>("SELECT id FROM conventions WHERE number = $1", [n])).id;
  ids.troyesData = await conv("TCM-2020-DONNEES");
  ids.rouen = await conv("ROUEN-PARTENARIAT");
  // The demo extends ROUEN-PARTENARIAT by a demonstration amendment (demoConventions.ts) so that PEC runs today;
  // this file tests the destruction after its seed end (31/12/2025): the amendment is taken back here.
  await t.db.query("DELETE FROM convention_amendments WHERE convention_id = $1 AND number = 'DEMO-1'", [ids.rouen]);
  await t.db.query("UPDATE conventions SET ends_on = '2025-12-31' WHERE id = $1", [ids.rouen]);
  ids.creuse = await conv("CREUSE-2023-AG");
  ids.troyesOrg = (await one<{ id: string }>("SELECT id FROM organisations WHERE code = 'troyes-champagne-metropole'")).id;
  ids.agent = (await one<{ id: string }>("SELECT id FROM users WHERE email LIKE 'agent.troyes@%'")).id;
  ids.advisor = (await one<{ id: string }>("SELECT id FROM users WHERE email LIKE 'conseiller.creuse@%'")).id;
  demoClosed = await count("SELECT 1 FROM support_cases WHERE convention_id = $1 AND status IN ('exited', 'refused')", [ids.rouen]);
  demoOpen = await count("SELECT 1 FROM support_cases WHERE convention_id = $1 AND status NOT IN ('exited', 'refused')", [ids.rouen]);

  // The list, received two months before its purge date: five people it links, two lines without a person.
  ids.list = await receivedList("rsa-janvier.csv", purgeOn, addMonths(purgeOn, -2));
  await line(ids.list, 2, await person("Alone", "9000001A"), true); // created by the list only: deleted
  await line(ids.list, 3, await person("InSupport", "9000002A"), true); // entered a support: kept, unlinked
  await supportCase(people.InSupport, ids.creuse, "active");
  await line(ids.list, 4, await person("Held", "9000003A"), true); // a legal hold on the person: kept with its line
  await line(ids.list, 5, await person("Known", "9000004A"), false); // known before the list: only unlinked
  await line(ids.list, 6, await person("TwoLists", "9000005A"), true); // another list still justifies them
  await line(ids.list, 7, null, null);
  await line(ids.list, 8, null, null);
  // The other list of TwoLists, due much later.
  ids.futureList = await receivedList("rsa-fevrier.csv", addDays(today, 60), addMonths(addDays(today, 60), -2));
  await line(ids.futureList, 2, people.TwoLists, false);
  // A list whose purge a hold will stop.
  ids.heldList = await receivedList("rsa-contentieux.csv", purgeOn, addMonths(purgeOn, -2));
  await line(ids.heldList, 2, await person("OnHeldList", "9000006A"), true);
  // What the trail said about the person who will be purged.
  await t.db.transaction((tx) => audit(tx, systemContext("test"), { action: "support.job_seeker_updated", subjectType: "job_seeker", subjectId: people.Alone }));
  dpoTroyes = await t.loginAs("dpo.troyes");
}, 120_000);
afterAll(async () => t?.close());

describe("legal holds", () => {
  it("are refused with their field: an end before the start, an end already past, a subject of another organisation", async () => {
    const base = { scope: "job_seeker", subjectId: people.Held, reasonKind: "dispute", reason: "Recours devant le tribunal administratif" };
    const before = await dpoTroyes.post("/api/privacy/legal-holds", { ...base, startsOn: "2027-03-01", endsOn: "2027-02-01" });
    expect(before.statusCode).toBe(400);
    expect(before.json().error.details.issues).toEqual([{ path: "body.endsOn", message: "La fin de la conservation doit suivre son début (01/03/2027)." }]);
    const past = await dpoTroyes.post("/api/privacy/legal-holds", { ...base, startsOn: "2020-01-01", endsOn: "2020-06-30" });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details.issues[0].path).toBe("body.endsOn");
    expect(past.json().error.details.issues[0].message).toMatch(/^La fin de la conservation ne peut pas être passée/);
    const rouenDpo = await t.loginAs("dpo.rouen");
    const foreign = await rouenDpo.post("/api/privacy/legal-holds", { ...base, scope: "list_import", subjectId: ids.list, startsOn: today, endsOn: addDays(today, 30) });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.json().error.code).toBe("LEGAL_HOLD_SUBJECT_NOT_IN_REACH");
    expect(await count("SELECT 1 FROM legal_holds")).toBe(0);
  });

  it("on a person and on a list are recorded by the DPO, audited", async () => {
    const held = await dpoTroyes.post("/api/privacy/legal-holds", {
      scope: "job_seeker",
      subjectId: people.Held,
      reasonKind: "dispute",
      reason: "Recours devant le tribunal administratif",
      startsOn: today,
      endsOn: addDays(today, 400),
    });
    expect(held.statusCode, held.body).toBe(201);
    expect(held.json()).toMatchObject({ scope: "job_seeker", scopeLabel: "Une personne", subjectLabel: "Personne : T. PurgeHeld", reasonLabel: "Contentieux", active: true });
    const list = await dpoTroyes.post("/api/privacy/legal-holds", {
      scope: "list_import",
      subjectId: ids.heldList,
      reasonKind: "legal_duty",
      reason: "Réquisition judiciaire",
      startsOn: today,
      endsOn: "2099-12-31",
    });
    expect(list.statusCode, list.body).toBe(201);
    expect(list.json().subjectLabel).toMatch(/^Liste reçue rsa-contentieux\.csv du /);
    expect(await count("SELECT 1 FROM audit_events WHERE action = 'privacy.legal_hold_recorded'")).toBe(2);
  });
});

describe("the purge of a received list", () => {
  it("the DPO sees it planned, with what it will remove counted", async () => {
    const res = await dpoTroyes.get("/api/privacy/purges");
    expect(res.statusCode).toBe(200);
    const planned = res.json().planned.find((p: { what: string }) => p.what.startsWith("Liste reçue rsa-janvier.csv"));
    expect(planned).toMatchObject({ kind: "received_list", conventionNumber: "TCM-2020-DONNEES", dueOn: purgeOn, status: "planned", statusLabel: "à venir" });
    expect(planned.counts).toEqual([
      { kind: "listRows", label: "lignes de la liste", count: 7 },
      { kind: "links", label: "liens entre la liste et une personne", count: 5 },
      { kind: "peopleCreated", label: "personnes créées par la liste (supprimées si rien d’autre ne les justifie)", count: 4 },
    ]);
    const held = res.json().planned.find((p: { what: string }) => p.what.startsWith("Liste reçue rsa-contentieux.csv"));
    expect(held.statusLabel).toBe("suspendue (conservation légale jusqu’au 31/12/2099)");
  });

  it("does nothing the day before its purge date", async () => {
    await purge(addDays(purgeOn, -1));
    expect(await count("SELECT 1 FROM list_import_rows WHERE import_id = $1", [ids.list])).toBe(7);
    expect(await count("SELECT 1 FROM purge_journal WHERE kind = 'received_list'")).toBe(0);
  });

  it("past its date: deletes the lines and the people only the list justified, keeps the others, and the journal counts it", async () => {
    await purge(addDays(purgeOn, 1));
    // Gone: the list's lines (but the held person's), the person it alone brought, its links.
    expect(await count("SELECT line FROM list_import_rows WHERE import_id = $1", [ids.list])).toBe(1);
    expect(await one("SELECT line FROM list_import_rows WHERE import_id = $1", [ids.list])).toEqual({ line: 4 });
    // The held line keeps its list's table (ADR 0044).
    expect(await linesTable(ids.list)).toBe(`list_import_rows_${ids.list.replaceAll("-", "")}`);
    expect(await exists("job_seekers", people.Alone)).toBe(false);
    // Kept: in support (its case too), known before, on another list, on hold.
    for (const k of ["InSupport", "Known", "TwoLists", "Held"]) expect(await exists("job_seekers", people[k]), k).toBe(true);
    expect(await count("SELECT 1 FROM support_cases WHERE job_seeker_id = $1", [people.InSupport])).toBe(1);
    expect(await t.db.query("SELECT job_seeker_id FROM list_import_people WHERE import_id = $1", [ids.list])).toEqual([{ job_seeker_id: people.Held }]);
    expect(await count("SELECT 1 FROM list_import_people WHERE import_id = $1", [ids.futureList])).toBe(1);
    const j = await journal(ids.list);
    expect(j).toMatchObject({ status: "done", label: `Liste reçue rsa-janvier.csv du ${addMonths(purgeOn, -2).split("-").reverse().join("/")}`, due_on: purgeOn, hold_until: null });
    expect(j.rule).toMatch(/^003 \(annexe\) art\. 4\.2/);
    expect(j.counts).toEqual({ listRows: 6, links: 4, people: 1 });
    expect(j.kept).toEqual({ peopleInSupport: 1, peopleInOtherLists: 1, peopleOnHold: 1, peopleInProgrammes: 0 });
    // No name in the journal.
    expect(JSON.stringify(await t.db.query("SELECT * FROM purge_journal"))).not.toMatch(/Purge(Alone|InSupport|Held|Known|TwoLists)/);
    expect(await count("SELECT 1 FROM audit_events WHERE action = 'privacy.purge_done' AND subject_id = $1", [ids.list])).toBe(1);
  });

  it("a legal hold on the list stops it, and the journal says until when", async () => {
    const j = await journal(ids.heldList);
    expect(j).toMatchObject({ status: "suspended", hold_until: "2099-12-31", counts: {} });
    expect(await count("SELECT 1 FROM list_import_rows WHERE import_id = $1", [ids.heldList])).toBe(1);
    expect(await exists("job_seekers", people.OnHeldList)).toBe(true);
    const res = await dpoTroyes.get("/api/privacy/purges");
    const entry = res.json().journal.find((e: { what: string }) => e.what.startsWith("Liste reçue rsa-contentieux.csv"));
    expect(entry.statusLabel).toBe("suspendue (conservation légale jusqu’au 31/12/2099)");
    const done = res.json().journal.find((e: { what: string }) => e.what.startsWith("Liste reçue rsa-janvier.csv"));
    expect(done).toMatchObject({ status: "done", statusLabel: "faite" });
    expect(done.counts).toEqual([
      { kind: "listRows", label: "lignes de la liste", count: 6 },
      { kind: "links", label: "liens entre la liste et une personne", count: 4 },
      { kind: "people", label: "personnes supprimées", count: 1 },
    ]);
  });

  it("a second run removes nothing more", async () => {
    const before = await t.db.query("SELECT id, status, counts, kept FROM purge_journal ORDER BY id");
    const rows = await count("SELECT 1 FROM list_import_rows");
    const purgeEvents = await count("SELECT 1 FROM audit_events WHERE action = 'privacy.purge_done'");
    await purge(addDays(purgeOn, 2));
    expect(await t.db.query("SELECT id, status, counts, kept FROM purge_journal ORDER BY id")).toEqual(before);
    expect(await count("SELECT 1 FROM list_import_rows")).toBe(rows);
    expect(await count("SELECT 1 FROM audit_events WHERE action = 'privacy.purge_done'")).toBe(purgeEvents);
  });

  it("a list left with no line loses its table too (ADR 0044)", async () => {
    const dueOn = addDays(today, 5);
    const list = await receivedList("rsa-mars.csv", dueOn, addMonths(dueOn, -2));
    await line(list, 2, null, null);
    await line(list, 3, null, null);
    expect(await linesTable(list)).toBe(`list_import_rows_${list.replaceAll("-", "")}`);
    await purge(addDays(dueOn, 1));
    expect(await count("SELECT 1 FROM list_import_rows WHERE import_id = $1", [list])).toBe(0);
    expect(await linesTable(list)).toBeNull();
    expect(await journal(list)).toMatchObject({ status: "done", counts: { listRows: 2 } });
  });

  it("the audit trail still reads: the purged person is named as such, with the day and the purge", async () => {
    const admin = await t.loginAs("admin.plateforme");
    const all = await admin.get(`/api/audit-events?subjectId=${people.Alone}`);
    expect(all.statusCode, all.body).toBe(200);
    const entry = all.json().items.find((e: { action: string }) => e.action === "support.job_seeker_updated");
    expect(entry.subjectLabel).toBe(
      `Fiche de personne supprimée le ${addDays(purgeOn, 1).split("-").reverse().join("/")} (purge : Liste reçue rsa-janvier.csv du ${addMonths(purgeOn, -2).split("-").reverse().join("/")})`,
    );
  });
});

describe("the destruction after a convention's end", () => {
  const rouenDue = "2026-02-28";
  const caseIds: Record<string, string> = {};

  beforeAll(async () => {
    caseIds.Ended = await supportCase(await person("Ended", "9100001A"), ids.rouen, "exited");
    await t.db.query("INSERT INTO support_notes (case_id, visibility, body, author_id) VALUES ($1, 'pair', 'Note', $2), ($1, 'social', 'Note sociale', $2)", [caseIds.Ended, ids.advisor]);
    await t.db.query("INSERT INTO support_appointments (case_id, kind, scheduled_on, status) VALUES ($1, 'social', '2025-03-01', 'attended')", [caseIds.Ended]);
    await t.db.query("INSERT INTO support_case_barriers (case_id, category, code, observed_on) VALUES ($1, 'social', 'housing', '2025-03-01')", [caseIds.Ended]);
    caseIds.Elsewhere = await supportCase(await person("Elsewhere", "9100002A"), ids.rouen, "exited");
    await supportCase(people.Elsewhere, ids.creuse, "active");
    caseIds.StillOpen = await supportCase(await person("StillOpen", "9100003A"), ids.rouen, "active");
  });

  it("is due two months after the end (000 art. 6): the closed cases go with what hangs on them, open ones and other conventions' stay", async () => {
    await purge("2026-03-01", 3);
    expect(await exists("support_cases", caseIds.Ended)).toBe(false);
    expect(await exists("job_seekers", people.Ended)).toBe(false);
    expect(await count("SELECT 1 FROM support_notes WHERE case_id = $1", [caseIds.Ended])).toBe(0);
    expect(await exists("support_cases", caseIds.Elsewhere)).toBe(false);
    expect(await exists("job_seekers", people.Elsewhere)).toBe(true);
    expect(await exists("support_cases", caseIds.StillOpen)).toBe(true);
    const j = await conventionJournal(ids.rouen);
    expect(j).toMatchObject({ status: "done", due_on: rouenDue });
    expect(j.counts).toMatchObject({ cases: demoClosed + 2, notes: 2, appointments: 1, barriers: 1 });
    expect(j.kept).toMatchObject({ openCases: demoOpen + 1, peopleWithOtherCases: 1 });
  });

  it("a legal hold on the convention suspends it; the closed case of a held person stays", async () => {
    const closedLater = await supportCase(await person("ClosedLater", "9100004A"), ids.rouen, "exited");
    await t.db.query(
      `INSERT INTO legal_holds (organisation_id, scope, convention_id, reason_kind, reason, starts_on, ends_on, recorded_by)
       SELECT organisation_id, 'convention', $1, 'dispute', 'Contentieux', '2026-01-01', '2027-06-30', id FROM users WHERE email LIKE 'dpo.rouen@%'`,
      [ids.rouen],
    );
    await purge("2026-03-02");
    expect(await conventionJournal(ids.rouen)).toMatchObject({ status: "suspended", hold_until: "2027-06-30" });
    expect(await exists("support_cases", closedLater)).toBe(true);
  });
});

describe("a failed purge", () => {
  it("is « en échec » in the journal with its error's code, the others go on, and its organisation's DPO is e-mailed once", async () => {
    const failing = await receivedList("rsa-echec.csv", purgeOn, addMonths(purgeOn, -2));
    await line(failing, 2, await person("Fails", "9200001A"), true);
    const other = await receivedList("rsa-suivante.csv", purgeOn, addMonths(purgeOn, -2));
    await line(other, 2, null, null);
    // The database refuses one list's batches (a statement cancelled, 57014), as a server under a time limit would.
    const refuse = (db: typeof t.db): typeof t.db => ({
      ...db,
      kind: db.kind,
      query: (async (sql: string, params?: unknown[]) => {
        if (params?.[0] === failing && sql.includes("FROM list_import_people")) throw Object.assign(new Error("canceling statement"), { code: "57014" });
        return db.query(sql, params);
      }) as typeof db.query,
      transaction: (fn) => db.transaction((tx) => fn(refuse(tx))),
      exec: (sql) => db.exec(sql),
      close: () => db.close(),
    });
    const mailer = createMailer(t.db, { from: "tandem@example.fr" });
    const outbox = () => count("SELECT 1 FROM emails WHERE subject LIKE 'Purge en échec%'");
    const before = await outbox();
    const run = await runDuePurges({ db: refuse(t.db), mailer, config: { publicUrl: "http://tandem.test" } }, addDays(purgeOn, 3));
    expect(run.failed).toBe(1);
    expect(await journal(failing)).toMatchObject({ status: "failed" });
    expect(await count("SELECT 1 FROM purge_journal WHERE list_import_id = $1 AND error_code = '57014'", [failing])).toBe(1);
    expect((await journal(other)).status).toBe("done");
    const dpos = await count("SELECT 1 FROM users WHERE organisation_id = $1 AND 'dpo' = ANY(roles) AND active", [ids.troyesOrg]);
    expect(dpos).toBeGreaterThan(0);
    expect(await outbox()).toBe(before + dpos);
    const page = (await dpoTroyes.get("/api/privacy/purges")).json();
    expect(page.alerts).toContain(`La purge « Liste reçue rsa-echec.csv du ${addMonths(purgeOn, -2).split("-").reverse().join("/")} » due le ${purgeOn.split("-").reverse().join("/")} est en échec : elle sera réessayée demain.`);
    // Failing again the next day: no second e-mail.
    await runDuePurges({ db: refuse(t.db), mailer }, addDays(purgeOn, 4));
    expect(await outbox()).toBe(before + dpos);
    // The day it works, it is done.
    await runDuePurges({ db: t.db, mailer }, addDays(purgeOn, 5));
    expect(await journal(failing)).toMatchObject({ status: "done", counts: { listRows: 1, links: 1, people: 1 } });
  });
});
