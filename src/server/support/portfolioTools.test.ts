import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, parisToday } from "../../domain/shared/calendarDate.js";
import { buildSupportCase } from "../demo/buildSupportCase.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";

/**
 * « Mon portefeuille » as a daily tool: search by name within it, alerts read all at once, the
 * portfolio as a spreadsheet (exactly its rows); and the barriers of a case, corrected with history.
 */
let t: TestApp;
const today = parisToday();
let advisor: TestClient;
let lefevreCase: string;
let formulaCase: string;

const nameOf = async (caseId: string) =>
  (
    await t.db.query<{ name: string }>(
      "SELECT js.last_name || ' ' || js.first_name AS name FROM support_cases sc JOIN job_seekers js ON js.id = sc.job_seeker_id WHERE sc.id = $1",
      [caseId],
    )
  )[0].name;

beforeAll(async () => {
  t = await createTestApp();
  advisor = await t.loginAs("conseiller.creuse");
  lefevreCase = await buildSupportCase(t.db, { advisor: "conseiller.creuse", socialWorker: "social.creuse", jobSeekerCommune: "23096", entered: { monthsAgo: 1 } });
  formulaCase = await buildSupportCase(t.db, { advisor: "conseiller.creuse", socialWorker: "social.creuse", jobSeekerCommune: "23096" });
  // Names written by the test: one with accents, one a spreadsheet would run as a formula.
  await t.db.query("UPDATE job_seekers SET last_name = 'LEFÈVRE', first_name = 'Zoé' WHERE id = (SELECT job_seeker_id FROM support_cases WHERE id = $1)", [lefevreCase]);
  await t.db.query("UPDATE job_seekers SET last_name = '=SOMME(A1:A9)', first_name = 'Test' WHERE id = (SELECT job_seeker_id FROM support_cases WHERE id = $1)", [formulaCase]);
}, 240_000);
afterAll(() => t?.close());

describe("search within my portfolio", () => {
  it("finds by name without accents or case, in any order, and only among my cases", async () => {
    for (const q of ["lefevre", "zoe lefèvre", "LEFEVRE ZOE"]) {
      const res = await advisor.get(`/api/support/portfolio?q=${encodeURIComponent(q)}`);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json().items.map((i: { person: { name: string } }) => i.person.name), q).toEqual(["LEFÈVRE Zoé"]);
      expect(res.json().total).toBe(1);
    }
    expect((await advisor.get("/api/support/portfolio?q=zzzzqq")).json()).toMatchObject({ items: [], total: 0 });
    // The Bas-Rhin advisor's portfolio does not hold her.
    expect((await (await t.loginAs("conseiller.basrhin")).get("/api/support/portfolio?q=lefevre")).json().total).toBe(0);
    const tooShort = await advisor.get("/api/support/portfolio?q=a");
    expect(tooShort.statusCode).toBe(400);
  });
});

describe("alerts read all at once", () => {
  it("groups my unread alerts by kind and marks them all read, mine only", async () => {
    const social = await t.loginAs("social.creuse");
    const socialUnread = (await social.get("/api/notifications")).json().unread;
    const [me] = await t.db.query<{ id: string }>("SELECT id FROM users WHERE email = 'conseiller.creuse@demo.tandem.fr'");
    await t.db.query(
      `INSERT INTO notifications (user_id, kind, title, body) VALUES ($1, 'no_show', 'Absence', 'a'), ($1, 'no_show', 'Absence', 'b'), ($1, 'pair_assigned', 'Binôme', 'c')`,
      [me.id],
    );
    const before = (await advisor.get("/api/notifications")).json();
    expect(before.unread).toBeGreaterThanOrEqual(3);
    const byKind = Object.fromEntries(before.unreadByKind.map((k: { kind: string; count: number }) => [k.kind, k.count]));
    expect(byKind.no_show).toBeGreaterThanOrEqual(2);
    expect(byKind.pair_assigned).toBeGreaterThanOrEqual(1);
    const all = await advisor.post("/api/notifications/read-all", {});
    expect(all.statusCode, all.body).toBe(200);
    expect(all.json()).toEqual({ ok: true, marked: before.unread });
    expect((await advisor.get("/api/notifications")).json()).toMatchObject({ unread: 0, unreadByKind: [] });
    expect((await advisor.post("/api/notifications/read-all", {})).json()).toEqual({ ok: true, marked: 0 });
    expect((await social.get("/api/notifications")).json().unread).toBe(socialUnread);
  });
});

describe("my portfolio as a spreadsheet", () => {
  const read = async (url: string) => {
    const res = await advisor.get(url);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="mon-portefeuille-${today}.xlsx"`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Mon portefeuille")!;
    const rows: unknown[][] = [];
    sheet.eachRow((row, n) => {
      if (n > 2) rows.push((row.values as unknown[]).slice(1));
    });
    return { sheet, rows };
  };

  it("holds exactly the rows of my portfolio, all pages, in its order", async () => {
    const portfolio = (await advisor.get("/api/support/portfolio?pageSize=200")).json();
    const { sheet, rows } = await read("/api/support/portfolio/export.xlsx");
    expect(sheet.getRow(2).getCell(1).value).toBe("Personne");
    expect(rows.map((r) => r[0])).toEqual(portfolio.items.map((i: { person: { name: string } }) => (i.person.name.startsWith("=") ? `'${i.person.name}` : i.person.name)));
    expect(rows.length).toBe(portfolio.total);
    const audited = await t.db.query<{ details: { count: number } }>("SELECT details FROM audit_events WHERE action = 'support.portfolio_exported' ORDER BY seq DESC LIMIT 1");
    expect(audited[0].details.count).toBe(portfolio.total);
  });

  it("takes the filters: one person by name, with the values of her row", async () => {
    const { rows } = await read("/api/support/portfolio/export.xlsx?q=lefevre");
    expect(rows).toHaveLength(1);
    const [name, identifier, status, , dueOn, , advisorName, socialWorkerName, rsa, qpv, role] = rows[0];
    expect(name).toBe("LEFÈVRE Zoé");
    expect(identifier).toEqual(expect.any(String));
    expect(status).toBe("Accompagnement en cours");
    expect(dueOn).toBeInstanceOf(Date);
    expect([advisorName, socialWorkerName, role]).toEqual(["Conseiller Creuse", "Social Creuse", "Conseiller"]);
    expect([rsa, qpv].every((v) => v === "Oui" || v === "Non")).toBe(true);
  });

  it("never writes a formula: a name starting with = stays text", async () => {
    const { rows } = await read("/api/support/portfolio/export.xlsx?q=somme");
    expect(rows.map((r) => r[0])).toEqual(["'=SOMME(A1:A9) Test"]);
    expect(await nameOf(formulaCase)).toBe("=SOMME(A1:A9) Test");
  });
});

describe("barriers at any time, corrected with history", () => {
  it("adds, admits, lifts and corrects a barrier, at any time before or after entry", async () => {
    const social = await t.loginAs("social.creuse");
    const base = `/api/support/cases/${formulaCase}`;
    const [{ oriented_on: orientedOn }] = await t.db.query<{ oriented_on: string }>("SELECT oriented_on FROM support_cases WHERE id = $1", [formulaCase]);
    const added = await social.post(`${base}/barriers`, { code: "isolation", observedOn: today });
    expect(added.statusCode, added.body).toBe(200);
    const isolation = added.json().barriers.find((b: { code: string }) => b.code === "isolation");

    const other = await social.post(`${base}/barriers`, { code: "other", category: "social", label: "Surendettement", observedOn: today });
    const surendettement = other.json().barriers.find((b: { label: string }) => b.label === "Surendettement");
    const admitted = await advisor.patch(`${base}/barriers/${surendettement.id}`, { jointDecisionOn: today });
    expect(admitted.json().barriers.find((b: { id: string }) => b.id === surendettement.id).jointDecisionOn).toBe(today);

    // Recorded by mistake: it was family constraints, seen at the orientation.
    const corrected = await social.post(`${base}/barriers/${isolation.id}/correction`, { code: "family", observedOn: orientedOn, reason: "Erreur de saisie" });
    expect(corrected.statusCode, corrected.body).toBe(200);
    const now = corrected.json().barriers.find((b: { id: string }) => b.id === isolation.id);
    expect(now).toMatchObject({ code: "family", category: "social", observedOn: orientedOn });
    const fr = (d: string) => d.split("-").reverse().join("/");
    expect(corrected.json().timeline.map((e: { label: string }) => e.label)).toContain(
      `Frein corrigé : « Isolement » constaté le ${fr(today)} devient « Contraintes familiales (garde d’enfants, aidant familial) » constaté le ${fr(orientedOn)} (Erreur de saisie)`,
    );
    // The first entry stays on the timeline as it was written.
    expect(corrected.json().timeline.map((e: { label: string }) => e.label)).toContain("Frein constaté : Isolement");

    // Lifted, it cannot be said observed after its lifting; the message points at the date.
    const lifted = await social.patch(`${base}/barriers/${isolation.id}`, { resolvedOn: today });
    expect(lifted.statusCode, lifted.body).toBe(200);
    const late = await social.post(`${base}/barriers/${isolation.id}/correction`, { code: "family", observedOn: addDays(today, 1) });
    expect(late.statusCode).toBe(400);
    expect(late.json().error.details.issues[0].path).toBe("body.observedOn");

    // Changing the code of an admitted "other" barrier drops the joint decision (it was about another barrier).
    const recoded = await social.post(`${base}/barriers/${surendettement.id}/correction`, { code: "financial", observedOn: today });
    expect(recoded.json().barriers.find((b: { id: string }) => b.id === surendettement.id)).toMatchObject({ code: "financial", jointDecisionOn: null });

    // After the entry too: barriers evolve during the support.
    const during = await social.post(`/api/support/cases/${lefevreCase}/barriers`, { code: "health", observedOn: today });
    expect(during.statusCode, during.body).toBe(200);
    expect(during.json()).toMatchObject({ status: "active" });
    expect(during.json().barriers.map((b: { code: string }) => b.code)).toContain("health");

    // Another organisation's professional reaches nothing.
    expect((await (await t.loginAs("social.strasbourg")).post(`${base}/barriers/${isolation.id}/correction`, { code: "health", observedOn: today })).statusCode).toBe(404);
  });
});
