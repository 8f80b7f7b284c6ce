import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { buildSupportCase } from "../demo/buildSupportCase.js";
import { loadConfig } from "../platform/config.js";
import { createMailer } from "../platform/mail.js";
import { sendCampaignReminders } from "./campaignReminders.js";
import { createTestApp, type TestApp } from "../testing/testApp.js";

/**
 * Issue 13 part 1 — the partners' resource directory on the data·inclusion schema 1.x (ADR 0035):
 * export validated by a real JSON Schema validator against the vendored published files, an import
 * with invalid lines refused whole with its per-line report, search by need filtered by commune.
 */
let t: TestApp;
const schemaDir = path.join(path.dirname(fileURLToPath(import.meta.url)), "schema");
const published = (name: string) => JSON.parse(fs.readFileSync(path.join(schemaDir, name), "utf8"));
const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query<{ n: string }>(sql, params))[0].n);

beforeAll(async () => {
  t = await createTestApp();
}, 180_000);
afterAll(() => t?.close());

describe("export in the data·inclusion schema", () => {
  it("the demo's resources of each organisation validate against the published JSON Schema (Ajv 2020-12 with formats)", async () => {
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats.default(ajv);
    const structure = ajv.compile(published("structure.json"));
    const service = ajv.compile(published("service.json"));
    let services = 0;
    for (const account of ["admin.basrhin", "admin.strasbourg", "admin.creuse", "admin.troyes", "admin.ccas-rouen", "admin.metz"]) {
      const res = await (await t.loginAs(account)).get("/api/directory/export");
      expect(res.statusCode, res.body).toBe(200);
      const file = res.json();
      expect(file.structures.length).toBeGreaterThan(0);
      for (const s of file.structures) expect(structure(s), JSON.stringify(structure.errors)).toBe(true);
      for (const s of file.services) expect(service(s), JSON.stringify(service.errors)).toBe(true);
      services += file.services.length;
    }
    expect(services).toBe(10);
    const basRhin = (await (await t.loginAs("admin.basrhin")).get("/api/directory/export")).json();
    expect(basRhin.services.map((s: { id: string }) => s.id).sort()).toEqual(["tandem--cea-budget", "tandem--cea-fsl-acces", "tandem--cea-haguenau-maintien"]);
    expect(basRhin.services.find((s: { id: string }) => s.id === "tandem--cea-fsl-acces")).toMatchObject({
      source: "tandem",
      structure_id: "tandem--cea-uts-strasbourg-sud",
      zone_eligibilite: ["67"],
      thematiques: ["logement-hebergement--louer-un-logement", "logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement"],
      horaires_accueil: "Mo-Fr 08:30-12:00,13:30-17:00",
    });
  });
});

describe("import in the data·inclusion schema", () => {
  const structure = { source: "cd23", id: "cd23--mds-aubusson", nom: "MDS d’Aubusson", date_maj: "2026-03-01", code_insee: "23008" };
  const good = { source: "cd23", id: "cd23--aubusson-logement", structure_id: "cd23--mds-aubusson", nom: "Logement d’abord Aubusson", description: "Accompagnement vers le logement.", date_maj: "2026-03-01", zone_eligibilite: ["23008"], thematiques: ["logement-hebergement--louer-un-logement"] };

  it("a file with invalid lines imports nothing and reports each line with its field, value and message", async () => {
    const admin = await t.loginAs("admin.creuse");
    const before = await count("SELECT count(*) AS n FROM directory_services");
    const file = {
      structures: [structure],
      services: [
        good,
        { ...good, id: "cd23--2", nom: "AB" },
        { ...good, id: "cd23--3", thematiques: ["logement"], date_maj: "01/03/2026" },
        { ...good, id: "cd23--4", zone_eligibilite: ["23999"] },
        { ...good, id: "cd23--5", structure_id: "cd23--inconnue", courriel: "pas-une-adresse" },
        { ...good, id: "tandem--cea-fsl-acces" },
        { source: "cd23", id: "cd23--6", nom: "Sans description ni date" },
      ],
    };
    const res = await admin.post("/api/directory/imports", file);
    expect(res.statusCode, res.body).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe("DIRECTORY_IMPORT_INVALID");
    const issues = body.error.details.report.issues.map((i: { line: number; field: string; value: unknown }) => [i.line, i.field, i.value]);
    expect(issues).toEqual(
      expect.arrayContaining([
        [2, "nom", "AB"],
        [3, "thematiques", "logement"],
        [3, "date_maj", "01/03/2026"],
        [4, "zone_eligibilite", "23999"],
        [5, "structure_id", "cd23--inconnue"],
        [5, "courriel", "pas-une-adresse"],
        [6, "id", "tandem--cea-fsl-acces"],
        [7, "description", null],
        [7, "structure_id", null],
        [7, "date_maj", null],
      ]),
    );
    expect(body.error.details.report.issues).toHaveLength(10);
    expect(body.error.details.report.issues.find((i: { line: number; field: string }) => i.line === 6 && i.field === "id").message).toBe(
      "Cet identifiant est déjà publié par une autre organisation.",
    );
    expect(body.error.details.report.issues.every((i: { collection: string }) => i.collection === "services")).toBe(true);
    expect(await count("SELECT count(*) AS n FROM directory_services")).toBe(before);
    expect(await count("SELECT count(*) AS n FROM directory_structures WHERE di_id = 'cd23--mds-aubusson'")).toBe(0);
  });

  it("a valid file is imported whole, with its zone's communes", async () => {
    const admin = await t.loginAs("admin.creuse");
    const res = await admin.post("/api/directory/imports", { structures: [structure], services: [good] });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: true, structures: 1, services: 1, issues: [] });
    expect(await count("SELECT count(*) AS n FROM directory_service_communes c JOIN directory_services s ON s.id = c.service_id WHERE s.di_id = 'cd23--aubusson-logement'")).toBe(1);
  });

  it("a file larger than the bound is refused before it is parsed", async () => {
    const admin = await t.loginAs("admin.creuse");
    const res = await admin.request({ method: "POST", url: "/api/directory/imports", headers: { "content-type": "application/json" }, payload: `{"services":[${"1,".repeat(3_000_000)}1]}` });
    expect(res.statusCode).toBe(413);
  });
});

describe("search by need from a case", () => {
  let caseId: string;
  beforeAll(async () => {
    caseId = await buildSupportCase(t.db, { advisor: "conseiller.basrhin", socialWorker: "social.basrhin", jobSeekerCommune: "67482", entered: { monthsAgo: 1 } });
  });

  it("housing and mobility barriers map to thématiques; only resources whose zone covers Strasbourg are proposed", async () => {
    const social = await t.loginAs("social.basrhin");
    const res = await social.get(`/api/support/cases/${caseId}/resources`);
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.commune).toBe("67482");
    expect(body.barriers.map((b: { code: string }) => b.code).sort()).toEqual(["housing", "mobility"]);
    expect(body.barriers.find((b: { code: string }) => b.code === "housing").thematiques).toHaveLength(7);
    // FSL (zone 67) and the city's mobility aid (zone 67482); not Haguenau's (67180), nor the budget service (no matching thématique), nor Creuse's housing.
    expect(body.items.map((i: { service: { id: string } }) => i.service.id).sort()).toEqual(["tandem--cea-fsl-acces", "tandem--strasbourg-mobilite"]);
    expect(body.items.find((i: { service: { id: string } }) => i.service.id === "tandem--strasbourg-mobilite").organisation.name).toBe("Ville de Strasbourg");
  });

  it("when the person lives in Haguenau, Haguenau's service is proposed and Strasbourg's is not", async () => {
    await t.db.query("UPDATE job_seekers SET commune_insee = '67180' WHERE id = (SELECT job_seeker_id FROM support_cases WHERE id = $1)", [caseId]);
    try {
      const social = await t.loginAs("social.basrhin");
      const body = (await social.get(`/api/support/cases/${caseId}/resources`)).json();
      expect(body.items.map((i: { service: { id: string } }) => i.service.id).sort()).toEqual(["tandem--cea-fsl-acces", "tandem--cea-haguenau-maintien"]);
    } finally {
      await t.db.query("UPDATE job_seekers SET commune_insee = '67482' WHERE id = (SELECT job_seeker_id FROM support_cases WHERE id = $1)", [caseId]);
    }
  });

  it("a resource is recorded as mobilised on the case's timeline; one outside the person's commune is refused", async () => {
    const social = await t.loginAs("social.basrhin");
    const [fsl] = await t.db.query<{ id: string }>("SELECT id FROM directory_services WHERE di_id = 'tandem--cea-fsl-acces'");
    const [haguenau] = await t.db.query<{ id: string }>("SELECT id FROM directory_services WHERE di_id = 'tandem--cea-haguenau-maintien'");
    const res = await social.post(`/api/support/cases/${caseId}/mobilised-resources`, { serviceId: fsl.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().mobilised.map((m: { nom: string }) => m.nom)).toEqual(["Fonds de solidarité logement — aide à l’accès"]);
    const timeline = (await social.get(`/api/support/cases/${caseId}`)).json().timeline.map((e: { label: string }) => e.label);
    expect(timeline).toContain("Ressource partenaire mobilisée : Fonds de solidarité logement — aide à l’accès (Unité territoriale d’action sociale Strasbourg Sud)");
    const refused = await social.post(`/api/support/cases/${caseId}/mobilised-resources`, { serviceId: haguenau.id });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().error.code).toBe("DIRECTORY_SERVICE_NOT_IN_REACH");
    expect(await count("SELECT count(*) AS n FROM support_case_events WHERE case_id = $1 AND kind = 'resource_mobilised'", [caseId])).toBe(1);
  });
});

describe("who sees what", () => {
  it("partners under a convention in force see each other's resources; another territory's do not", async () => {
    const strasbourg = (await (await t.loginAs("social.strasbourg")).get("/api/directory")).json();
    const ids = strasbourg.items.map((i: { service: { id: string } }) => i.service.id);
    expect(ids).toContain("tandem--cea-fsl-acces");
    expect(ids).not.toContain("tandem--creuse-logement");
    const creuse = await t.loginAs("social.creuse");
    const [fsl] = await t.db.query<{ id: string }>("SELECT id FROM directory_services WHERE di_id = 'tandem--cea-fsl-acces'");
    expect((await creuse.get(`/api/directory/services/${fsl.id}`)).statusCode).toBe(404);
    expect((await creuse.get("/api/directory")).json().items.map((i: { service: { id: string } }) => i.service.id)).not.toContain("tandem--cea-fsl-acces");
  });

  it("a form that breaks the schema is refused field by field and changes nothing", async () => {
    const admin = await t.loginAs("admin.metz");
    const before = await count("SELECT count(*) AS n FROM directory_services");
    const res = await admin.post("/api/directory/services", { structureNom: "CCAS", nom: "Aide", description: "Une aide utile.", courriel: "x", zone_eligibilite: ["57999"] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues.map((i: { path: string }) => i.path).sort()).toEqual(["body.courriel", "body.zone_eligibilite"]);
    expect(await count("SELECT count(*) AS n FROM directory_services")).toBe(before);
  });
});

describe("the yearly update campaign and the directory's accounts (steering)", () => {
  it("a steering user opens the campaign; progress counts the parties' services updated since it opened", async () => {
    const steering = await t.loginAs("pilotage.basrhin");
    const before = (await steering.get("/api/directory/steering")).json();
    const basRhin = before.conventions.find((c: { number: string }) => c.number === "BAS-RHIN-2021-AG");
    expect(basRhin.campaign).toBeNull();
    // The file says the convention sets no day (002 axe 1): 31 December, and the page says why.
    expect(basRhin.deadlineNote).toMatch(
      /^La convention ne fixe pas de jour pour la mise à jour de la base de ressources \(002 axe 1 — base de ressources sociales « actualisée périodiquement dans le cadre du CODELICO », « actualisation automatisée » des bases, sans date fixée\) : échéance retenue au 31\/12\/\d{4}\.$/,
    );
    const year = Number(parisToday().slice(0, 4));
    const res = await steering.post("/api/directory/campaigns", { conventionId: basRhin.id, year });
    expect(res.statusCode, res.body).toBe(200);
    const campaign = res.json().conventions.find((c: { number: string }) => c.number === "BAS-RHIN-2021-AG").campaign;
    // Five services of the parties (three of the Département, two of the city), the budget one last updated 14 months ago.
    expect(campaign).toMatchObject({ year, deadline: `${year}-12-31`, updated: 4, total: 5, percent: 80 });
    expect((await steering.post("/api/directory/campaigns", { conventionId: basRhin.id, year })).json().error.code).toBe("DIRECTORY_CAMPAIGN_EXISTS");
    // Reminders: the Département's keepers (its org_admin) for its stale budget service, once per stage; the city has nothing stale.
    const config = loadConfig({ NODE_ENV: "test" });
    const deps = { db: t.db, config, mailer: createMailer(t.db, { from: config.mailFrom }) };
    const today = parisToday();
    // The « campaign open » stage ends 30 days before the deadline: from December on, the test runs it on 30 November.
    const openStageDay = today <= `${year}-11-30` ? today : `${year}-11-30`;
    expect(await sendCampaignReminders(deps, openStageDay)).toBe(1);
    expect(await sendCampaignReminders(deps, openStageDay)).toBe(0);
    const [reminder] = await t.db.query<{ email: string; title: string; body: string }>(
      "SELECT u.email, n.title, n.body FROM notifications n JOIN users u ON u.id = n.user_id WHERE n.kind = 'directory_campaign'",
    );
    expect(reminder.email).toBe("admin.basrhin@demo.tandem.fr");
    expect(reminder.body).toMatch(/^1 ressource\(s\) de votre organisation n’ont pas été mises à jour depuis l’ouverture de la campagne annuelle le /);
    // Its e-mail closes on the directory's own sentence, not on global support's.
    const [mail] = await t.db.query<{ body_text: string }>("SELECT body_text FROM emails WHERE to_address = 'admin.basrhin@demo.tandem.fr' AND subject LIKE 'Tandem — Annuaire%'");
    expect(mail.body_text).toMatch(
      /\n\nCe message vous est adressé par Tandem au titre de la mise à jour conjointe de la base de ressources partenariales prévue par votre convention\.$/,
    );
    expect(mail.body_text).not.toContain("accompagnement global");
    expect(await sendCampaignReminders(deps, `${year}-12-31`)).toBe(1);
    expect(await sendCampaignReminders(deps, `${year + 1}-01-01`)).toBe(1);
    // The Département confirms its budget service is still accurate: the campaign reaches 100 %; a partner may not confirm it.
    const [budget] = await t.db.query<{ id: string }>("SELECT id FROM directory_services WHERE di_id = 'tandem--cea-budget'");
    expect((await (await t.loginAs("admin.strasbourg")).post(`/api/directory/services/${budget.id}/confirmation`)).statusCode).toBe(404);
    const confirmed = await (await t.loginAs("admin.basrhin")).post(`/api/directory/services/${budget.id}/confirmation`);
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(confirmed.json().service.date_maj).toBe(today);
    const after = (await steering.get("/api/directory/steering")).json().conventions.find((c: { number: string }) => c.number === "BAS-RHIN-2021-AG").campaign;
    expect(after).toMatchObject({ updated: 5, total: 5, percent: 100 });
    const accounts = res.json().accounts.find((a: { organisation: string }) => a.organisation === "Ville de Strasbourg");
    expect(accounts.count).toBe(3);
    expect(accounts.users.map((u: { email: string }) => u.email).sort()).toEqual(["admin.strasbourg@demo.tandem.fr", "agent.strasbourg@demo.tandem.fr", "social.strasbourg@demo.tandem.fr"]);
  });

  it("the Creuse convention's commitment gives the deadline its reason; a social worker opens no campaign", async () => {
    const steering = await t.loginAs("pilotage.creuse");
    const creuse = (await steering.get("/api/directory/steering")).json().conventions[0];
    expect(creuse.deadlineNote).toMatch(
      /^La convention ne fixe pas de jour pour la mise à jour de la base de ressources \(001 art\. 2\.1 — « une mise à jour conjointe de cette base à minima une fois par an », sans jour fixé\) : échéance retenue au \d\d\/\d\d\/\d{4}\.$/,
    );
    const social = await t.loginAs("social.creuse");
    expect((await social.post("/api/directory/campaigns", { conventionId: creuse.id, year: 2026 })).statusCode).toBe(403);
  });

  it("a convention file that writes the update's day gives the campaign its deadline, with its source; a day that does not exist is refused", async () => {
    const [basRhin] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'BAS-RHIN-2021-AG'");
    await t.db.query(
      `UPDATE conventions SET base_terms = jsonb_set(base_terms, '{directory}', '{"yearlyUpdateBy": "06-30", "source": "002 axe 1 (jour écrit pour le test)"}') WHERE id = $1`,
      [basRhin.id],
    );
    const year = Number(parisToday().slice(0, 4)) + 1;
    const steering = await t.loginAs("pilotage.basrhin");
    const res = await steering.post("/api/directory/campaigns", { conventionId: basRhin.id, year });
    expect(res.statusCode, res.body).toBe(200);
    const [campaign] = await t.db.query<{ deadline: string }>(
      "SELECT to_char(deadline, 'YYYY-MM-DD') AS deadline FROM directory_update_campaigns WHERE convention_id = $1 AND year = $2",
      [basRhin.id, year],
    );
    expect(campaign.deadline).toBe(`${year}-06-30`);
    const note = res.json().conventions.find((c: { number: string }) => c.number === "BAS-RHIN-2021-AG").deadlineNote;
    expect(note).toBe(`La convention fixe la mise à jour de la base de ressources au 30/06 de chaque année (002 axe 1 (jour écrit pour le test)) : échéance au 30/06/${year - 1}.`);
    const { ConventionTermsSchema } = await import("../../shared/contracts/conventionFile.js");
    const yamlText = fs.readFileSync(path.join(schemaDir, "../../../../conventions/bas-rhin-2021-accompagnement-global.yaml"), "utf8");
    const { parse } = await import("yaml");
    const terms = parse(yamlText).convention;
    expect(ConventionTermsSchema.safeParse(terms).success).toBe(true);
    const refused = ConventionTermsSchema.safeParse({ ...terms, directory: { yearlyUpdateBy: "02-30", source: "test" } });
    expect(refused.error?.issues.map((i) => [i.path.join("."), i.message])).toEqual([["directory.yearlyUpdateBy", "Ce jour n’existe pas dans l’année."]]);
    expect(ConventionTermsSchema.safeParse({ ...terms, directory: { yearlyUpdateBy: "30/06", source: "test" } }).error?.issues[0].message).toBe(
      "Jour de l’année attendu au format MM-JJ (ex. 06-30).",
    );
  });
});
