import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { deadlineAfter } from "../../domain/convention/delays.js";
import { reviewSlots } from "../../domain/review/schedule.js";
import { DEMO_EMAIL_DOMAIN } from "../demo/demoOrganisations.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";
import { dataClausesOf } from "./conventionTerms.js";

/**
 * Issue 10, « Done when »: a convention Tandem has never seen, between parties that are not in
 * the demo — the Cantal département and the France Travail agency of Aurillac, created first
 * through the API by the platform admin, their accounts invited and activated through the API.
 * Its delays are in days, hours and months; its notice runs before an anniversary at the end of
 * February (effective 28 February 2025, échéances on 27 February, one of them in a leap year);
 * its reviews are bimonthly; a support is renewed twice; social-only support is capped in total.
 * Every date it gives is written out here by hand, and every refusal with its status and code.
 *
 * The acts are dated on fixed days: the server's clock (only `Date`, the database keeps its own)
 * is set to each day, so the dates do not depend on the day the suite runs.
 */
let t: TestApp;
let admin: TestClient;
let cantalSteering: TestClient;
let aurillacSteering: TestClient;
let advisor: TestClient;
let socialWorker: TestClient;
let cantalCode: string;
let conventionId: string;
const ids: Record<string, string> = {};

/** The server's day: 09:00 UTC, the morning in Paris. */
const on = (day: string) => vi.setSystemTime(new Date(`${day}T09:00:00Z`));

/** The platform admin (or an org admin) invites an account; the invited person sets a password from the e-mailed link and signs in. */
async function invite(by: TestClient, organisationId: string, email: string, roles: string[]): Promise<TestClient> {
  const res = await by.post(`/api/organisations/${organisationId}/users`, { email, firstName: "Prénom", lastName: email.split("@")[0], roles });
  expect(res.statusCode, res.body).toBe(201);
  const [mail] = await t.db.query<{ body_text: string }>("SELECT body_text FROM emails WHERE to_address = $1 ORDER BY created_at DESC LIMIT 1", [email]);
  const token = /invitation\/([\w-]+)/.exec(mail.body_text)![1];
  const c = t.client();
  await c.get("/api/session");
  expect((await c.post("/api/invitations/accept", { token, password: "un mot de passe du Cantal" })).statusCode).toBe(200);
  const login = await c.post("/api/auth/login", { email, password: "un mot de passe du Cantal" });
  expect(login.statusCode, login.body).toBe(200);
  c.user = login.json().user;
  return c;
}

const file = (o: { number: string; computedFrom?: string; rightsAnswer?: string }) => `
convention:
  number: ${o.number}
  kind: partnership
  title: Accompagnement global des demandeurs d’emploi du Cantal
  object: Suivre ensemble, conseiller et travailleur social, les personnes freinées par des difficultés sociales et professionnelles.
  parties:
    - { organisation: ft-aurillac, side: france_travail, signatories: [{ name: Directrice de l’agence, title: Directrice, signedOn: 2025-02-20 }] }
    - { organisation: ${cantalCode}, side: partner, signatories: [{ name: Président du conseil départemental, title: Président, signedOn: 2025-02-24 }] }
  period: { effective: { date: 2025-02-28 }, endsOn: 2028-02-27, source: "Cantal art. 2 — du 28 février 2025 pour trois ans" }
  termination:
    notice: { delay: { value: 3, unit: months }, before: yearly_anniversary, source: "Cantal art. 9 — préavis de trois mois avant la date anniversaire" }
  commitments:
    - { key: portefeuille, owner: ft-aurillac, description: Portefeuille actif par conseiller, measure: personnes, target: 50, period: convention, computedFrom: ${o.computedFrom ?? "global_support_active_cases_per_advisor"}, source: "Cantal art. 4" }
  programmes:
    globalSupport:
      initialMonths: 6
      renewalsAllowed: 2
      monthsPerRenewal: 3
      maxTotalMonths: 12
      orientationToStart: { value: 21, unit: days }
      entryToFirstAppointments: { value: 10, unit: days }
      maxSocialOnlyMonths: 4
      socialOnlyCap: in_total
      targetActiveCasesPerAdvisor: 50
      reviewCadenceMonths: 2
      directEntryAllowed: true
      sources:
        initialMonths: "Cantal art. 5 — six mois, renouvelables deux fois trois mois"
        maxSocialOnlyMonths: "Cantal art. 6 — quatre mois au plus sur tout l’accompagnement"
        reviewCadenceMonths: "Cantal art. 7 — revue bimestrielle"
        entryToFirstAppointments: "Cantal art. 5 — premiers rendez-vous dans les dix jours"
  dataClauses:
    receivedListRetention: { value: 2, unit: months, source: "Cantal annexe art. 3 — listes conservées deux mois" }
    destructionAfterEnd: { value: 6, unit: months, source: "Cantal annexe art. 4 — destruction six mois après la fin" }
    breachNotice: { value: 36, unit: hours, source: "Cantal annexe art. 5 — violation notifiée sous 36 heures" }
    rightsAnswer: ${o.rightsAnswer ?? "{ value: 1, unit: months }"}
    processingLocation: France
    source: "Cantal annexe"
`;

beforeAll(async () => {
  t = await createTestApp();
  admin = await t.loginAs("admin.plateforme");
});
const caseOf = async (id: string) => (await advisor.get(`/api/support/cases/${id}`)).json();

afterEach(() => {
  vi.useRealTimers();
});
afterAll(() => t.close());

describe("the parties, created through the API", () => {
  it("the platform admin creates the département and the agency from the referential, then invites their accounts", async () => {
    const cantal = await admin.post("/api/organisations", {
      name: "Département du Cantal",
      kind: "departement",
      departementCode: "15",
      territory: { kind: "departement", code: "15" },
      dpoEmail: "dpo@cantal.fr",
      securityEmail: "rssi@cantal.fr",
    });
    expect(cantal.statusCode, cantal.body).toBe(201);
    cantalCode = cantal.json().code;
    expect(cantalCode).toBe("departement-du-cantal");
    expect(cantal.json().territory).toMatchObject({ kind: "departement", code: "15", label: "Cantal (15)" });
    const agency = await admin.post("/api/organisations", {
      name: "France Travail — Agence d’Aurillac",
      code: "ft-aurillac",
      kind: "ft_agency",
      ftAgencyCode: "AUR15",
      territory: { kind: "communes", communes: ["15014", "15012"] },
    });
    expect(agency.statusCode, agency.body).toBe(201);
    expect(agency.json().territory.communes).toEqual([
      { code: "15012", name: "Arpajon-sur-Cère" },
      { code: "15014", name: "Aurillac" },
    ]);
    ids.cantal = cantal.json().id;
    ids.aurillac = agency.json().id;

    const cantalAdmin = await invite(admin, ids.cantal, "admin@cantal.fr", ["org_admin", "steering"]);
    const aurillacAdmin = await invite(admin, ids.aurillac, "admin@aurillac.francetravail.fr", ["org_admin", "steering"]);
    cantalSteering = cantalAdmin;
    aurillacSteering = aurillacAdmin;
    // From then on each organisation manages its own accounts.
    socialWorker = await invite(cantalAdmin, ids.cantal, "ts@cantal.fr", ["social_worker"]);
    advisor = await invite(aurillacAdmin, ids.aurillac, "conseillere@aurillac.francetravail.fr", ["advisor"]);
    const accounts = await t.db.query<{ email: string }>("SELECT email FROM users WHERE organisation_id = ANY($1::uuid[]) ORDER BY email", [[ids.cantal, ids.aurillac]]);
    expect(accounts.map((a) => a.email)).toEqual(["admin@aurillac.francetravail.fr", "admin@cantal.fr", "conseillere@aurillac.francetravail.fr", "ts@cantal.fr"]);
    expect(accounts.some((a) => a.email.endsWith(`@${DEMO_EMAIL_DOMAIN}`))).toBe(false);
  });
});

describe("a convention written for this test", () => {
  it("refuses a file with an unknown computedFrom or a delay without unit: 400, by path, nothing imported", async () => {
    on("2025-02-24");
    const unknown = await cantalSteering.post("/api/conventions/import", { content: file({ number: "CANTAL-ESSAI", computedFrom: "au_doigt_mouille" }) });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe("CONVENTION_FILE_INVALID");
    expect(unknown.json().error.details.issues).toEqual([
      {
        path: "convention.commitments.0.computedFrom",
        message:
          "Mesure calculée inconnue : « au_doigt_mouille ». Mesures connues de Tandem : global_support_dedicated_advisors, global_support_active_cases_per_advisor (ou null pour une valeur saisie).",
      },
    ]);
    const noUnit = await cantalSteering.post("/api/conventions/import", { content: file({ number: "CANTAL-ESSAI", rightsAnswer: "{ value: 1 }" }) });
    expect(noUnit.statusCode).toBe(400);
    expect(noUnit.json().error.code).toBe("CONVENTION_FILE_INVALID");
    expect(noUnit.json().error.details.issues).toEqual([
      { path: "convention.dataClauses.rightsAnswer.unit", message: "Indiquez l’unité du délai : days (jours), weeks (semaines), months (mois), years (ans)." },
    ]);
    expect(await t.db.query("SELECT 1 FROM conventions WHERE number = 'CANTAL-ESSAI'")).toHaveLength(0);
  });

  it("is imported and signed by both parties; its calendar, data clauses and review schedule follow the text", async () => {
    on("2025-02-24");
    const imported = await cantalSteering.post("/api/conventions/import", { content: file({ number: "CANTAL-2025-AG" }) });
    expect(imported.statusCode, imported.body).toBe(201);
    conventionId = imported.json().id;
    const sign = (c: TestClient, organisation: string, signedOn: string) =>
      c.post(`/api/conventions/${conventionId}/signatures`, { organisation, name: "Signataire", title: "Qualité", signedOn });
    on("2025-02-20");
    const ft = await sign(aurillacSteering, "ft-aurillac", "2025-02-20");
    expect(ft.statusCode, ft.body).toBe(200);
    on("2025-02-24");
    const dep = await sign(cantalSteering, cantalCode, "2025-02-24");
    expect(dep.statusCode, dep.body).toBe(200);

    const detail = (await cantalSteering.get(`/api/conventions/${conventionId}`)).json();
    expect(detail).toMatchObject({ status: "signed", effectiveOn: "2025-02-28", endsOn: "2028-02-27" });
    // Effective 28 February 2025: each anniversary is 28 February, each yearly échéance the eve, 27 February —
    // in 2028 too, though that year has a 29 February. The notice of 3 months must be received by the 27th
    // of November: from then, 3 months run to the échéance (de quantième à quantième).
    expect(detail.calendar.map((o: { key: string; dueOn: string; label: string }) => [o.key, o.dueOn, o.label])).toEqual([
      ["notice:2026-02-27", "2025-11-27", "Dernier jour pour notifier une résiliation (préavis de 3 mois avant l’échéance du 27/02/2026)"],
      ["notice:2027-02-27", "2026-11-27", "Dernier jour pour notifier une résiliation (préavis de 3 mois avant l’échéance du 27/02/2027)"],
      ["notice:2028-02-27", "2027-11-27", "Dernier jour pour notifier une résiliation (préavis de 3 mois avant l’échéance du 27/02/2028)"],
      ["end", "2028-02-27", "Fin de la convention"],
      // 6 months after the end: the period from 28 February 2028 ends on 27 August 2028.
      ["data_purge", "2028-08-27", "Destruction des données personnelles de la convention (au plus tard 6 mois après la fin)"],
    ]);

    // The data clauses, as the data-protection capability reads them through conventionTerms, in their own units.
    const data = await dataClausesOf(t.db, conventionId, "2025-03-01");
    expect(data).toMatchObject({ number: "CANTAL-2025-AG", endsOn: "2028-02-27", processingLocation: "France", source: "Cantal annexe" });
    expect(data?.obligations.map((o) => [o.key, o.delay, o.runsFrom, o.dueOn])).toEqual([
      ["received_list_retention", { value: 2, unit: "months" }, "list_received", null],
      ["destruction_after_end", { value: 6, unit: "months" }, "convention_end", "2028-08-27"],
      ["breach_notice", { value: 36, unit: "hours" }, "breach_discovered", null],
      ["rights_answer", { value: 1, unit: "months" }, "request_received", null],
    ]);
    const delayOf = (key: string) => data!.obligations.find((o) => o.key === key)!.delay;
    // A list received on 31 December 2025 is deleted by 28 February 2026 (no 31 February: the month's last day).
    expect(deadlineAfter(new Date("2025-12-31T10:00:00Z"), delayOf("received_list_retention"))).toEqual({ dueOn: "2026-02-28" });
    // 36 hours are elapsed hours: a breach found at 20:00 (Paris) on Saturday 25 October 2025 is notified by
    // 07:00 on Monday 27 — the clocks went back in between.
    expect(deadlineAfter(new Date("2025-10-25T18:00:00Z"), delayOf("breach_notice"))).toEqual({ dueAt: "2025-10-27T06:00:00.000Z" });
    // A request received on 29 January 2028 is answered by 29 February 2028 (a leap year); on 31 January 2027, by 28 February 2027.
    expect(deadlineAfter(new Date("2028-01-29T10:00:00Z"), delayOf("rights_answer"))).toEqual({ dueOn: "2028-02-29" });
    expect(deadlineAfter(new Date("2027-01-31T10:00:00Z"), delayOf("rights_answer"))).toEqual({ dueOn: "2027-02-28" });

    // Bimonthly reviews, each period counted from the effective date: 28 February → 27 April, → 27 June…
    expect(reviewSlots({ effectiveOn: detail.effectiveOn, endsOn: detail.endsOn, cadenceMonths: 2 }).map((s) => s.dueOn)).toEqual([
      "2025-04-27", "2025-06-27", "2025-08-27", "2025-10-27", "2025-12-27", "2026-02-27",
      "2026-04-27", "2026-06-27", "2026-08-27", "2026-10-27", "2026-12-27", "2027-02-27",
      "2027-04-27", "2027-06-27", "2027-08-27", "2027-10-27", "2027-12-27", "2028-02-27",
    ]);
    const nextReview = async (day: string) => {
      on(day);
      const res = await advisor.get("/api/reviews/schedule");
      expect(res.statusCode).toBe(200);
      return res.json().items.find((i: { conventionId: string }) => i.conventionId === conventionId);
    };
    expect(await nextReview("2025-09-10")).toMatchObject({
      agencyName: "France Travail — Agence d’Aurillac",
      cadenceMonths: 2,
      cadence: "bimestrielle",
      next: { startsOn: "2025-08-28", dueOn: "2025-10-27", state: "due" },
    });
    expect((await nextReview("2026-02-27")).next).toMatchObject({ startsOn: "2025-12-28", dueOn: "2026-02-27" });
    expect((await nextReview("2026-02-28")).next).toMatchObject({ startsOn: "2026-02-28", dueOn: "2026-04-27" });
  });
});

describe("a support under it: deadlines in days, two renewals, social-only support capped in total", () => {
  let caseId: string;
  const cmd = (path: string, body: unknown) => advisor.post(`/api/support/cases/${caseId}/${path}`, body);
  const deadlines = (view: { deadlines: { kind: string; dueOn: string }[] }) => view.deadlines.map((d) => [d.kind, d.dueOn]);
  const row = async () =>
    (
      await t.db.query<{ status: string; renewals_used: number; period_ends_on: string; max_ends_on: string; social_only_ends_by: string | null }>(
        `SELECT status, renewals_used, to_char(period_ends_on, 'YYYY-MM-DD') AS period_ends_on, to_char(max_ends_on, 'YYYY-MM-DD') AS max_ends_on,
                to_char(social_only_ends_by, 'YYYY-MM-DD') AS social_only_ends_by FROM support_cases WHERE id = $1`,
        [caseId],
      )
    )[0];

  it("a person of Aurillac is oriented on 12 August 2025 (start within 21 days: 2 September) and enters on 31 August", async () => {
    on("2025-08-12");
    const person = await advisor.post("/api/job-seekers", {
      ftIdentifier: "1500001A",
      firstName: "Aurélie",
      lastName: "Essai",
      birthDate: "1988-04-12",
      communeInsee: "15014",
      benefits: ["RSA"],
      registeredAt: "2025-06-02",
    });
    expect(person.statusCode, person.body).toBe(201);
    const oriented = await advisor.post("/api/support/cases", {
      jobSeekerId: person.json().id,
      conventionId,
      origin: "france_travail",
      orientedOn: "2025-08-12",
      barriers: [{ code: "housing" }, { code: "mobility" }],
    });
    expect(oriented.statusCode, oriented.body).toBe(201);
    caseId = oriented.json().id;
    expect(deadlines(oriented.json())).toEqual([["start", "2025-09-02"]]);
    expect((await cmd("consent", { givenOn: "2025-08-12", method: "in_person" })).statusCode).toBe(200);
    const pair = await cmd("pair", { advisorId: advisor.user!.id, socialWorkerId: socialWorker.user!.id });
    expect(pair.statusCode, pair.body).toBe(200);
    on("2025-08-20");
    expect((await cmd("diagnosis", { kind: "shared", on: "2025-08-20" })).statusCode).toBe(200);

    on("2025-08-31");
    const entered = await cmd("entry", { on: "2025-08-31", source: { kind: "pair" } });
    expect(entered.statusCode, entered.body).toBe(200);
    // 6 months from 31 August: no 31 February, so the period ends on the last day of February (not the 27th);
    // 12 months at most: the eve of 31 August 2026. First appointments within 10 days: 10 September.
    expect(entered.json()).toMatchObject({ status: "active", enteredOn: "2025-08-31", periodEndsOn: "2026-02-28", maxEndsOn: "2026-08-30" });
    expect(deadlines(entered.json())).toEqual([
      ["first_appointments", "2025-09-10"],
      ["renewal_decision", "2026-02-28"],
      ["hard_stop", "2026-08-30"],
    ]);
  });

  it("social-only support: 4 months in total from the first episode's first day, shared by the episodes", async () => {
    on("2025-10-01");
    const first = await cmd("social-only", { on: "2025-10-01", personConsents: true, jointDecision: true });
    expect(first.statusCode, first.body).toBe(200);
    // 4 months from 1 October 2025: to 31 January 2026, 123 days.
    expect(first.json()).toMatchObject({ status: "social_only", socialOnlyEndsBy: "2026-01-31" });
    expect(deadlines(first.json())).toContainEqual(["social_only_end", "2026-01-31"]);
    on("2025-11-30");
    expect((await cmd("social-only/end", { on: "2025-11-30" })).json().status).toBe("active");
    expect(await row()).toMatchObject({ status: "active", social_only_ends_by: "2025-11-30" });
  });

  it("is renewed twice, each renewal counted from the entry: 30 May, then 30 August 2026, the 12-month hard stop", async () => {
    on("2026-02-20");
    const once = await cmd("renewal", { on: "2026-02-20" });
    expect(once.statusCode, once.body).toBe(200);
    // 9 months from 31 August 2025: the eve of 31 May 2026.
    expect(once.json()).toMatchObject({ renewalsUsed: 1, periodEndsOn: "2026-05-30", maxEndsOn: "2026-08-30" });

    // A second episode of social-only support gets what the first left: 123 − 60 days = 63 days, 31 March → 1 June.
    on("2026-03-31");
    const second = await cmd("social-only", { on: "2026-03-31", personConsents: true, jointDecision: true });
    expect(second.statusCode, second.body).toBe(200);
    expect(second.json().socialOnlyEndsBy).toBe("2026-06-01");

    on("2026-05-25");
    const twice = await cmd("renewal", { on: "2026-05-25" });
    expect(twice.statusCode, twice.body).toBe(200);
    expect(twice.json()).toMatchObject({ renewalsUsed: 2, periodEndsOn: "2026-08-30", maxEndsOn: "2026-08-30" });
    expect(deadlines(twice.json())).toEqual([
      ["first_appointments", "2025-09-10"],
      ["social_only_end", "2026-06-01"],
      ["exit_decision", "2026-08-30"],
    ]);
  });

  it("refuses an act past the social-only cap, a third episode once the total is used, and a third renewal — 409, nothing written", async () => {
    on("2026-06-02");
    const late = await cmd("appointments", { kind: "social", scheduledOn: "2026-06-02", status: "attended" });
    expect(late.statusCode).toBe(409);
    expect(late.json().error).toMatchObject({
      code: "SOCIAL_ONLY_CAP_PASSED",
      message:
        "Rendez-vous impossible à enregistrer : l’accompagnement social exclusif a atteint sa durée maximale le 01/06/2026 (convention n° CANTAL-2025-AG, Cantal art. 6 — quatre mois au plus sur tout l’accompagnement). La personne reprend son parcours vers l’emploi (au plus tard le 02/06/2026) ou sort de l’accompagnement.",
    });
    expect(await t.db.query("SELECT 1 FROM support_appointments WHERE case_id = $1", [caseId])).toHaveLength(0);
    expect((await cmd("social-only/end", { on: "2026-06-02" })).json().status).toBe("active");

    on("2026-06-10");
    const third = await cmd("social-only", { on: "2026-06-10", personConsents: true, jointDecision: true });
    expect(third.statusCode).toBe(409);
    expect(third.json().error).toMatchObject({ code: "SOCIAL_ONLY_CAP_REACHED", details: { maxSocialOnlyMonths: 4, cap: "in_total", capDays: 123, usedDays: 123 } });
    const renewal = await cmd("renewal", { on: "2026-06-10" });
    expect(renewal.statusCode).toBe(409);
    expect(renewal.json().error).toMatchObject({
      code: "RENEWAL_LIMIT_REACHED",
      message: "Renouvellement refusé : la convention n’autorise que 2 renouvellements de l’accompagnement global, et 2 ont déjà eu lieu (convention n° CANTAL-2025-AG).",
    });
    // The second episode ran 31 March → 2 June (the day of the resumption, excluded): 63 days, with the first's 60, the 123.
    expect(await row()).toEqual({ status: "active", renewals_used: 2, period_ends_on: "2026-08-30", max_ends_on: "2026-08-30", social_only_ends_by: "2026-06-02" });
  });
});

describe("at the end of the convention", () => {
  it("a support that would run past the end (27 February 2028) is not planned: 409", async () => {
    on("2027-09-01");
    const person = await advisor.post("/api/job-seekers", {
      ftIdentifier: "1500002B",
      firstName: "Bastien",
      lastName: "Essai",
      birthDate: "1979-09-30",
      communeInsee: "15012",
      registeredAt: "2027-06-01",
    });
    expect(person.statusCode, person.body).toBe(201);
    const oriented = await advisor.post("/api/support/cases", {
      jobSeekerId: person.json().id,
      conventionId,
      origin: "france_travail",
      orientedOn: "2027-09-01",
      barriers: [{ code: "isolation" }, { code: "no_qualification" }],
    });
    expect(oriented.statusCode, oriented.body).toBe(201);
    const id = oriented.json().id;
    const cmd = (path: string, body: unknown) => advisor.post(`/api/support/cases/${id}/${path}`, body);
    expect((await cmd("consent", { givenOn: "2027-09-01", method: "in_person" })).statusCode).toBe(200);
    expect((await cmd("pair", { advisorId: advisor.user!.id, socialWorkerId: socialWorker.user!.id })).statusCode).toBe(200);
    expect((await cmd("diagnosis", { kind: "shared", on: "2027-09-01" })).statusCode).toBe(200);
    const entry = await cmd("entry", { on: "2027-09-01", source: { kind: "pair" } });
    expect(entry.statusCode).toBe(409);
    // 6 months from 1 September 2027 end on 29 February 2028 (a leap year), two days past the convention.
    expect(entry.json().error).toMatchObject({
      code: "SUPPORT_PAST_CONVENTION_END",
      details: { conventionNumber: "CANTAL-2025-AG", conventionEndsOn: "2028-02-27", periodEndsOn: "2028-02-29" },
    });
    expect((await caseOf(id)).status).toBe("diagnosed");
  });

  it("a notice received after the last day for the last échéance (27 November 2027) is refused: 400, nothing written", async () => {
    on("2027-11-28");
    const res = await cantalSteering.post(`/api/conventions/${conventionId}/termination`, { receivedOn: "2027-11-28", reason: "notice" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error).toEqual({
      code: "TERMINATION_NOTICE_TOO_LATE",
      message:
        "Préavis reçu trop tard : pour l’échéance du 27/02/2028, fin de la convention, il devait être reçu au plus tard le 27/11/2027. La convention prend fin à son terme ; rien n’a été enregistré.",
      details: { issues: [{ path: "receivedOn", message: "Le préavis devait être reçu au plus tard le 27/11/2027 (échéance du 27/02/2028)." }] },
    });
    expect(await t.db.query("SELECT 1 FROM conventions WHERE id = $1 AND terminated_on IS NOT NULL", [conventionId])).toHaveLength(0);
    expect(await t.db.query("SELECT 1 FROM convention_events WHERE convention_id = $1 AND kind = 'termination_notice'", [conventionId])).toHaveLength(0);
  });

  // Last because it ends the convention: the server's clock goes back to the day the letter came.
  it("a notice received on the last day for an échéance ends the convention at it: 27 November 2026 → 27 February 2027", async () => {
    on("2026-11-27");
    const res = await cantalSteering.post(`/api/conventions/${conventionId}/termination`, { receivedOn: "2026-11-27", reason: "notice" });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ endsOn: "2027-02-27", dataExchangeSuspendedOn: null });
    // The destruction of the data follows the real end: 6 months from 28 February 2027, the eve of 28 August.
    expect((await dataClausesOf(t.db, conventionId, "2026-12-01"))?.obligations.find((o) => o.key === "destruction_after_end")?.dueOn).toBe("2027-08-27");
  });
});
