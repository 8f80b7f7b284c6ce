import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMailer } from "../platform/mail.js";
import { type RequestContext, type SessionUser, systemContext } from "../platform/requestContext.js";
import { metzTrialConvention } from "../testing/metzTrialConvention.js";
import { createTestApp, type TestApp } from "../testing/testApp.js";
import { assignPair } from "./assignPair.js";
import { endSocialOnly } from "./endSocialOnly.js";
import { enterSupport } from "./enterSupport.js";
import { exitSupport } from "./exitSupport.js";
import { orientJobSeeker } from "./orientJobSeeker.js";
import { recordAppointment } from "./recordAppointment.js";
import { recordConsent } from "./recordConsent.js";
import { recordDiagnosis } from "./recordDiagnosis.js";
import { renewSupport } from "./renewSupport.js";
import { startSocialOnly } from "./startSocialOnly.js";
import { sendSupportEndAlerts } from "./supportEndAlerts.js";

/**
 * Issue 10, ADR 0024: the social-only cap as the convention writes it (per episode, or in total),
 * enforced at the cap with an alert to the pair before it; a support is not planned past the end of
 * its convention, the parties and the pairs are warned once before the end, and after it the cases
 * take no new act and are listed for a decision. Two Metz conventions written for this test, ending
 * on 30 June 2026, drive cases on fixed days (the use cases take the day), so every date is written out.
 */
let t: TestApp;
const system = systemContext("test");
const byConvention: Record<string, string> = {};

const userRow = async (local: string) =>
  (await t.db.query<{ id: string; email: string; first_name: string; last_name: string; organisation_id: string; roles: string[] }>("SELECT * FROM users WHERE email = $1", [`${local}@demo.tandem.fr`]))[0];
const deps = () => ({ db: t.db, mailer: createMailer(t.db, { from: "tandem@exemple.fr" }), publicUrl: "http://localhost" });
const episode = '    - { organisation: ft-metz-sebastopol';

beforeAll(async () => {
  t = await createTestApp();
  const city = await t.loginAs("pilotage.metz");
  const ft = await t.loginAs("pilotage.ft-metz");
  for (const [number, cap] of [
    ["METZ-FIN-EPISODE", null],
    ["METZ-FIN-TOTAL", "in_total"],
  ] as const) {
    let file = metzTrialConvention({ number, ftSignedOn: "2025-01-02", citySignedOn: "2025-01-03", endsOn: "2026-06-30" });
    if (cap) file = file.replace("maxSocialOnlyMonths: 6", `maxSocialOnlyMonths: 6\n      socialOnlyCap: ${cap}`);
    expect(file).toContain(episode);
    const imported = await city.post("/api/conventions/import", { content: file });
    expect(imported.statusCode, imported.body).toBe(201);
    const id = imported.json().id as string;
    byConvention[number] = id;
    const signedFt = await ft.post(`/api/conventions/${id}/signatures`, { organisation: "ft-metz-sebastopol", name: "Directrice", title: "Directrice d’agence", signedOn: "2025-01-02" });
    expect(signedFt.statusCode, signedFt.body).toBe(200);
    const signedCity = await city.post(`/api/conventions/${id}/signatures`, { organisation: "ville-metz", name: "Maire", title: "Maire", signedOn: "2025-01-03" });
    expect(signedCity.statusCode, signedCity.body).toBe(200);
  }
});
afterAll(() => t.close());

/** A Metz person oriented on 6 January 2025 under the convention, prepared, entered directly on `enteredOn` (default 15 January 2025). */
async function openCase(number: string, opts: { orientedOn?: string; enteredOn?: string | null } = {}) {
  const orientedOn = opts.orientedOn ?? "2025-01-06";
  const advisor = await userRow("conseiller.metz");
  const worker = await userRow("social.metz");
  const [person] = await t.db.query<{ id: string }>(
    `SELECT js.id FROM job_seekers js WHERE js.commune_insee = '57463' AND js.registered_at <= $1::date
        AND NOT EXISTS (SELECT 1 FROM support_cases sc WHERE sc.job_seeker_id = js.id) ORDER BY js.ft_identifier LIMIT 1`,
    [orientedOn],
  );
  expect(person).toBeDefined();
  const ctx = {
    user: { id: advisor.id, email: advisor.email, firstName: advisor.first_name, lastName: advisor.last_name, organisationId: advisor.organisation_id, roles: advisor.roles as SessionUser["roles"] },
    requestId: "test",
    ip: "127.0.0.1",
  } satisfies RequestContext;
  const id = await orientJobSeeker(deps(), ctx, { jobSeekerId: person.id, origin: "france_travail", orientedOn, barriers: [{ code: "housing" }, { code: "mobility" }], conventionId: byConvention[number] }, orientedOn);
  await recordConsent(deps(), system, id, { givenOn: orientedOn, method: "in_person" }, orientedOn);
  await assignPair(deps(), system, id, { advisorId: advisor.id, socialWorkerId: worker.id }, orientedOn);
  await recordDiagnosis(deps(), system, id, { kind: "shared", on: orientedOn, disagreement: false }, orientedOn);
  const enteredOn = opts.enteredOn === undefined ? "2025-01-15" : opts.enteredOn;
  if (enteredOn) await enterSupport(deps(), system, id, { on: enteredOn, source: { kind: "pair" } }, enteredOn);
  return id;
}
const pairDecision = { personConsents: true, jointDecision: true, source: { kind: "pair" as const } };
const startOn = (id: string, on: string, today = on) => startSocialOnly(deps(), system, id, { on, ...pairDecision }, today);
const resumeOn = (id: string, on: string, today = on) => endSocialOnly(deps(), system, id, { on, source: { kind: "pair" } }, today);
const caseRow = async (id: string) =>
  (
    await t.db.query<{ status: string; period_ends_on: string; social_only_ends_by: string | null }>(
      "SELECT status, to_char(period_ends_on, 'YYYY-MM-DD') AS period_ends_on, to_char(social_only_ends_by, 'YYYY-MM-DD') AS social_only_ends_by FROM support_cases WHERE id = $1",
      [id],
    )
  )[0];
const notificationsOf = (kind: string) =>
  t.db.query<{ email: string; title: string; body: string }>(
    "SELECT u.email, n.title, n.body FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = $1 ORDER BY u.email, n.created_at",
    [kind],
  );

describe("social-only support capped per episode (the default)", () => {
  let id: string;
  it("each episode runs 6 months from its own first day; the pair is alerted once, one review cadence before the cap", async () => {
    id = await openCase("METZ-FIN-EPISODE");
    await startOn(id, "2025-02-15");
    expect(await caseRow(id)).toMatchObject({ status: "social_only", social_only_ends_by: "2025-08-14" });

    expect(await sendSupportEndAlerts(deps(), "2025-07-13")).toBe(0);
    expect(await sendSupportEndAlerts(deps(), "2025-07-14")).toBe(2);
    expect(await sendSupportEndAlerts(deps(), "2025-07-15")).toBe(0);
    const alerts = await notificationsOf("social_only_cap");
    expect(alerts.map((n) => [n.email, n.title])).toEqual([
      ["conseiller.metz@demo.tandem.fr", "Fin de l’accompagnement social exclusif le 14/08/2025"],
      ["social.metz@demo.tandem.fr", "Fin de l’accompagnement social exclusif le 14/08/2025"],
    ]);
    expect(alerts[0].body).toContain("la personne reprend son parcours vers l’emploi ou sort de l’accompagnement");
    const [person] = await t.db.query<{ last_name: string }>("SELECT js.last_name FROM job_seekers js JOIN support_cases sc ON sc.job_seeker_id = js.id WHERE sc.id = $1", [id]);
    const mails = await t.db.query<{ body_text: string }>("SELECT body_text FROM emails WHERE subject = 'Tandem — Fin de l’accompagnement social exclusif le 14/08/2025'");
    expect(mails).toHaveLength(2);
    for (const m of mails) expect(m.body_text).not.toContain(person.last_name);
  });

  it("past the cap, keeping the case in social-only support is refused: it resumes (dated the day after the cap at the latest) or exits", async () => {
    const held = recordAppointment(deps(), system, id, { kind: "social", scheduledOn: "2025-08-20", status: "attended" }, "2025-08-20");
    await expect(held).rejects.toMatchObject({ status: 409, code: "SOCIAL_ONLY_CAP_PASSED" });
    await expect(held).rejects.toThrow(/a atteint sa durée maximale le 14\/08\/2025 \(convention n° METZ-FIN-EPISODE\)/);
    await expect(resumeOn(id, "2025-08-16", "2025-08-20")).rejects.toMatchObject({ code: "SOCIAL_ONLY_CAP_PASSED" });
    await resumeOn(id, "2025-08-15", "2025-08-20");
    expect(await caseRow(id)).toMatchObject({ status: "active" });
    // A new episode gets its own 6 months: 1 September 2025 → 28 February 2026.
    await startOn(id, "2025-09-01");
    expect(await caseRow(id)).toMatchObject({ status: "social_only", social_only_ends_by: "2026-02-28" });
  });
});

describe("social-only support capped in total", () => {
  it("the episodes share the 181 days from the first one's first day; at the cap a new episode is refused with the rule cited", async () => {
    const id = await openCase("METZ-FIN-TOTAL");
    await startOn(id, "2025-02-15");
    expect(await caseRow(id)).toMatchObject({ social_only_ends_by: "2025-08-14" });
    await resumeOn(id, "2025-04-25"); // 69 days used
    await startOn(id, "2025-06-01");
    expect(await caseRow(id)).toMatchObject({ social_only_ends_by: "2025-09-20" }); // the 112 days left
    await resumeOn(id, "2025-09-21");
    const refused = startOn(id, "2025-10-01");
    await expect(refused).rejects.toMatchObject({ status: 409, code: "SOCIAL_ONLY_CAP_REACHED" });
    await expect(refused).rejects.toThrow(
      "Nouvel accompagnement social exclusif refusé : la convention le limite à 6 mois au total sur l’accompagnement (181 jours à compter du 15/02/2025, début du premier épisode), et les 181 jours ont été utilisés (convention n° METZ-FIN-TOTAL).",
    );
    expect(await caseRow(id)).toMatchObject({ status: "active" });
  });
});

describe("cases and the convention's end (30 June 2026)", () => {
  let renewed: string;
  it("an entry or a renewal past the end is refused with the rule cited", async () => {
    const late = await openCase("METZ-FIN-EPISODE", { orientedOn: "2025-06-25", enteredOn: null });
    const entry = enterSupport(deps(), system, late, { on: "2025-07-02", source: { kind: "pair" } }, "2025-07-02");
    await expect(entry).rejects.toMatchObject({ status: 409, code: "SUPPORT_PAST_CONVENTION_END" });
    await expect(entry).rejects.toThrow(/la période irait jusqu’au 01\/07\/2026, au-delà de la fin de la convention n° METZ-FIN-EPISODE le 30\/06\/2026/);
    await enterSupport(deps(), system, late, { on: "2025-07-01", source: { kind: "pair" } }, "2025-07-01");
    expect(await caseRow(late)).toMatchObject({ status: "active", period_ends_on: "2026-06-30" });

    renewed = await openCase("METZ-FIN-TOTAL");
    const renewal = renewSupport(deps(), system, renewed, { on: "2026-01-05", source: { kind: "pair" } }, "2026-01-05");
    await expect(renewal).rejects.toMatchObject({ status: 409, code: "SUPPORT_PAST_CONVENTION_END" });
    await expect(renewal).rejects.toThrow(/la période irait jusqu’au 14\/07\/2026.*Un renouvellement de 5 mois au plus y tient\./);
    await renewSupport(deps(), system, renewed, { on: "2026-01-05", months: 5, source: { kind: "pair" } }, "2026-01-05");
    expect(await caseRow(renewed)).toMatchObject({ period_ends_on: "2026-06-14" });
  });

  it("the parties' steering users and the pairs are warned once, 3 months before the end", async () => {
    await sendSupportEndAlerts(deps(), "2026-03-31");
    expect(await notificationsOf("convention_end")).toEqual([]);
    await sendSupportEndAlerts(deps(), "2026-04-01");
    await sendSupportEndAlerts(deps(), "2026-04-02");
    const warned = await notificationsOf("convention_end");
    expect(warned.map((n) => [n.email, n.title])).toEqual([
      ["conseiller.metz@demo.tandem.fr", "Fin de la convention n° METZ-FIN-EPISODE le 30/06/2026"],
      ["conseiller.metz@demo.tandem.fr", "Fin de la convention n° METZ-FIN-TOTAL le 30/06/2026"],
      ["pilotage.ft-metz@demo.tandem.fr", "Fin de la convention n° METZ-FIN-EPISODE le 30/06/2026"],
      ["pilotage.ft-metz@demo.tandem.fr", "Fin de la convention n° METZ-FIN-TOTAL le 30/06/2026"],
      ["pilotage.metz@demo.tandem.fr", "Fin de la convention n° METZ-FIN-EPISODE le 30/06/2026"],
      ["pilotage.metz@demo.tandem.fr", "Fin de la convention n° METZ-FIN-TOTAL le 30/06/2026"],
      ["social.metz@demo.tandem.fr", "Fin de la convention n° METZ-FIN-EPISODE le 30/06/2026"],
      ["social.metz@demo.tandem.fr", "Fin de la convention n° METZ-FIN-TOTAL le 30/06/2026"],
    ]);
    const steering = warned.find((n) => n.email === "pilotage.metz@demo.tandem.fr")!;
    expect(steering.body).toContain("La convention n° METZ-FIN-EPISODE prend fin le 30/06/2026 (alerte 3 mois avant). 2 accompagnements globaux en cours : renouvelez la convention par avenant ou préparez les sorties.");
  });

  it("after the end, every act is refused with CONVENTION_ENDED but the exit dated at the latest on the last day", async () => {
    const act = recordAppointment(deps(), system, renewed, { kind: "professional", scheduledOn: "2026-07-01", status: "attended" }, "2026-07-01");
    await expect(act).rejects.toMatchObject({ status: 409, code: "CONVENTION_ENDED" });
    await expect(act).rejects.toThrow(
      "La convention n° METZ-FIN-TOTAL a pris fin le 30/06/2026 : les accompagnements qu’elle porte ne prennent plus de nouvel acte. Enregistrez la sortie (datée au plus tard du 30/06/2026) ou renouvelez la convention par avenant.",
    );
    await expect(startOn(renewed, "2026-07-01")).rejects.toMatchObject({ code: "CONVENTION_ENDED" });
    const late = exitSupport(deps(), system, renewed, { on: "2026-07-01", type: "drop_out", source: { kind: "pair" } }, "2026-07-01");
    await expect(late).rejects.toMatchObject({ code: "CONVENTION_ENDED" });
    await expect(late).rejects.toThrow("La sortie se date au plus tard du 30/06/2026, dernier jour de la convention n° METZ-FIN-TOTAL, qui porte cet accompagnement.");
    await exitSupport(deps(), system, renewed, { on: "2026-06-30", type: "drop_out", source: { kind: "pair" } }, "2026-07-01");
    expect(await caseRow(renewed)).toMatchObject({ status: "exited" });
  });

  it("the cases left open are listed for a decision, to whom may read them", async () => {
    const advisor = await t.loginAs("conseiller.metz");
    const res = await advisor.get("/api/support/ended-conventions");
    expect(res.statusCode, res.body).toBe(200);
    const list = res.json().conventions as { number: string; endsOn: string; terminated: boolean; openCases: number; cases: { status: string }[] }[];
    expect(list.map((c) => [c.number, c.endsOn, c.terminated, c.openCases, c.cases.map((k) => k.status)])).toEqual([
      ["METZ-FIN-EPISODE", "2026-06-30", false, 2, ["active", "social_only"].sort()],
      ["METZ-FIN-TOTAL", "2026-06-30", false, 1, ["active"]],
    ]);
    const [audited] = await t.db.query<{ n: string }>("SELECT count(*) AS n FROM audit_events WHERE action = 'support.ended_convention_cases_read'");
    expect(Number(audited.n)).toBeGreaterThanOrEqual(1);
    // Another territory's professional sees none of them.
    expect((await (await t.loginAs("conseiller.creuse")).get("/api/support/ended-conventions")).json()).toEqual({ conventions: [] });
  });
});
