import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";
import { sendImmersionAssessmentReminders } from "./immersionReminders.js";

/** A year ahead: PEC contracts and immersions cannot start in the past, and the demo extends Rouen's convention to the end of the year after next. */
const Y = new Date().getFullYear() + 1;

let t: TestApp;
let advisor: TestClient;
let hostAgent: TestClient;
let conventionId: string;
let cityId: string;
let ccasId: string;
let person: { id: string; first_name: string; last_name: string; ft_identifier: string };
let immersionId: string;

const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query<{ n: string }>(sql, params))[0].n);
const valid = () => ({
  conventionId,
  jobSeekerId: person.id,
  hostOrganisationId: cityId,
  tutorName: "Paul Lemarchand",
  tutorEmail: "paul.lemarchand@rouen.example",
  tutorFunction: "Chef d’équipe espaces verts",
  startsOn: `${Y}-03-01`,
  endsOn: `${Y}-03-12`,
  weeklyHours: 35,
  objects: ["discover"],
  romeCode: "A1203",
});

beforeAll(async () => {
  t = await createTestApp();
  advisor = await t.loginAs("conseiller.rouen");
  hostAgent = await t.loginAs("agent.rouen");
  [{ id: conventionId }] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'ROUEN-PARTENARIAT'");
  [{ id: cityId }] = await t.db.query<{ id: string }>("SELECT id FROM organisations WHERE code = 'ville-rouen'");
  [{ id: ccasId }] = await t.db.query<{ id: string }>("SELECT id FROM organisations WHERE code = 'ccas-rouen'");
  [person] = await t.db.query("SELECT id, first_name, last_name, ft_identifier FROM job_seekers WHERE commune_insee = '76540' ORDER BY ft_identifier LIMIT 1");
}, 120_000);
afterAll(async () => {
  await t.close();
});

describe("PMSMP immersions", () => {
  it("the advisor's form offers the Rouen convention, its objects, its hosts and their declared trades", async () => {
    const res = await advisor.get("/api/immersions/options");
    expect(res.statusCode).toBe(200);
    const [rouen] = res.json().conventions;
    expect(rouen.number).toBe("ROUEN-PARTENARIAT");
    expect(rouen.objects.map((o: { value: string }) => o.value)).toEqual(["discover", "confirm_project", "initiate_recruitment"]);
    expect(rouen.assessmentWithin).toBe("15 jours");
    const city = rouen.hosts.find((h: { id: string }) => h.id === cityId);
    expect(city.trades.map((tr: { code: string }) => tr.code).sort()).toEqual(["A1203", "G1202", "G1603", "I1203", "K1707", "K2204", "K2303", "M1601", "M1602"]);
    const found = await advisor.get(`/api/immersions/persons?q=${encodeURIComponent(person.ft_identifier)}`);
    expect(found.json()).toEqual([expect.objectContaining({ id: person.id, lastName: person.last_name })]);
  });

  it("records an immersion with one object and a trade of the host; the assessment is due 15 days after the end", async () => {
    const res = await advisor.post("/api/immersions", valid());
    expect(res.statusCode).toBe(201);
    immersionId = res.json().id;
    const [row] = await t.db.query<{ due: string; object: string; rome_label: string }>(
      "SELECT to_char(assessment_due_on, 'YYYY-MM-DD') AS due, object, rome_label FROM immersions WHERE id = $1",
      [immersionId],
    );
    expect(row).toEqual({ due: `${Y}-03-27`, object: "discover", rome_label: "Aménagement et entretien des espaces verts" });
    expect(await count("SELECT count(*) AS n FROM audit_events WHERE action = 'immersion.recorded' AND subject_id = $1", [person.id])).toBe(1);
  });

  it("the assessment due is in « Mes échéances » of the prescriber and of the host's staff, not of another organisation", async () => {
    const mine = (await advisor.get("/api/calendar")).json().obligations.find((o: { key: string }) => o.key === `immersion_assessment:${immersionId}`);
    expect(mine).toEqual(expect.objectContaining({ kind: "immersion_assessment", dueOn: `${Y}-03-27`, conventionNumber: "ROUEN-PARTENARIAT" }));
    expect(mine.label).toBe("Bilan d’une immersion (PMSMP) à faire — Aménagement et entretien des espaces verts, Ville de Rouen");
    const host = (await hostAgent.get("/api/calendar")).json().obligations.map((o: { key: string }) => o.key);
    expect(host).toContain(`immersion_assessment:${immersionId}`);
    const other = (await (await t.loginAs("admin.ccas-rouen")).get("/api/calendar")).json().obligations.map((o: { key: string }) => o.key);
    expect(other).not.toContain(`immersion_assessment:${immersionId}`);
  });

  it("refuses two objects, an object the convention does not list, a trade the host does not exercise, a period over a month — writing nothing", async () => {
    const before = await count("SELECT count(*) AS n FROM immersions");
    const twoObjects = await advisor.post("/api/immersions", { ...valid(), objects: ["discover", "confirm_project"] });
    expect(twoObjects.statusCode).toBe(400);
    expect(twoObjects.json().error.code).toBe("IMMERSION_ONE_OBJECT");
    expect(twoObjects.json().error.message).toContain("impérativement un seul des trois objets");
    expect((await advisor.post("/api/immersions", { ...valid(), objects: ["stage"] })).json().error.code).toBe("IMMERSION_OBJECT_NOT_IN_TERMS");
    const trade = await advisor.post("/api/immersions", { ...valid(), romeCode: "M1607" });
    expect(trade.statusCode).toBe(400);
    expect(trade.json().error.code).toBe("IMMERSION_TRADE_NOT_HOSTED");
    const tooLong = await advisor.post("/api/immersions", { ...valid(), startsOn: `${Y}-04-05`, endsOn: `${Y}-05-05` });
    expect(tooLong.json().error.code).toBe("IMMERSION_TOO_LONG");
    expect(tooLong.json().error.message).toContain(`au plus tard le 04/05/${Y}`);
    const host = await advisor.post("/api/immersions", { ...valid(), hostOrganisationId: person.id });
    expect(host.json().error.code).toBe("IMMERSION_HOST_NOT_IN_TERMS");
    expect(await count("SELECT count(*) AS n FROM immersions")).toBe(before);
  });

  it("only France Travail's advisor records: the host's agent is refused", async () => {
    const res = await hostAgent.post("/api/immersions", valid());
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("IMMERSION_FORBIDDEN");
  });

  it("the host sees the immersion with the person's name, not the France Travail identifier nor the prefilled agreement", async () => {
    const list = await hostAgent.get("/api/immersions");
    const item = list.json().items.find((i: { id: string }) => i.id === immersionId);
    expect(item.person).toEqual({ firstName: person.first_name, lastName: person.last_name });
    const detail = (await hostAgent.get(`/api/immersions/${immersionId}`)).json();
    expect(detail.ftIdentifier).toBeNull();
    expect(detail.immersionFacileUrl).toBeNull();
    expect(detail.tutor.name).toBe("Paul Lemarchand");
    const mine = (await advisor.get(`/api/immersions/${immersionId}`)).json();
    expect(mine.ftIdentifier).toBe(person.ft_identifier);
    expect(mine.immersionFacileUrl).toContain("https://immersion-facile.beta.gouv.fr/demande-immersion?");
    expect(mine.immersionFacileUrl).toContain("immersionObjective=D%C3%A9couvrir%20un%20m%C3%A9tier%20ou%20un%20secteur%20d%27activit%C3%A9");
    expect(mine.immersionFacileUrl).toContain(`dateStart=${Y}-03-01&dateEnd=${Y}-03-12`);
  });

  it("another organisation sees nothing: 404 on the immersion, its assessment and the convention", async () => {
    const other = await t.loginAs("conseiller.creuse");
    expect((await other.get(`/api/immersions/${immersionId}`)).statusCode).toBe(404);
    expect((await other.put(`/api/immersions/${immersionId}/assessment`, { assessedOn: "2026-11-01", objectiveReached: "yes", skillsObserved: [], followUp: "none" })).statusCode).toBe(404);
    expect((await other.post("/api/immersions", valid())).statusCode).toBe(404);
    expect((await other.get("/api/immersions")).json().items).toEqual([]);
    // The CCAS is a host too, but not of this immersion.
    const ccasAdmin = await t.loginAs("admin.ccas-rouen");
    expect((await ccasAdmin.get(`/api/immersions/${immersionId}`)).statusCode).toBe(404);
    expect(ccasId).not.toBe(cityId);
  });

  it("records the assessment (dated from the start to today, skills from the referential) — the host then reads it", async () => {
    const [past] = await t.db.query<{ id: string }>("SELECT id FROM immersions WHERE assessed_at IS NULL AND ends_on < $1::date AND host_org_id = $2", [parisToday(), ccasId]);
    const early = await advisor.put(`/api/immersions/${immersionId}/assessment`, { assessedOn: `${Y}-02-01`, objectiveReached: "yes", skillsObserved: [], followUp: "none" });
    expect(early.json().error.code).toBe("IMMERSION_ASSESSMENT_BEFORE_START");
    const unknownSkill = await advisor.put(`/api/immersions/${past.id}/assessment`, { assessedOn: parisToday(), objectiveReached: "partly", skillsObserved: ["999999"], followUp: "training" });
    expect(unknownSkill.json().error.code).toBe("IMMERSION_SKILL_UNKNOWN");
    const ok = await advisor.put(`/api/immersions/${past.id}/assessment`, {
      assessedOn: parisToday(),
      objectiveReached: "partly",
      skillsObserved: ["100028", "300107"],
      followUp: "training",
      comment: "Projet confirmé ; formation d’auxiliaire de vie envisagée.",
    });
    expect(ok.statusCode).toBe(200);
    const ccasAdmin = await t.loginAs("admin.ccas-rouen");
    const seen = (await ccasAdmin.get(`/api/immersions/${past.id}`)).json();
    expect(seen.assessment.objectiveReached).toBe("partly");
    expect(seen.assessment.skillsObserved.map((s: { label: string }) => s.label)).toEqual([
      "Accompagner une personne dans les actes de la vie quotidienne",
      "Faire preuve d'écoute et de bienveillance",
    ]);
    expect(seen.state).toBe("assessed");
  });

  it("reminds the prescriber once of an ended immersion not assessed", async () => {
    await t.db.query("UPDATE immersions SET assessed_at = NULL, objective_reached = NULL, follow_up = NULL, assessed_on = NULL WHERE host_org_id = $1", [ccasId]);
    const today = parisToday();
    expect(await sendImmersionAssessmentReminders(t.deps, today)).toBe(1);
    expect(await sendImmersionAssessmentReminders(t.deps, today)).toBe(0);
    expect(await count("SELECT count(*) AS n FROM notifications WHERE kind = 'immersion_assessment'")).toBe(1);
    expect(await count("SELECT count(*) AS n FROM audit_events WHERE action = 'immersion.assessment_reminder_sent'")).toBe(1);
  });

  it("a host's org_admin declares its trades from the referential; its agent may not; an unknown code changes nothing", async () => {
    const admin = await t.loginAs("admin.rouen");
    const unknown = await admin.put(`/api/organisations/${cityId}/immersion-trades`, { romeCodes: ["A1203", "Z9999"] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe("IMMERSION_TRADE_UNKNOWN");
    expect((await hostAgent.put(`/api/organisations/${cityId}/immersion-trades`, { romeCodes: ["A1203"] })).statusCode).toBe(403);
    expect((await admin.put(`/api/organisations/${ccasId}/immersion-trades`, { romeCodes: ["A1203"] })).statusCode).toBe(403);
    expect(await count("SELECT count(*) AS n FROM immersion_host_trades WHERE organisation_id = $1", [cityId])).toBe(9);
    const ok = await admin.put(`/api/organisations/${cityId}/immersion-trades`, { romeCodes: ["A1203", "M1607"] });
    expect(ok.json().map((tr: { code: string }) => tr.code)).toEqual(["A1203", "M1607"]);
    // The immersion already recorded keeps its trade; a new one may now offer the secretariat.
    expect((await advisor.post("/api/immersions", { ...valid(), romeCode: "M1607", startsOn: `${Y}-06-01`, endsOn: `${Y}-06-04` })).statusCode).toBe(201);
  });
});
