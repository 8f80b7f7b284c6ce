import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_EMAIL_DOMAIN } from "../demo/demoOrganisations.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";
import { sendPecCertificateReminders } from "./pecDeadlines.js";

/** A year ahead: PEC contracts and immersions cannot start in the past, and the demo extends Rouen's convention to the end of the year after next. */
const Y = new Date().getFullYear() + 1;

/**
 * Parcours emploi compétences under ROUEN-PARTENARIAT (000 art. 3.1 a; the demo extends the convention
 * so that it is in force): the city posts an offer, the company advisor named by France Travail is told,
 * an advisor of the Rouen agency proposes a person of the territory with their diagnosis, the city
 * accepts and the contract exists; tutor conditions, three-way meeting, certificate and exit.
 */
let t: TestApp;
let city: TestClient;
let ftAdmin: TestClient;
let advisor: TestClient;
let ccas: TestClient;
let creuse: TestClient;
let conventionId = "";
let cityId = "";
let offerId = "";
let candidacyId = "";
let contractId = "";
let person = { id: "", ft: "", name: "" };
let other = { id: "", ft: "", name: "" };
const address = (local: string) => `${local}@${DEMO_EMAIL_DOMAIN}`;
const userId = async (local: string) => (await t.db.query<{ id: string }>("SELECT id FROM users WHERE email = $1", [address(local)]))[0].id;
const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query<{ n: string }>(`SELECT count(*) AS n FROM (${sql}) x`, params))[0].n);
const offer = {
  title: "Agent polyvalent des parcs et squares",
  skills: "Entretien des massifs, tonte, taille ; goût du travail en équipe.",
  romeCodes: ["A1203"],
  weeklyHours: 26,
  durationMonths: 12,
  siteAddress: "Jardin des plantes, 114 ter avenue des Martyrs de la Résistance, 76100 Rouen",
  wishedStartOn: `${Y}-01-04`,
};
const tutor = {
  name: "Claire Martin",
  email: "claire.martin@rouen.fr",
  jobTitle: "Cheffe d’équipe espaces verts",
  isEmployee: true,
  volunteer: true,
  qualification: "BTS aménagements paysagers",
  yearsExperience: 9,
  onSubsidisedContract: false,
  otherSubsidisedEmployees: 1,
};

beforeAll(async () => {
  t = await createTestApp();
  [{ id: conventionId }] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'ROUEN-PARTENARIAT'");
  [{ id: cityId }] = await t.db.query<{ id: string }>("SELECT id FROM organisations WHERE code = 'ville-rouen'");
  const people = await t.db.query<{ id: string; ft: string; name: string }>(
    "SELECT id, ft_identifier AS ft, first_name || ' ' || last_name AS name FROM job_seekers WHERE commune_insee = '76540' ORDER BY ft_identifier DESC LIMIT 2",
  );
  [person, other] = people;
  city = await t.loginAs("agent.rouen");
  ftAdmin = await t.loginAs("admin.ft-rouen");
  advisor = await t.loginAs("conseiller.rouen");
  ccas = await t.loginAs("admin.ccas-rouen");
  creuse = await t.loginAs("agent.creuse");
}, 120_000);
afterAll(async () => t?.close());

describe("company advisors and offers", () => {
  it("France Travail's org_admin names the city's company advisor, as many as the terms allow (1 + 1 in 000)", async () => {
    const advisorId = await userId("conseiller.rouen");
    const tooMany = await ftAdmin.put(`/api/pec/conventions/${conventionId}/company-advisors`, { employerOrganisationId: cityId, named: [advisorId, await userId("admin.ft-rouen")], backups: [] });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error).toMatchObject({ code: "PEC_TOO_MANY_COMPANY_ADVISORS", message: "La convention prévoit 1 conseiller entreprise nommément désigné au plus." });
    const notAdvisor = await ftAdmin.put(`/api/pec/conventions/${conventionId}/company-advisors`, { employerOrganisationId: cityId, named: [await userId("agent.rouen")], backups: [] });
    expect(notAdvisor.json().error.code).toBe("PEC_COMPANY_ADVISOR_UNKNOWN");
    const named = await ftAdmin.put(`/api/pec/conventions/${conventionId}/company-advisors`, { employerOrganisationId: cityId, named: [advisorId], backups: [] });
    expect(named.statusCode, named.body).toBe(200);
    expect((await city.put(`/api/pec/conventions/${conventionId}/company-advisors`, { employerOrganisationId: cityId, named: [advisorId], backups: [] })).statusCode).toBe(403);
  });

  it("the city posts an offer; its company advisor is notified and e-mailed", async () => {
    const before = await count("SELECT 1 FROM emails WHERE to_address = $1", [address("conseiller.rouen")]);
    const res = await city.post(`/api/pec/conventions/${conventionId}/offers`, { ...offer, employerOrganisationId: cityId });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().advisorsNotified).toBe(1);
    offerId = res.json().id;
    expect(await count("SELECT 1 FROM emails WHERE to_address = $1", [address("conseiller.rouen")])).toBe(before + 1);
    const [n] = await t.db.query<{ title: string; link: string }>("SELECT title, link FROM notifications WHERE kind = 'pec_offer_posted' AND link = $1", [`/pec/offres/${offerId}`]);
    expect(n.title).toBe("Nouvelle offre PEC : Agent polyvalent des parcs et squares");
    const [event] = await t.db.query<{ subject_type: string; details: { title: string } }>("SELECT subject_type, details FROM audit_events WHERE action = 'pec.offer_posted' AND subject_id = $1", [offerId]);
    expect(event).toMatchObject({ subject_type: "pec_offer", details: { title: offer.title } });
  });

  it("refuses a start in the past, an organisation that is not an employer of the convention, and other organisations", async () => {
    const past = await city.post(`/api/pec/conventions/${conventionId}/offers`, { ...offer, employerOrganisationId: cityId, wishedStartOn: "2020-01-06" });
    expect(past.statusCode).toBe(400);
    expect(past.json().error.details.issues).toEqual([{ path: "wishedStartOn", message: "La date de début souhaitée ne peut pas être passée." }]);
    const [{ id: ftAgency }] = await t.db.query<{ id: string }>("SELECT id FROM organisations WHERE code = 'ft-rouen-saint-sever'");
    expect((await city.post(`/api/pec/conventions/${conventionId}/offers`, { ...offer, employerOrganisationId: ftAgency })).statusCode).toBe(404);
    // The CCAS is an employer of the convention but cannot post for the city.
    expect((await ccas.post(`/api/pec/conventions/${conventionId}/offers`, { ...offer, employerOrganisationId: cityId })).statusCode).toBe(404);
    expect((await creuse.post(`/api/pec/conventions/${conventionId}/offers`, { ...offer, employerOrganisationId: cityId })).statusCode).toBe(404);
    expect((await advisor.post(`/api/pec/conventions/${conventionId}/offers`, { ...offer, employerOrganisationId: cityId })).statusCode).toBe(403);
    expect(await count("SELECT 1 FROM pec_offers WHERE title = $1", [offer.title])).toBe(1);
  });
});

describe("candidacies", () => {
  it("the advisor proposes a person of the territory with their diagnosis; the diagnosis is free text, required", async () => {
    const short = await advisor.post(`/api/pec/offers/${offerId}/candidacies`, { ftIdentifier: person.ft, diagnosis: "RSA", proposal: "x" });
    expect(short.statusCode).toBe(400);
    const unknown = await advisor.post(`/api/pec/offers/${offerId}/candidacies`, { ftIdentifier: "9999999Z", diagnosis: "Éloignée de l’emploi depuis trois ans.", proposal: "x" });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.code).toBe("PEC_JOB_SEEKER_NOT_FOUND");
    const proposal = { diagnosis: "Trois ans sans emploi, pas de qualification : le PEC apporte une expérience et une formation qualifiante.", proposal: "Motivé par les métiers du paysage, disponible immédiatement." };
    const res = await advisor.post(`/api/pec/offers/${offerId}/candidacies`, { ftIdentifier: person.ft, ...proposal });
    expect(res.statusCode, res.body).toBe(201);
    candidacyId = res.json().id;
    expect((await advisor.post(`/api/pec/offers/${offerId}/candidacies`, { ftIdentifier: person.ft, ...proposal })).json().error.code).toBe("PEC_ALREADY_PROPOSED");
    expect((await advisor.post(`/api/pec/offers/${offerId}/candidacies`, { ftIdentifier: other.ft, ...proposal })).statusCode).toBe(201);
    expect((await city.post(`/api/pec/offers/${offerId}/candidacies`, { ftIdentifier: other.ft, ...proposal })).statusCode).toBe(403);
  });

  it("the employer sees the candidate's name and the proposal, never the diagnosis; France Travail sees it; others nothing", async () => {
    const seen = (await city.get(`/api/pec/offers/${offerId}`)).json();
    expect(seen.candidacies).toBe(2);
    expect(seen.candidacyList[0]).toMatchObject({ candidate: person.name, proposal: "Motivé par les métiers du paysage, disponible immédiatement.", diagnosis: null, status: "proposed" });
    expect(seen.canAnswer).toBe(true);
    const ft = (await advisor.get(`/api/pec/offers/${offerId}`)).json();
    expect(ft.candidacyList[0].diagnosis).toBe("Trois ans sans emploi, pas de qualification : le PEC apporte une expérience et une formation qualifiante.");
    expect(ft.canPropose).toBe(true);
    expect((await ccas.get(`/api/pec/offers/${offerId}`)).statusCode).toBe(404);
    expect((await creuse.get(`/api/pec/offers/${offerId}`)).statusCode).toBe(404);
    expect((await ccas.post(`/api/pec/candidacies/${candidacyId}/answer`, { answer: "refused", reason: "Non" })).statusCode).toBe(404);
    expect((await advisor.post(`/api/pec/candidacies/${candidacyId}/answer`, { answer: "refused", reason: "Non" })).statusCode).toBe(403);
  });

  it("the employer refuses one with its reason and accepts the other: the contract exists, ending 12 months later", async () => {
    const otherCandidacy = (await city.get(`/api/pec/offers/${offerId}`)).json().candidacyList[1].id;
    expect((await city.post(`/api/pec/candidacies/${otherCandidacy}/answer`, { answer: "refused" })).statusCode).toBe(400);
    expect((await city.post(`/api/pec/candidacies/${otherCandidacy}/answer`, { answer: "refused", reason: "Poste pourvu en interne sur un autre site." })).json()).toEqual({
      status: "refused",
      contractId: null,
    });
    const early = await city.post(`/api/pec/candidacies/${candidacyId}/answer`, { answer: "accepted", startsOn: "2025-01-06" });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.code).toBe("PEC_CONTRACT_START");
    const res = await city.post(`/api/pec/candidacies/${candidacyId}/answer`, { answer: "accepted", startsOn: `${Y}-01-04` });
    expect(res.statusCode, res.body).toBe(200);
    contractId = res.json().contractId;
    const contract = (await city.get(`/api/pec/contracts/${contractId}`)).json();
    expect(contract).toMatchObject({ startsOn: `${Y}-01-04`, endsOn: `${Y + 1}-01-03`, weeklyHours: 26, employee: person.name, referentAdvisor: "Conseiller Rouen", status: "active" });
    expect(contract.certificate.dueOn).toBe(`${Y}-12-03`);
    expect((await city.post(`/api/pec/candidacies/${candidacyId}/answer`, { answer: "refused", reason: "x" })).json().error.code).toBe("PEC_ALREADY_ANSWERED");
    const overview = (await advisor.get("/api/pec")).json();
    const rouen = overview.conventions.find((c: { number: string }) => c.number === "ROUEN-PARTENARIAT");
    expect(rouen.matches).toBeGreaterThanOrEqual(2);
    expect(overview.offers.find((o: { id: string }) => o.id === offerId)).toMatchObject({ status: "filled", candidacies: 2, accepted: 1 });
    expect(await count("SELECT 1 FROM audit_events WHERE action = 'pec.candidacy_answered' AND details->>'contractId' = $1", [contractId])).toBe(1);
  });
});

describe("the tutor (R5134-38, 000 art. 3.1 a)", () => {
  it("refuses a tutor who already tutors three subsidised employees, with the rule cited, and writes nothing", async () => {
    const res = await city.put(`/api/pec/contracts/${contractId}/tutor`, { ...tutor, otherSubsidisedEmployees: 3 });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("PEC_TUTOR_TOO_MANY");
    expect(res.json().error.details.issues[0]).toMatchObject({ path: "otherSubsidisedEmployees" });
    expect(res.json().error.message).toContain("au plus 3 salariés en contrat aidé simultanément ; ce tuteur en accompagne déjà 3.");
    expect(await count("SELECT 1 FROM pec_tutors WHERE email = $1", [tutor.email])).toBe(0);
  });

  it("refuses each other condition with its own code", async () => {
    const code = async (change: Record<string, unknown>) => (await city.put(`/api/pec/contracts/${contractId}/tutor`, { ...tutor, ...change })).json().error.code;
    expect(await code({ isEmployee: false })).toBe("PEC_TUTOR_NOT_EMPLOYEE");
    expect(await code({ volunteer: false })).toBe("PEC_TUTOR_NOT_VOLUNTEER");
    expect(await code({ qualification: "" })).toBe("PEC_TUTOR_NOT_QUALIFIED");
    expect(await code({ yearsExperience: 1 })).toBe("PEC_TUTOR_EXPERIENCE");
    expect(await code({ onSubsidisedContract: true })).toBe("PEC_TUTOR_SUBSIDISED");
  });

  it("names a tutor who meets them; the advisor may not name the tutor", async () => {
    expect((await advisor.put(`/api/pec/contracts/${contractId}/tutor`, tutor)).statusCode).toBe(403);
    const res = await city.put(`/api/pec/contracts/${contractId}/tutor`, tutor);
    expect(res.statusCode, res.body).toBe(200);
    const contract = (await advisor.get(`/api/pec/contracts/${contractId}`)).json();
    expect(contract.tutor).toMatchObject({ name: "Claire Martin", activeContracts: 1, otherSubsidisedEmployees: 1 });
  });
});

describe("three-way meeting, certificate, renewal, exit", () => {
  it("the advisor records the meeting with ROME skills and the seed's actions; the three signatures are recorded", async () => {
    const unknown = await advisor.put(`/api/pec/contracts/${contractId}/meeting`, { heldOn: "2026-11-02", skills: [{ code: "999999", label: "Inconnue" }], trainingActions: [], supportActions: [] });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json().error.code).toBe("PEC_MEETING_SKILL_UNKNOWN");
    expect((await city.put(`/api/pec/contracts/${contractId}/meeting`, { heldOn: "2026-11-02", skills: [{ code: "100001", label: "x" }], trainingActions: [], supportActions: [] })).statusCode).toBe(403);
    const res = await advisor.put(`/api/pec/contracts/${contractId}/meeting`, {
      heldOn: "2026-11-02",
      skills: [{ code: "100001", label: "libellé donné" }],
      trainingActions: ["pre_qualification"],
      supportActions: ["prise_de_poste", "recherche_emploi_sortie"],
    });
    expect(res.statusCode, res.body).toBe(200);
    for (const signer of ["advisor", "employee", "tutor"]) expect((await advisor.post(`/api/pec/contracts/${contractId}/meeting/signatures`, { signer })).statusCode).toBe(200);
    expect((await advisor.post(`/api/pec/contracts/${contractId}/meeting/signatures`, { signer: "tutor" })).json().error.code).toBe("PEC_ALREADY_SIGNED");
    const { meeting } = (await city.get(`/api/pec/contracts/${contractId}`)).json();
    expect(meeting.skills).toEqual([{ code: "100001", label: "Nettoyer des locaux" }]);
    expect(meeting.signatures.map((s: { signer: string; mode: string; name: string }) => [s.signer, s.mode, s.name])).toEqual([
      ["advisor", "in_app", "Conseiller Rouen"],
      ["employee", "signed_in_meeting", person.name],
      ["tutor", "signed_in_meeting", "Claire Martin"],
    ]);
  });

  it("the certificate deadline is in the employer's deadlines, not in the CCAS's; an earlier request moves it", async () => {
    const mine = (await city.get("/api/calendar")).json().obligations.filter((o: { key: string }) => o.key === `pec_certificate:${contractId}`);
    expect(mine).toEqual([
      expect.objectContaining({ kind: "pec_certificate", dueOn: `${Y}-12-03`, label: "Attestation d’expérience professionnelle à remettre (parcours emploi compétences)", conventionNumber: "ROUEN-PARTENARIAT" }),
    ]);
    expect((await ccas.get("/api/calendar")).json().obligations.some((o: { key: string }) => o.key === `pec_certificate:${contractId}`)).toBe(false);
    const future = await city.post(`/api/pec/contracts/${contractId}/certificate/request`, { requestedOn: "2099-01-01" });
    expect(future.json().error.code).toBe("PEC_CERTIFICATE_REQUEST_DATE");
  });

  it("reminds the employer once when the deadline is near", async () => {
    const sent = await sendPecCertificateReminders(t.db, { mailer: t.deps.mailer, publicUrl: "http://tandem.test" }, `${Y}-11-25`);
    expect(sent).toBeGreaterThanOrEqual(2); // agent.rouen and admin.rouen, for this contract at least
    expect(await count(`SELECT 1 FROM pec_certificate_alerts WHERE contract_id = $1 AND kind = 'soon' AND due_on = '${Y}-12-03'`, [contractId])).toBe(1);
    await sendPecCertificateReminders(t.db, { mailer: t.deps.mailer, publicUrl: "http://tandem.test" }, `${Y}-11-26`);
    expect(await count("SELECT 1 FROM pec_certificate_alerts WHERE contract_id = $1", [contractId])).toBe(1);
  });

  it("the employer completes and signs the certificate; the PDF is generated", async () => {
    expect((await city.post(`/api/pec/contracts/${contractId}/certificate/signature`, { signerName: "Maire", signerTitle: "Maire", signedOn: "2026-11-02" })).json().error.code).toBe("PEC_CERTIFICATE_MISSING");
    expect((await city.put(`/api/pec/contracts/${contractId}/certificate`, { missions: "Tonte, taille, entretien des massifs.", skillsAcquired: "Conduite d’engins de tonte." })).statusCode).toBe(200);
    const pdf = await city.get(`/api/pec/contracts/${contractId}/certificate.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers["content-type"]).toBe("application/pdf");
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe("%PDF-");
    expect((await ccas.get(`/api/pec/contracts/${contractId}/certificate.pdf`)).statusCode).toBe(404);
  });

  it("a renewal moves the end (and the certificate deadline); the exit records its outcome and ends the contract", async () => {
    expect((await city.post(`/api/pec/contracts/${contractId}/renewal`, { endsOn: `${Y}-06-30` })).json().error.code).toBe("PEC_RENEWAL_DATE");
    expect((await city.post(`/api/pec/contracts/${contractId}/renewal`, { endsOn: `${Y + 1}-07-03` })).statusCode).toBe(200);
    expect((await city.get(`/api/pec/contracts/${contractId}`)).json()).toMatchObject({ endsOn: `${Y + 1}-07-03`, initialEndsOn: `${Y + 1}-01-03`, renewals: 1, certificate: { dueOn: `${Y + 1}-06-03` } });
    expect((await advisor.post(`/api/pec/contracts/${contractId}/exit`, { exitOn: `${Y + 1}-08-01`, outcome: "job" })).json().error.code).toBe("PEC_EXIT_DATE");
    const exit = await advisor.post(`/api/pec/contracts/${contractId}/exit`, { exitOn: `${Y + 1}-03-31`, outcome: "job", note: "CDI dans une entreprise du paysage" });
    expect(exit.statusCode, exit.body).toBe(200);
    const ended = (await city.get(`/api/pec/contracts/${contractId}`)).json();
    expect(ended).toMatchObject({ status: "ended", endsOn: `${Y + 1}-03-31`, exit: { exitOn: `${Y + 1}-03-31`, outcome: "job", note: "CDI dans une entreprise du paysage" } });
    expect((await city.put(`/api/pec/contracts/${contractId}/tutor`, tutor)).json().error.code).toBe("PEC_CONTRACT_ENDED");
    const [event] = await t.db.query<{ details: Record<string, unknown> }>("SELECT details FROM audit_events WHERE action = 'pec.contract_ended' AND subject_id = $1", [contractId]);
    expect(event.details).toMatchObject({ exitOn: `${Y + 1}-03-31`, outcome: "job", early: true, conventionId });
  });
});

describe("withdrawing an offer", () => {
  it("the employer withdraws an open offer: its waiting candidacy is refused with the reason, its advisor told; nothing more can be proposed", async () => {
    const posted = await city.post(`/api/pec/conventions/${conventionId}/offers`, { ...offer, title: "Agent d’accueil de la médiathèque", employerOrganisationId: cityId });
    expect(posted.statusCode, posted.body).toBe(201);
    const second = posted.json().id as string;
    const proposal = { diagnosis: "Deux ans sans emploi après un accident : reprendre par un contrat accompagné.", proposal: "Aime le contact avec le public." };
    const proposed = await advisor.post(`/api/pec/offers/${second}/candidacies`, { ftIdentifier: other.ft, ...proposal });
    expect(proposed.statusCode, proposed.body).toBe(201);

    expect((await advisor.post(`/api/pec/offers/${second}/withdrawal`, { reason: "Poste supprimé." })).statusCode).toBe(403);
    expect((await creuse.post(`/api/pec/offers/${second}/withdrawal`, { reason: "Poste supprimé." })).statusCode).toBe(404);
    const empty = await city.post(`/api/pec/offers/${second}/withdrawal`, { reason: "  " });
    expect([empty.statusCode, empty.json().error.details.issues[0]]).toEqual([400, { path: "body.reason", message: "Indiquez pourquoi l’offre est retirée." }]);

    const res = await city.post(`/api/pec/offers/${second}/withdrawal`, { reason: "Poste supprimé au budget 2027." });
    expect([res.statusCode, res.json()]).toEqual([200, { refusedCandidacies: 1 }]);
    const seen = (await advisor.get(`/api/pec/offers/${second}`)).json();
    expect(seen).toMatchObject({ status: "withdrawn", canPropose: false });
    expect(seen.candidacyList[0]).toMatchObject({ status: "refused", answerReason: "Offre retirée par l’employeur : Poste supprimé au budget 2027." });
    const [n] = await t.db.query<{ title: string; user_id: string }>("SELECT title, user_id FROM notifications WHERE kind = 'pec_offer_withdrawn' AND link = $1", [`/pec/offres/${second}`]);
    expect(n).toEqual({ title: "Offre PEC retirée : Agent d’accueil de la médiathèque", user_id: await userId("conseiller.rouen") });
    expect(await count("SELECT 1 FROM audit_events WHERE action = 'pec.offer_withdrawn' AND subject_id = $1", [second])).toBe(1);

    expect((await city.post(`/api/pec/offers/${second}/withdrawal`, { reason: "Encore." })).json().error.code).toBe("PEC_OFFER_CLOSED");
    expect((await advisor.post(`/api/pec/offers/${second}/candidacies`, { ftIdentifier: person.ft, ...proposal })).json().error.code).toBe("PEC_OFFER_CLOSED");
  });
});
