import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToday } from "../../../domain/shared/calendarDate.js";
import { pdfText } from "../../testing/pdfText.js";
import { createTestApp, type TestApp, type TestClient } from "../../testing/testApp.js";
import { createImportRows } from "../../lists/listImportRepository.js";

/**
 * Answers that act (ADR 0031): an erasure or an accepted objection deletes the person's data as a
 * purge does, unless a support under a convention in force or a legal hold still requires them; a
 * limitation keeps the person out of searches and stops new acts on their cases until the DPO lifts it.
 */
let t: TestApp;
let dpo: TestClient;
const today = parisToday();
const ids = { org: "", commune: "", caseConvention: "", advisor: "", advisorEmail: "", openCase: "", openPerson: "" };

const one = async <T>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params))[0];
const count = async (sql: string, params: unknown[] = []) => Number((await one<{ n: string }>(`SELECT count(*) AS n FROM ${sql}`, params)).n);
const issues = (body: { error: { details?: { issues?: { path: string; message: string }[] } } }) => body.error.details?.issues ?? [];

async function person(lastName: string, ft: string): Promise<string> {
  const [{ id }] = await t.db.query<{ id: string }>(
    "INSERT INTO job_seekers (ft_identifier, last_name, first_name, birth_date, commune_insee, registered_at) VALUES ($1, $2, 'Test', '1990-05-04', $3, '2025-01-10') RETURNING id",
    [ft, lastName, ids.commune],
  );
  return id;
}

async function exitedCase(jobSeekerId: string): Promise<string> {
  const [{ id }] = await t.db.query<{ id: string }>(
    `INSERT INTO support_cases (job_seeker_id, convention_id, status, origin, oriented_on, oriented_by, orienter_organisation_id, exited_on, exit_type, closed_on)
     VALUES ($1, $2, 'exited', 'france_travail', '2025-02-01', $3, (SELECT organisation_id FROM users WHERE id = $3), '2025-06-30', 'sustainable_job', '2025-06-30') RETURNING id`,
    [jobSeekerId, ids.caseConvention, ids.advisor],
  );
  await t.db.query("INSERT INTO support_notes (case_id, visibility, body, author_id) VALUES ($1, 'pair', 'Bilan de sortie', $2), ($1, 'pair', 'Emploi durable', $2)", [id, ids.advisor]);
  return id;
}

/** A received list that brought the person, with its line. */
async function listLine(jobSeekerId: string, ft: string) {
  const [{ id }] = await t.db.query<{ id: string }>(
    `INSERT INTO list_imports (source, convention_id, organisation_id, created_by, file_name, file_format, file_bytes, status, received_at, applied_at, purge_on, purge_rule, rows_total, rows_valid)
     VALUES ('new_registrants', $1, $2, $3, 'inscrits.csv', 'csv', 100, 'applied', now(), now(), (now() + interval '2 months')::date, '003 (annexe) art. 4.2', 1, 1) RETURNING id`,
    [ids.caseConvention, ids.org, ids.advisor],
  );
  // Its lines' own table (ADR 0044), as a check creates it.
  await createImportRows(t.db, id, true);
  await t.db.query(
    `INSERT INTO list_import_rows (import_id, line, ft_identifier, last_name, first_name, address, commune_insee, registered_on, job_seeker_id)
     VALUES ($1, 2, $2, 'Nom', 'Test', '1 rue de la Paix', $4, '2025-01-10', $3)`,
    [id, ft, jobSeekerId, ids.commune],
  );
  await t.db.query("INSERT INTO list_import_people (import_id, job_seeker_id, created) VALUES ($1, $2, true)", [id, jobSeekerId]);
}

async function request(jobSeekerId: string, kind: string): Promise<string> {
  const res = await dpo.post("/api/privacy/rights-requests", { jobSeekerId, kind, channel: "letter", conventionId: ids.caseConvention, receivedOn: today, request: "Demande écrite" });
  expect(res.statusCode).toBe(201);
  return res.json().id;
}
const answer = (id: string) => dpo.post(`/api/privacy/rights-requests/${id}/answer`, { answeredOn: today, answer: "Votre demande est accordée." });

beforeAll(async () => {
  t = await createTestApp();
  // The Creuse council's DPO: the demo's open cases in its territory run under CREUSE-2023 (global support, in force).
  ids.org = (await one<{ organisation_id: string }>("SELECT organisation_id FROM users WHERE email LIKE 'dpo.creuse@%'")).organisation_id;
  ids.commune = (await one<{ insee_code: string }>("SELECT insee_code FROM organisation_communes WHERE organisation_id = $1 ORDER BY insee_code LIMIT 1", [ids.org])).insee_code;
  // A demo case still open, in the council's territory, under a convention in force, and its advisor.
  const open = await one<{ id: string; job_seeker_id: string; convention_id: string; advisor_id: string; email: string }>(
    `SELECT sc.id, sc.job_seeker_id, sc.convention_id, sc.advisor_id, u.email FROM support_cases sc
       JOIN job_seekers js ON js.id = sc.job_seeker_id JOIN users u ON u.id = sc.advisor_id JOIN conventions c ON c.id = sc.convention_id
      WHERE sc.status NOT IN ('exited', 'refused') AND c.ends_on >= $2::date
        AND js.commune_insee IN (SELECT insee_code FROM organisation_communes WHERE organisation_id = $1)
      ORDER BY sc.id LIMIT 1`,
    [ids.org, today],
  );
  Object.assign(ids, { openCase: open.id, openPerson: open.job_seeker_id, caseConvention: open.convention_id, advisor: open.advisor_id, advisorEmail: open.email });
  dpo = await t.loginAs("dpo.creuse");
});
afterAll(async () => t?.close());

describe("erasure", () => {
  it("refuses, next to the answer, while a support runs under a convention in force, and erases nothing", async () => {
    const id = await request(ids.openPerson, "erasure");
    const res = await answer(id);
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("ERASURE_SUPPORT_IN_FORCE");
    expect(issues(res.json())[0].path).toBe("body.answer");
    expect(await count("job_seekers WHERE id = $1", [ids.openPerson])).toBe(1);
    expect(await count("support_cases WHERE id = $1", [ids.openCase])).toBe(1);
    expect((await dpo.get(`/api/privacy/rights-requests/${id}`)).json().status).toBe("received");
  });

  it("refuses while a legal hold keeps the person", async () => {
    const held = await person("Retenue", "9900001H");
    await t.db.query(
      `INSERT INTO legal_holds (organisation_id, scope, job_seeker_id, reason_kind, reason, starts_on, ends_on, recorded_by)
       VALUES ($1, 'job_seeker', $2, 'dispute', 'Contentieux en cours', '2025-01-01', '2099-12-31', $3)`,
      [ids.org, held, ids.advisor],
    );
    const res = await answer(await request(held, "erasure"));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("ERASURE_LEGAL_HOLD");
    expect(res.json().error.message).toContain("31/12/2099");
    expect(await count("job_seekers WHERE id = $1", [held])).toBe(1);
  });

  it("erases the person, their closed case with its notes and their list lines, records the counts and names them « supprimée » in the audit", async () => {
    const erased = await person("Effacée", "9900002E");
    const caseId = await exitedCase(erased);
    await listLine(erased, "9900002E");
    const id = await request(erased, "erasure");
    const res = await answer(id);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.status).toBe("answered");
    expect(body.person).toEqual({ id: null, name: "Test Effacée" });
    expect(body.erasedCounts).toMatchObject({ people: 1, cases: 1, notes: 2, listRows: 1, links: 1 });
    expect(body.applied).toContain("1 fiche de la personne, 1 accompagnement, 2 notes");
    expect(body.applied).toContain("1 ligne de liste reçue, 1 lien à une liste reçue");
    expect(await count("job_seekers WHERE id = $1", [erased])).toBe(0);
    expect(await count("support_cases WHERE id = $1", [caseId])).toBe(0);
    expect(await count("list_import_rows WHERE ft_identifier = '9900002E'")).toBe(0);
    expect(await count("purged_subjects WHERE rights_request_id = $1", [id])).toBe(2);
    const trail = await dpo.get(`/api/audit-events?subjectId=${erased}`);
    expect(trail.statusCode).toBe(200);
    const labels = trail.json().items.map((e: { subjectLabel: string }) => e.subjectLabel);
    expect(labels).toContain(`Fiche de personne supprimée le ${today.split("-").reverse().join("/")} (purge : effacement à la demande de la personne)`);
  });
});

describe("objection", () => {
  it("is overridden by the convention while a support runs under it", async () => {
    const res = await answer(await request(ids.openPerson, "objection"));
    expect(res.statusCode).toBe(409);
    expect(res.json().error.code).toBe("OBJECTION_OVERRIDDEN_BY_CONVENTION");
    expect(res.json().error.message).toContain("fonde le traitement");
  });

  it("accepted, erases the person like an erasure", async () => {
    const opposed = await person("Opposée", "9900003O");
    const res = await answer(await request(opposed, "objection"));
    expect(res.statusCode).toBe(200);
    expect(res.json().erasedCounts).toMatchObject({ people: 1, cases: 0 });
    expect(await count("job_seekers WHERE id = $1", [opposed])).toBe(0);
  });
});

describe("limitation", () => {
  let requestId = "";
  let ft = "";

  it("keeps the person out of searches and stops new acts on their case until the DPO lifts it", async () => {
    ft = (await one<{ ft_identifier: string }>("SELECT ft_identifier FROM job_seekers WHERE id = $1", [ids.openPerson])).ft_identifier;
    const advisor = await t.loginAs(ids.advisorEmail.split("@")[0]);
    expect((await advisor.get(`/api/job-seekers?q=${ft}`)).json().items.map((p: { id: string }) => p.id)).toEqual([ids.openPerson]);
    requestId = await request(ids.openPerson, "limitation");
    const res = await answer(requestId);
    expect(res.statusCode).toBe(200);
    expect(res.json().limitation).toEqual({ startsOn: today, liftedOn: null });
    expect(res.json().applied).toContain("Traitement limité depuis le");

    expect((await advisor.get(`/api/job-seekers?q=${ft}`)).json().items).toEqual([]);
    const note = await advisor.post(`/api/support/cases/${ids.openCase}/notes`, { visibility: "pair", body: "Nouvel entretien" });
    expect(note.statusCode).toBe(409);
    expect(note.json().error.code).toBe("PROCESSING_LIMITED");
    expect(await count("support_notes WHERE case_id = $1 AND body = 'Nouvel entretien'", [ids.openCase])).toBe(0);

    // A second limitation while one is in force is refused next to the answer.
    const twice = await answer(await request(ids.openPerson, "limitation"));
    expect(twice.json().error.code).toBe("LIMITATION_ALREADY_IN_FORCE");
  });

  it("is lifted only by the DPO, with a date not before its start", async () => {
    const advisor = await t.loginAs(ids.advisorEmail.split("@")[0]);
    expect((await advisor.post(`/api/privacy/rights-requests/${requestId}/limitation-lift`, { liftedOn: today, reason: "Exactitude vérifiée" })).statusCode).toBe(404);
    const early = await dpo.post(`/api/privacy/rights-requests/${requestId}/limitation-lift`, { liftedOn: "2020-01-01", reason: "Exactitude vérifiée" });
    expect(early.statusCode).toBe(400);
    expect(early.json().error.code).toBe("LIFTED_BEFORE_LIMITATION");
    expect(issues(early.json())[0].path).toBe("body.liftedOn");
    const lifted = await dpo.post(`/api/privacy/rights-requests/${requestId}/limitation-lift`, { liftedOn: today, reason: "Exactitude vérifiée, personne informée" });
    expect(lifted.statusCode).toBe(200);
    expect(lifted.json().limitation).toEqual({ startsOn: today, liftedOn: today });
    expect(lifted.json().applied).toContain("Limitation levée le");
    expect((await dpo.post(`/api/privacy/rights-requests/${requestId}/limitation-lift`, { liftedOn: today, reason: "Encore" })).json().error.code).toBe("LIMITATION_NOT_IN_FORCE");

    expect((await advisor.get(`/api/job-seekers?q=${ft}`)).json().items.map((p: { id: string }) => p.id)).toEqual([ids.openPerson]);
    const note = await advisor.post(`/api/support/cases/${ids.openCase}/notes`, { visibility: "pair", body: "Nouvel entretien" });
    expect(note.statusCode).toBeLessThan(300);
  });
});

describe("access and the programmes", () => {
  it("the access answer lists the person's PEC contract with its tutor and booklet, and their immersions", async () => {
    const rouenDpo = await t.loginAs("dpo.rouen");
    const rouen = (await one<{ id: string }>("SELECT id FROM conventions WHERE number = 'ROUEN-PARTENARIAT'")).id;
    const access = async (jobSeekerId: string) => {
      const res = await rouenDpo.post("/api/privacy/rights-requests", { jobSeekerId, kind: "access", channel: "letter", conventionId: rouen, receivedOn: today, request: "Copie de mes données" });
      expect(res.statusCode, res.body).toBe(201);
      expect((await rouenDpo.post(`/api/privacy/rights-requests/${res.json().id}/answer`, { answeredOn: today, answer: "Voici vos données." })).statusCode).toBe(200);
      return pdfText((await rouenDpo.get(`/api/privacy/rights-requests/${res.json().id}/access-answer.pdf`)).rawPayload);
    };
    const pec = await one<{ job_seeker_id: string }>("SELECT job_seeker_id FROM pec_contracts WHERE status = 'active' ORDER BY created_at LIMIT 1");
    const text = await access(pec.job_seeker_id);
    expect(text).toContain("Parcours emploi compétences — candidatures");
    expect(text).toContain("Diagnostic du conseiller");
    expect(text).toContain("Parcours emploi compétences — contrat chez Ville de Rouen (convention ROUEN-");
    expect(text).toContain("26 heures par semaine • Tuteur :");
    expect(text).toContain("Livret de suivi « 1er mois du contrat »");
    const immersion = await one<{ job_seeker_id: string; host: string }>(
      "SELECT i.job_seeker_id, o.name AS host FROM immersions i JOIN organisations o ON o.id = i.host_org_id ORDER BY i.created_at LIMIT 1",
    );
    const immersionText = await access(immersion.job_seeker_id);
    expect(immersionText).toContain("Immersions en milieu professionnel (PMSMP)");
    expect(immersionText).toContain(`Chez ${immersion.host} du`);
  });
});

describe("erasure and the programmes", () => {
  it("refuses while a PEC contract runs; once it has ended, its PEC rows go with the record and are counted", async () => {
    const rouenDpo = await t.loginAs("dpo.rouen");
    const rouen = (await one<{ id: string }>("SELECT id FROM conventions WHERE number = 'ROUEN-PARTENARIAT'")).id;
    const contract = await one<{ id: string; job_seeker_id: string; ends_on: string }>(
      "SELECT id, job_seeker_id, to_char(ends_on, 'DD/MM/YYYY') AS ends_on FROM pec_contracts WHERE status = 'active' ORDER BY created_at LIMIT 1",
    );
    const ask = async () => {
      const res = await rouenDpo.post("/api/privacy/rights-requests", { jobSeekerId: contract.job_seeker_id, kind: "erasure", channel: "letter", conventionId: rouen, receivedOn: today, request: "Effacez mes données" });
      expect(res.statusCode, res.body).toBe(201);
      return res.json().id as string;
    };
    const refused = await rouenDpo.post(`/api/privacy/rights-requests/${await ask()}/answer`, { answeredOn: today, answer: "Accordée." });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("ERASURE_PEC_CONTRACT");
    expect(issues(refused.json())[0]).toEqual({
      path: "body.answer",
      message: `L’effacement ne peut pas être appliqué : la personne est salariée sous un contrat parcours emploi compétences en cours jusqu’au ${contract.ends_on}, dont le suivi fonde le traitement de ses données. Refusez la demande avec ce motif, ou attendez la fin du contrat.`,
    });
    expect(await count("pec_contracts WHERE id = $1", [contract.id])).toBe(1);

    // The contract ended (as its exit command records it): the erasure goes through.
    await t.db.query("UPDATE pec_contracts SET status = 'ended', exit_on = starts_on, exit_outcome = 'other' WHERE id = $1", [contract.id]);
    const candidacies = await count("pec_candidacies WHERE job_seeker_id = $1", [contract.job_seeker_id]);
    const res = await rouenDpo.post(`/api/privacy/rights-requests/${await ask()}/answer`, { answeredOn: today, answer: "Accordée." });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().erasedCounts).toMatchObject({ people: 1, pecContracts: 1, pecCandidacies: candidacies });
    expect(res.json().applied).toContain("1 contrat PEC (avec son livret)");
    expect(await count("pec_contracts WHERE id = $1", [contract.id])).toBe(0);
  });
});
