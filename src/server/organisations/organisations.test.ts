import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { systemContext } from "../platform/requestContext.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";
import { formatImportReport, importOrganisations } from "./importOrganisations.js";

let t: TestApp;
let admin: TestClient;
beforeAll(async () => {
  t = await createTestApp();
  admin = await t.loginAs("admin.plateforme");
});
afterAll(() => t.close());

const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query<{ n: string }>(sql, params))[0].n);
const organisationCount = () => count("SELECT count(*) AS n FROM organisations");
const auditCount = (action: string) => count("SELECT count(*) AS n FROM audit_events WHERE action = $1", [action]);

const lozere = {
  name: "Département de la Lozère",
  kind: "departement",
  siren: "224800011",
  siret: "22480001100013",
  departementCode: "48",
  territory: { kind: "departement", code: "48" },
  postalAddress: "4 rue de la Rovère, 48000 Mende",
  contactEmail: "insertion@lozere.fr",
  dpoName: "Claire Delmas",
  dpoEmail: "dpo@lozere.fr",
  securityEmail: "rssi@lozere.fr",
};

describe("organisations administered by the platform admin", () => {
  let directionId: string;

  it("creates a département whose territory is its 152 current communes from the referential, and audits it", async () => {
    const before = await auditCount("organisation.created");
    const res = await admin.post("/api/organisations", lozere);
    expect(res.statusCode).toBe(201);
    const org = res.json();
    expect(org.code).toBe("departement-de-la-lozere");
    expect(org.kind).toBe("departement");
    expect(org.siret).toBe("22480001100013");
    expect(org.territory).toMatchObject({ kind: "departement", code: "48", label: "Lozère (48)", communeCount: 152 });
    expect(org.dpoEmail).toBe("dpo@lozere.fr");
    expect(await count("SELECT count(*) AS n FROM organisation_communes WHERE organisation_id = $1", [org.id])).toBe(152);
    expect(await auditCount("organisation.created")).toBe(before + 1);
  });

  it("creates a France Travail agency under its direction, its catchment a list of communes", async () => {
    const direction = await admin.post("/api/organisations", {
      name: "France Travail — Direction territoriale Lozère",
      kind: "ft_direction",
      territory: { kind: "departement", code: "48" },
    });
    expect(direction.statusCode).toBe(201);
    directionId = direction.json().id;
    const res = await admin.post("/api/organisations", {
      name: "France Travail — Agence de Mende",
      code: "ft-mende",
      kind: "ft_agency",
      siret: "130 005 481 00010",
      ftAgencyCode: "lrm0048",
      parentId: directionId,
      territory: { kind: "communes", communes: ["48095", "48016"] },
    });
    expect(res.statusCode).toBe(201);
    const agency = res.json();
    expect(agency).toMatchObject({ code: "ft-mende", siret: "13000548100010", ftAgencyCode: "LRM0048", parent: { id: directionId, name: "France Travail — Direction territoriale Lozère" } });
    expect(agency.territory.communes).toEqual([
      { code: "48016", name: "Balsièges" },
      { code: "48095", name: "Mende" },
    ]);
  });

  it("edits an organisation: its territory becomes an EPCI's member communes, audited with what changed", async () => {
    const created = (await admin.post("/api/organisations", { name: "CCAS de Mende", kind: "ccas", inseeCode: "48095", territory: { kind: "communes", communes: ["48095"] } })).json();
    const res = await admin.request({
      method: "PUT",
      url: `/api/organisations/${created.id}`,
      payload: { name: "CCAS de Mende", kind: "ccas", inseeCode: "48095", territory: { kind: "epci", siren: "244800405" }, contactEmail: "ccas@mende.fr" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.json().territory).toMatchObject({ kind: "epci", code: "244800405", label: "CC Coeur de Lozère", communeCount: 7 });
    expect(res.json().contactEmail).toBe("ccas@mende.fr");
    const [event] = await t.db.query<{ details: { changed: string[] } }>(
      "SELECT details FROM audit_events WHERE action = 'organisation.updated' AND subject_id = $1",
      [created.id],
    );
    expect(event.details.changed).toEqual(["territory", "contactEmail"]);
  });

  it("refuses an unknown INSEE code, naming the field, in French, and writes nothing", async () => {
    const before = await organisationCount();
    const res = await admin.post("/api/organisations", {
      name: "Agence fictive",
      kind: "ft_agency",
      territory: { kind: "communes", communes: ["48095", "48999"] },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("VALIDATION_ERROR");
    expect(res.json().error.details.issues).toEqual([
      { path: "body.territory.communes.1", message: "Commune inconnue du référentiel officiel : 48999." },
    ]);
    expect(await organisationCount()).toBe(before);
  });

  it("refuses a bad SIRET (Luhn), an unknown département and an EPCI SIREN that is no EPCI", async () => {
    const badSiret = await admin.post("/api/organisations", { ...lozere, name: "Autre", siret: "22480001100010" });
    expect(badSiret.statusCode).toBe(400);
    expect(badSiret.json().error.details.issues).toEqual([{ path: "body.siret", message: "Ce SIRET n’est pas valide (clé de contrôle incorrecte)." }]);
    const unknownDepartement = await admin.post("/api/organisations", { name: "Nulle part", kind: "departement", territory: { kind: "departement", code: "99" } });
    expect(unknownDepartement.json().error.details.issues).toEqual([{ path: "body.territory.code", message: "Département inconnu du référentiel officiel : 99." }]);
    const notEpci = await admin.post("/api/organisations", { name: "Pas un EPCI", kind: "epci", territory: { kind: "epci", siren: "130005481" } });
    expect(notEpci.json().error.details.issues).toEqual([{ path: "body.territory.siren", message: "Aucun EPCI du référentiel officiel n’a ce SIREN : 130005481." }]);
  });

  it("refuses a non-admin with 403, writing nothing", async () => {
    const orgAdmin = await t.loginAs("admin.creuse");
    const before = await organisationCount();
    const audits = await auditCount("organisation.created");
    const res = await orgAdmin.post("/api/organisations", { ...lozere, name: "Département pirate", siren: null, siret: null });
    expect(res.statusCode).toBe(403);
    expect(res.json().error.code).toBe("FORBIDDEN");
    expect(await organisationCount()).toBe(before);
    expect(await auditCount("organisation.created")).toBe(audits);
    expect((await orgAdmin.get("/api/organisations")).statusCode).toBe(403);
  });

  it("refuses a parent that would make a cycle", async () => {
    const agency = (await admin.get("/api/organisations?q=Agence de Mende")).json().items[0];
    const direction = (await admin.get(`/api/organisations/${directionId}`)).json();
    const res = await admin.request({
      method: "PUT",
      url: `/api/organisations/${directionId}`,
      payload: { name: direction.name, kind: "ft_direction", parentId: agency.id, territory: { kind: "departement", code: "48" } },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues).toEqual([
      { path: "body.parentId", message: "Cette organisation ne peut pas être rattachée à l’une de ses propres organisations rattachées." },
    ]);
  });

  it("lists organisations with search (accents ignored) and paging done in SQL", async () => {
    const res = await admin.get("/api/organisations?q=lozere&pageSize=1");
    expect(res.statusCode).toBe(200);
    expect(res.json().total).toBe(2);
    expect(res.json().items).toHaveLength(1);
    expect(res.json().items[0]).toMatchObject({ name: "Département de la Lozère", kind: "departement", communeCount: 152, userCount: 0 });
  });

  it("searches the official referential for the pickers", async () => {
    const communes = (await admin.get("/api/referentiel/communes?q=mende")).json().items;
    expect(communes[0]).toEqual({ code: "48095", name: "Mende", detail: "48095 — Lozère" });
    const epcis = (await admin.get("/api/referentiel/epci?q=coeur de lozere")).json().items;
    expect(epcis[0]).toEqual({ code: "244800405", name: "CC Coeur de Lozère", detail: "SIREN 244800405 — 7 communes" });
    const departements = (await admin.get("/api/referentiel/departements")).json().items;
    expect(departements.find((d: { code: string }) => d.code === "2A")).toEqual({ code: "2A", name: "Corse-du-Sud", detail: "2A" });
  });

  it("the platform admin invites the first org admin of a new organisation, by e-mail", async () => {
    const lozereOrg = (await admin.get("/api/organisations?q=Département de la Lozère")).json().items[0];
    const res = await admin.post(`/api/organisations/${lozereOrg.id}/users`, { email: "admin@lozere.fr", firstName: "Jeanne", lastName: "Rouvière", roles: ["org_admin"] });
    expect(res.statusCode).toBe(201);
    const [mail] = await t.db.query<{ body_text: string }>("SELECT body_text FROM emails WHERE to_address = 'admin@lozere.fr'");
    expect(mail.body_text).toContain("pour Département de la Lozère");
    expect(mail.body_text).toContain("Administrateur de l’organisation");
  });
});

describe("the organisation directory (pickers such as a party's successor)", () => {
  it("gives names and kinds only to those who may edit a convention, and refuses an advisor", async () => {
    const steering = await t.loginAs("pilotage.metz");
    const res = await steering.get(`/api/organisations/directory?q=${encodeURIComponent("GUERET")}`);
    expect(res.statusCode).toBe(200);
    expect(res.json().items.map((i: { name: string; detail: string }) => [i.name, i.detail])).toEqual([["France Travail — Agence de Guéret", "Agence France Travail"]]);
    expect(Object.keys(res.json().items[0]).sort()).toEqual(["code", "detail", "name"]);
    const advisor = await t.loginAs("conseiller.metz");
    expect((await advisor.get("/api/organisations/directory?q=lozere")).statusCode).toBe(403);
  });
});

const HEADER = "nom;type;code;siret;code_agence;parent;territoire_communes;courriel_contact";

describe("tandem organisations:import", () => {
  it("imports a region's agencies from a ;-separated CSV with a BOM, parents by code", async () => {
    const csv = `\uFEFF${HEADER}\r\nFrance Travail — Agence de Florac;ft_agency;ft-florac;13000548100101;FLO48;ft-mende;48061;florac@francetravail.fr\r\nFrance Travail — Agence de Cans;ft_agency;ft-cans;;CAN48;ft-mende;"48166,48016";\r\n`;
    const report = await importOrganisations(t.db, systemContext("test"), csv, { dryRun: false, system: true });
    expect(report).toEqual({ dryRun: false, created: 2, lines: 2, problems: [] });
    const [cans] = await t.db.query<{ parent: string; n: string }>(
      "SELECT p.code AS parent, (SELECT count(*) FROM organisation_communes oc WHERE oc.organisation_id = o.id) AS n FROM organisations o JOIN organisations p ON p.id = o.parent_id WHERE o.code = 'ft-cans'",
    );
    expect(cans).toEqual({ parent: "ft-mende", n: "2" });
    expect(await auditCount("organisation.imported")).toBe(1);
  });

  it("is all or nothing: a bad line 3 imports nothing, and the report names line 3, its column and value", async () => {
    const before = await organisationCount();
    const csv = [
      HEADER,
      "Agence A;ft_agency;ft-a;;AAA48;;48095;",
      "Agence B;ft_agency;ft-b;12345678901234;BBB48;;48999;pas-une-adresse",
      "Agence C;ft_agency;ft-c;;CCC48;;48016;",
    ].join("\n");
    const res = await admin.post("/api/organisations/import", { csv });
    expect(res.statusCode).toBe(422);
    expect(res.json().error.code).toBe("ORGANISATION_IMPORT_INVALID");
    expect(res.json().error.details.problems).toEqual([
      { line: 3, column: "siret", value: "12345678901234", message: "Ce SIRET n’est pas valide (clé de contrôle incorrecte)." },
      { line: 3, column: "territoire_communes", value: "48999", message: "Commune inconnue du référentiel officiel : 48999." },
      { line: 3, column: "courriel_contact", value: "pas-une-adresse", message: "Adresse électronique invalide." },
    ]);
    expect(await organisationCount()).toBe(before);
    expect(
      formatImportReport({ dryRun: false, created: 0, lines: 3, problems: res.json().error.details.problems }),
    ).toContain("ligne 3, colonne siret, valeur « 12345678901234 » : Ce SIRET n’est pas valide (clé de contrôle incorrecte).");
  });

  it("dry-run checks everything and writes nothing", async () => {
    const before = await organisationCount();
    const res = await admin.post("/api/organisations/import", { csv: `${HEADER}\nAgence D;ft_agency;ft-d;;DDD48;;48095;`, dryRun: true });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ dryRun: true, created: 0, lines: 1, problems: [] });
    expect(await organisationCount()).toBe(before);
  });

  it("refuses a duplicate code within the file and an unknown column or kind", async () => {
    const csv = [`${HEADER};inconnue`, "A;ft_agency;ft-e;;EEE48;;48095;;x", "B;agence;ft-e;;FFF48;;48095;;"].join("\n");
    const res = await admin.post("/api/organisations/import", { csv });
    expect(res.json().error.details.problems).toEqual([
      { line: 1, column: "inconnue", value: "inconnue", message: "Colonne inconnue. Colonnes possibles : nom, type, code, siren, siret, code_insee, code_departement, code_agence, parent, territoire_departement, territoire_epci, territoire_communes, adresse, courriel_contact, dpo_nom, dpo_courriel, courriel_securite." },
    ]);
    const csv2 = [HEADER, "Agence E;ft_agency;ft-e;;EEE48;;48095;", "Agence F;agence;ft-e;;FFF48;;48095;"].join("\n");
    const res2 = await admin.post("/api/organisations/import", { csv: csv2 });
    expect(res2.json().error.details.problems).toEqual([
      { line: 3, column: "type", value: "agence", message: "Type d’organisation inconnu. Types possibles : ft_region, ft_direction, ft_agency, departement, city, ccas, epci, operator, employer, other." },
      { line: 3, column: "code", value: "ft-e", message: "Ce code figure déjà à la ligne 2." },
    ]);
  });

  it("refuses a non-admin with 403", async () => {
    const steering = await t.loginAs("pilotage.metz");
    const res = await steering.post("/api/organisations/import", { csv: `${HEADER}\nA;ft_agency;ft-z;;ZZZ48;;48095;` });
    expect(res.statusCode).toBe(403);
  });
});
