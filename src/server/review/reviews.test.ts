import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { buildSupportCase } from "../demo/buildSupportCase.js";
import { minutesDecisionsOf } from "./closeReview.js";
import { loadAgenda } from "./readReview.js";
import type { ReviewRow } from "./reviewRepository.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";

let t: TestApp;
let advisor: TestClient;
let entryCase: string;
let renewalCase: string;
let exitCase: string;
let refusedCase: string;
let reviewId: string;

const personOf = async (caseId: string) =>
  (await t.db.query<{ name: string }>("SELECT js.last_name || ' ' || js.first_name AS name FROM support_cases sc JOIN job_seekers js ON js.id = sc.job_seeker_id WHERE sc.id = $1", [caseId]))[0].name;
const statusOf = async (caseId: string) =>
  (await t.db.query<{ status: string; renewals_used: number; exit_type: string | null }>("SELECT status, renewals_used, exit_type FROM support_cases WHERE id = $1", [caseId]))[0];

beforeAll(async () => {
  t = await createTestApp();
  entryCase = await buildSupportCase(t.db, { advisor: "conseiller.basrhin", socialWorker: "social.basrhin", jobSeekerCommune: "67482" });
  refusedCase = await buildSupportCase(t.db, { advisor: "conseiller.basrhin", socialWorker: "social.basrhin", jobSeekerCommune: "67482" });
  // Entered 5 months and 10 days ago under Bas-Rhin's 6-month periods: the period ends before the next review.
  renewalCase = await buildSupportCase(t.db, { advisor: "conseiller.basrhin", socialWorker: "social.basrhin", jobSeekerCommune: "67482", entered: { monthsAgo: 5, daysAgo: 10 } });
  exitCase = await buildSupportCase(t.db, { advisor: "conseiller.basrhin", socialWorker: "social.strasbourg", jobSeekerCommune: "67482", entered: { monthsAgo: 5, daysAgo: 20 } });
  advisor = await t.loginAs("conseiller.basrhin");
});
afterAll(() => t.close());
/** A name as the French CSV writes it (quoted when it holds a separator or a quote). */
const csvCell = (v: string) => (/[;"\r\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

describe("a monthly portfolio review of a Bas-Rhin agency", () => {
  it("builds its agenda from the cases: awaiting entry, due for renewal", async () => {
    const options = (await advisor.get("/api/reviews/options")).json();
    const convention = options.conventions.find((c: { number: string }) => c.number === "BAS-RHIN-2021-AG");
    expect(convention.agencies.map((a: { name: string }) => a.name)).toEqual(["France Travail — Agence Strasbourg Meinau"]);
    const res = await advisor.post("/api/reviews", { conventionId: convention.id, agencyIds: [convention.agencies[0].id], heldOn: parisToday() });
    expect(res.statusCode).toBe(201);
    reviewId = res.json().id;
    const review = (await advisor.get(`/api/reviews/${reviewId}`)).json();
    const reasons = Object.fromEntries(review.items.map((i: { caseId: string; reasons: string[] }) => [i.caseId, i.reasons]));
    expect(reasons[entryCase]).toEqual(["awaiting_entry"]);
    expect(reasons[refusedCase]).toEqual(["awaiting_entry"]);
    expect(reasons[renewalCase]).toEqual(["renewal_due"]);
    expect(reasons[exitCase]).toEqual(["renewal_due"]);
    expect(review.secretariat).toBe("advisor");
    expect(review.status).toBe("open");
  });

  it("records decisions one by one, each applied to its case at once with the review as source", async () => {
    expect((await advisor.put(`/api/reviews/${reviewId}/decisions/${entryCase}`, { kind: "accept_entry" })).statusCode).toBe(200);
    expect((await statusOf(entryCase)).status).toBe("active");
    expect((await advisor.put(`/api/reviews/${reviewId}/decisions/${renewalCase}`, { kind: "renew" })).statusCode).toBe(200);
    expect((await statusOf(renewalCase)).renewals_used).toBe(1);
    const noType = await advisor.put(`/api/reviews/${reviewId}/decisions/${exitCase}`, { kind: "exit" });
    expect(noType.statusCode).toBe(409);
    // The refusal names the field it is about: the form shows it under the exit type.
    expect(noType.json().error).toEqual({
      code: "REVIEW_EXIT_TYPE_REQUIRED",
      message: "Une sortie doit préciser son type.",
      details: { issues: [{ path: "body.exitType", message: "Une sortie doit préciser son type." }] },
    });
    expect((await advisor.put(`/api/reviews/${reviewId}/decisions/${exitCase}`, { kind: "exit", exitType: "sustainable_job" })).statusCode).toBe(200);
    expect(await statusOf(exitCase)).toMatchObject({ status: "exited", exit_type: "sustainable_job" });
    expect((await advisor.put(`/api/reviews/${reviewId}/decisions/${refusedCase}`, { kind: "refuse_entry", note: "Pas de frein social avéré" })).statusCode).toBe(200);
    expect((await statusOf(refusedCase)).status).toBe("refused");
    const [event] = await t.db.query<{ source: { kind: string; reviewId: string } }>("SELECT source FROM support_case_events WHERE case_id = $1 AND kind = 'renewed'", [renewalCase]);
    expect(event.source).toMatchObject({ kind: "review", reviewId });
    // Saved as made: a second decision on the same case in the same version is refused.
    expect((await advisor.put(`/api/reviews/${reviewId}/decisions/${entryCase}`, { kind: "other", note: "doublon" })).statusCode).toBe(409);
  });

  it("a participant adds a case of the agency the agenda did not pick up; a case of another agency is refused", async () => {
    const quiet = await buildSupportCase(t.db, { advisor: "conseiller.basrhin", socialWorker: "social.strasbourg", jobSeekerCommune: "67482", entered: { monthsAgo: 1 } });
    expect((await advisor.post(`/api/reviews/${reviewId}/items`, { caseId: quiet })).statusCode).toBe(200);
    const review = (await advisor.get(`/api/reviews/${reviewId}`)).json();
    expect(review.items.find((i: { caseId: string }) => i.caseId === quiet).reasons).toEqual(["added_by_participant"]);
    const [creuseCase] = await t.db.query<{ id: string }>("SELECT sc.id FROM support_cases sc JOIN conventions c ON c.id = sc.convention_id WHERE c.number = 'CREUSE-2023-AG' LIMIT 1");
    const res = await advisor.post(`/api/reviews/${reviewId}/items`, { caseId: creuseCase.id });
    expect(res.statusCode).toBe(404);
    expect(res.json().error.code).toBe("REVIEW_CASE_NOT_ON_AGENDA");
  });

  it("a refused entry leaves the case out of the active portfolio", async () => {
    const active = await t.db.query("SELECT 1 FROM support_cases WHERE id = $1 AND status IN ('awaiting_entry','active','social_only')", [refusedCase]);
    expect(active).toHaveLength(0);
  });

  it("closing produces the minutes (PDF) and the follow-up table (XLSX, CSV), and e-mails each recipient only their rows", async () => {
    expect((await advisor.post(`/api/reviews/${reviewId}/close`)).statusCode).toBe(200);
    const review = (await advisor.get(`/api/reviews/${reviewId}`)).json();
    expect(review.documents.map((d: { kind: string }) => d.kind).sort()).toEqual(["minutes_pdf", "table_csv", "table_xlsx"]);
    const pdf = await advisor.get(`/api/reviews/${reviewId}/documents/1/minutes_pdf`);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");

    const xlsx = await advisor.get(`/api/reviews/${reviewId}/documents/1/table_xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = workbook.getWorksheet("Tableau de suivi")!;
    expect(sheet.getRow(2).values).toEqual(expect.arrayContaining(["Personne", "Conseiller", "Travailleur social", "Décision", "Type de sortie"]));
    expect(sheet.rowCount).toBe(2 + review.items.length);
    const header = sheet.getRow(2).values as unknown[];
    const col = (name: string) => header.indexOf(name);
    const rowOf = async (caseId: string) => {
      const name = await personOf(caseId);
      for (let r = 3; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === name) return sheet.getRow(r);
      throw new Error(`Pas de ligne pour ${name}`);
    };
    expect((await rowOf(entryCase)).getCell(col("Décision")).value).toBe("Entrée acceptée");
    expect((await rowOf(refusedCase)).getCell(col("Décision")).value).toBe("Entrée refusée");
    expect((await rowOf(refusedCase)).getCell(col("Note de la décision")).value).toBe("Pas de frein social avéré");
    expect((await rowOf(renewalCase)).getCell(col("Décision")).value).toBe("Renouvellement");
    const exitRow = await rowOf(exitCase);
    expect(exitRow.getCell(col("Décision")).value).toBe("Sortie");
    expect(exitRow.getCell(col("Type de sortie")).value).toBe("Emploi durable");
    expect(exitRow.getCell(col("Travailleur social")).value).toBe("Social Strasbourg");

    const csv = await advisor.get(`/api/reviews/${reviewId}/documents/1/table_csv`);
    expect(csv.body.startsWith("\uFEFFPersonne;Identifiant France Travail;Conseiller")).toBe(true);

    const mails = await t.db.query<{ to_address: string; subject: string; body_text: string }>("SELECT to_address, subject, body_text FROM emails WHERE subject LIKE 'Tableau de suivi%'");
    const to = mails.map((m) => m.to_address).sort();
    expect(to).toEqual(
      ["admin.strasbourg", "conseiller.basrhin", "pilotage.basrhin", "pilotage.ft-basrhin", "social.basrhin", "social.strasbourg"].map((l) => `${l}@demo.tandem.fr`),
    );
    const exitPerson = await personOf(exitCase);
    const bodyOf = (local: string) => mails.find((m) => m.to_address === `${local}@demo.tandem.fr`)!.body_text;
    // The e-mail names no one: it says how many of the recipient's people the table holds, the rows are in Tandem.
    const rowsSentTo = (local: string) => Number(bodyOf(local).match(/^(\d+) personnes? dont vous pouvez recevoir le suivi/m)?.[1] ?? 0);
    for (const m of mails) {
      expect(m.body_text).not.toContain(exitPerson);
      expect(m.body_text).not.toContain(await personOf(renewalCase));
    }
    // A pair member receives their own cases only; the steering staff receive every row.
    expect(rowsSentTo("social.basrhin") + rowsSentTo("social.strasbourg")).toBe(review.items.length);
    expect(rowsSentTo("pilotage.ft-basrhin")).toBe(review.items.length);
    // The review page is the link for those who take part in it; the others get its summary in counts.
    expect(bodyOf("social.strasbourg")).toContain(`/revues/${reviewId}`);
    expect(bodyOf("pilotage.ft-basrhin")).not.toContain("/revues/");
    expect(bodyOf("pilotage.ft-basrhin")).toContain(`/synthese-revue/${reviewId}`);
    expect(bodyOf("pilotage.ft-basrhin")).toContain(
      `${review.items.length}\u00a0accompagnements examinés\u00a0: 1\u00a0entrée acceptée, 1\u00a0entrée refusée, 1\u00a0renouvellement, 1\u00a0sortie ; ${review.items.length - 4}\u00a0sans décision.`,
    );
  });

  it("a closed review reopens to correct: both versions stay, the corrected table is sent again", async () => {
    expect((await advisor.put(`/api/reviews/${reviewId}/decisions/${renewalCase}`, { kind: "other", note: "trop tard" })).json().error.code).toBe("REVIEW_CLOSED");
    expect((await advisor.post(`/api/reviews/${reviewId}/reopen`)).statusCode).toBe(200);
    expect((await advisor.put(`/api/reviews/${reviewId}/decisions/${renewalCase}`, { kind: "other", note: "Renouvellement confirmé après vérification" })).statusCode).toBe(200);
    expect((await advisor.post(`/api/reviews/${reviewId}/close`)).statusCode).toBe(200);
    const review = (await advisor.get(`/api/reviews/${reviewId}`)).json();
    const exitPerson2 = await personOf(exitCase);
    expect(review.version).toBe(2);
    expect(review.items.find((i: { caseId: string }) => i.caseId === renewalCase).history.map((h: { kind: string }) => h.kind)).toEqual(["renew", "other"]);
    expect((await advisor.get(`/api/reviews/${reviewId}/documents/1/table_xlsx`)).statusCode).toBe(200);
    expect((await advisor.get(`/api/reviews/${reviewId}/documents/2/table_xlsx`)).statusCode).toBe(200);

    // Version 2 holds every decision of the review: the ones taken in version 1 stand, with their version.
    const csv = (await advisor.get(`/api/reviews/${reviewId}/documents/2/table_csv`)).body;
    const [header, ...lines] = csv.replace(/^\uFEFF/, "").trimEnd().split("\r\n");
    const columns = header.split(";");
    expect(columns.slice(-4)).toEqual(["Décision", "Type de sortie", "Note de la décision", "Version de la décision"]);
    const decisionOf = async (caseId: string) => {
      const name = csvCell(await personOf(caseId));
      const cells = lines.find((l) => l.startsWith(`${name};`))?.split(";");
      return cells && { decision: cells[columns.indexOf("Décision")], exitType: cells[columns.indexOf("Type de sortie")], version: cells[columns.indexOf("Version de la décision")] };
    };
    expect(lines).toHaveLength(review.items.length);
    expect(await decisionOf(entryCase)).toEqual({ decision: "Entrée acceptée", exitType: "", version: "1" });
    expect(await decisionOf(refusedCase)).toEqual({ decision: "Entrée refusée", exitType: "", version: "1" });
    expect(await decisionOf(exitCase)).toEqual({ decision: "Sortie", exitType: "Emploi durable", version: "1" });
    expect(await decisionOf(renewalCase)).toEqual({ decision: "Autre", exitType: "", version: "2" });

    // The minutes of version 2 are built from the same decisions: all four, each with its version.
    const [locked] = await t.db.query<ReviewRow>("SELECT * FROM portfolio_reviews WHERE id = $1", [reviewId]);
    const minutes = minutesDecisionsOf(await loadAgenda(t.db, locked));
    expect(minutes.map((d) => [d.person.startsWith(exitPerson2) ? "exit" : d.decision, d.version]).sort()).toEqual(
      [["Autre", 2], ["Entrée acceptée", 1], ["Entrée refusée", 1], ["exit", 1]].sort(),
    );
    expect(minutes.find((d) => d.version === 2)?.note).toBe("Renouvellement confirmé après vérification");
    const corrected = await t.db.query("SELECT 1 FROM emails WHERE subject LIKE '[Corrigé] Tableau de suivi%'");
    expect(corrected.length).toBe(6);
  });

  it("only professionals of the agencies and partners concerned take part", async () => {
    for (const outsider of ["social.creuse", "conseiller.metz", "pilotage.basrhin", "admin.plateforme"]) {
      const c = await t.loginAs(outsider);
      const res = await c.get(`/api/reviews/${reviewId}`);
      expect(res.statusCode, outsider).toBe(404);
      expect(res.json().error.code).toBe("REVIEW_NOT_FOUND");
      expect((await c.get(`/api/reviews/${reviewId}/documents/1/table_xlsx`)).statusCode, outsider).toBe(404);
    }
    const partner = await t.loginAs("social.strasbourg");
    expect((await partner.get(`/api/reviews/${reviewId}`)).statusCode).toBe(200);
  });
});
