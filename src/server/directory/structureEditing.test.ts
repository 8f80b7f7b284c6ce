import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { createTestApp, type TestApp } from "../testing/testApp.js";

/**
 * Issue 13's leftovers (ADR 0035): a structure is edited on its own from its page, a service moves
 * to another structure of its organisation — both through the schema's one validation path and the
 * directory's command path, audited —, and « tous-publics » stands alone in `publics` (service.json:
 * « Celle-ci ne peut pas être utilisée avec d’autres valeurs »), in the form, the JSON and CSV imports.
 */
let t: TestApp;
let guéretId: string;
let aubussonId: string;
let serviceId: string;
const count = async (sql: string, params: unknown[] = []) => Number((await t.db.query<{ n: string }>(sql, params))[0].n);

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.loginAs("admin.creuse");
  const file = {
    structures: [
      { source: "cd23", id: "cd23--mds-gueret", nom: "MDS de Guéret", date_maj: "2026-03-01", code_insee: "23096", latitude: 46.17, lien_source: "https://exemple.fr/gueret" },
      { source: "cd23", id: "cd23--mds-aubusson", nom: "MDS d’Aubusson", date_maj: "2026-03-01", code_insee: "23008" },
    ],
    services: [
      { source: "cd23", id: "cd23--logement", structure_id: "cd23--mds-gueret", nom: "Logement d’abord", description: "Accompagnement vers le logement.", date_maj: "2026-03-01", zone_eligibilite: ["23"] },
    ],
  };
  const res = await admin.post("/api/directory/imports", file);
  expect(res.statusCode, res.body).toBe(200);
  [{ id: guéretId }] = await t.db.query<{ id: string }>("SELECT id FROM directory_structures WHERE di_id = 'cd23--mds-gueret'");
  [{ id: aubussonId }] = await t.db.query<{ id: string }>("SELECT id FROM directory_structures WHERE di_id = 'cd23--mds-aubusson'");
  [{ id: serviceId }] = await t.db.query<{ id: string }>("SELECT id FROM directory_services WHERE di_id = 'cd23--logement'");
}, 180_000);
afterAll(() => t?.close());

const structureForm = {
  nom: "Maison du Département de Guéret",
  siret: "22230001400019",
  description: "Accueil social de proximité du Département.",
  adresse: "4 place Louis Lacrocq",
  complement_adresse: "Bâtiment B",
  code_postal: "23000",
  commune: "Guéret",
  code_insee: "23096",
  telephone: "+33555510000",
  courriel: "mds-gueret@creuse.example.fr",
  site_web: "https://www.creuse.fr/mds-gueret",
  horaires_accueil: "Mo-Fr 08:30-12:00,13:30-17:00; PH off",
  accessibilite_lieu: "https://acceslibre.beta.gouv.fr/app/23-gueret/a/mds/erp/mds-gueret/",
};

describe("a structure edited on its own page", () => {
  it("its keeper reads it with its services, and saves every field of the form; what the form does not show is kept; audited", async () => {
    const admin = await t.loginAs("admin.creuse");
    const page = await admin.get(`/api/directory/structures/${guéretId}`);
    expect(page.statusCode, page.body).toBe(200);
    expect(page.json()).toMatchObject({ editable: true, services: [{ id: serviceId, nom: "Logement d’abord" }], structure: { nom: "MDS de Guéret" } });
    const res = await admin.put(`/api/directory/structures/${guéretId}`, structureForm);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().structure).toEqual({
      source: "cd23",
      id: "cd23--mds-gueret",
      date_maj: parisToday(),
      ...structureForm,
      latitude: 46.17,
      lien_source: "https://exemple.fr/gueret",
    });
    expect(res.json().dateMaj).toBe(parisToday());
    expect(await count("SELECT count(*) AS n FROM audit_events WHERE action = 'directory.structure_updated' AND subject_id = $1", [guéretId])).toBe(1);
    // The service's sheet shows the structure's new name.
    expect((await admin.get(`/api/directory/services/${serviceId}`)).json().structure.nom).toBe("Maison du Département de Guéret");
    // Cleared in the form, cleared in the record.
    const cleared = await admin.put(`/api/directory/structures/${guéretId}`, { ...structureForm, complement_adresse: "" });
    expect(cleared.json().structure.complement_adresse).toBeUndefined();
  });

  it("fields that break the schema are refused next to each, and nothing changes", async () => {
    const admin = await t.loginAs("admin.creuse");
    const res = await admin.put(`/api/directory/structures/${guéretId}`, { ...structureForm, nom: "Nouveau nom", siret: "1234", horaires_accueil: "le matin", site_web: "pas une adresse" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.code).toBe("DIRECTORY_STRUCTURE_INVALID");
    expect(res.json().error.details.issues).toEqual([
      { path: "body.siret", message: "14 caractères au moins." },
      { path: "body.site_web", message: "Adresse web (URL) invalide." },
      { path: "body.horaires_accueil", message: "Horaires à écrire au format OpenStreetMap (par exemple « Mo-Fr 08:30-12:00,13:30-17:00; PH off ») : « le matin » n’est pas compris." },
    ]);
    const [row] = await t.db.query<{ nom: string }>("SELECT record->>'nom' AS nom FROM directory_structures WHERE id = $1", [guéretId]);
    expect(row.nom).toBe("Maison du Département de Guéret");
  });

  it("another organisation neither reads nor edits it", async () => {
    const intruder = await t.loginAs("admin.basrhin");
    expect((await intruder.get(`/api/directory/structures/${guéretId}`)).statusCode).toBe(404);
    const res = await intruder.put(`/api/directory/structures/${guéretId}`, { ...structureForm, nom: "Intrusion" });
    expect(res.statusCode).toBe(404);
    expect((await intruder.get("/api/directory/structures")).json().items.map((s: { nom: string }) => s.nom)).not.toContain("Maison du Département de Guéret");
    const [row] = await t.db.query<{ nom: string }>("SELECT record->>'nom' AS nom FROM directory_structures WHERE id = $1", [guéretId]);
    expect(row.nom).toBe("Maison du Département de Guéret");
  });
});

describe("a service moved to another structure of its organisation", () => {
  it("moves with its record's structure_id, today's date, audited; the structures list counts it", async () => {
    const admin = await t.loginAs("admin.creuse");
    const res = await admin.put(`/api/directory/services/${serviceId}/structure`, { structureId: aubussonId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ structureId: aubussonId, structure: { nom: "MDS d’Aubusson" }, service: { structure_id: "cd23--mds-aubusson", date_maj: parisToday() } });
    expect(await count("SELECT count(*) AS n FROM audit_events WHERE action = 'directory.service_moved' AND subject_id = $1", [serviceId])).toBe(1);
    const list = (await admin.get("/api/directory/structures")).json().items;
    const mine = list.filter((s: { nom: string }) => s.nom === "MDS d’Aubusson" || s.nom === "Maison du Département de Guéret");
    expect(mine.sort((a: { services: number }, b: { services: number }) => a.services - b.services)).toEqual([
      { id: guéretId, nom: "Maison du Département de Guéret", services: 0 },
      { id: aubussonId, nom: "MDS d’Aubusson", services: 1 },
    ]);
    // The export still validates: the record names its new structure, which the export holds.
    const file = (await admin.get("/api/directory/export")).json();
    expect(file.services.find((s: { id: string }) => s.id === "cd23--logement").structure_id).toBe("cd23--mds-aubusson");
  });

  it("to its own structure, or to another organisation's, is refused next to the field and changes nothing", async () => {
    const admin = await t.loginAs("admin.creuse");
    const same = await admin.put(`/api/directory/services/${serviceId}/structure`, { structureId: aubussonId });
    expect(same.statusCode).toBe(400);
    expect(same.json().error.details.issues).toEqual([{ path: "body.structureId", message: "Le service est déjà rattaché à cette structure : choisissez-en une autre." }]);
    const [basRhin] = await t.db.query<{ id: string }>("SELECT id FROM directory_structures WHERE di_id = 'tandem--cea-uts-strasbourg-sud'");
    const other = await admin.put(`/api/directory/services/${serviceId}/structure`, { structureId: basRhin.id });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.details.issues).toEqual([{ path: "body.structureId", message: "Structure introuvable parmi celles de votre organisation." }]);
    // A partner may not move the Département's service.
    const intruder = await t.loginAs("admin.basrhin");
    expect((await intruder.put(`/api/directory/services/${serviceId}/structure`, { structureId: basRhin.id })).statusCode).toBe(404);
    const [row] = await t.db.query<{ structure_id: string }>("SELECT structure_id FROM directory_services WHERE id = $1", [serviceId]);
    expect(row.structure_id).toBe(aubussonId);
  });
});

describe("« tous-publics » stands alone in publics", () => {
  const message = "« Tous publics » s’emploie seul : décochez-le ou décochez les autres publics (schéma data·inclusion).";

  it("the form says it next to the field and nothing changes", async () => {
    const admin = await t.loginAs("admin.creuse");
    const form = { structureId: aubussonId, nom: "Logement d’abord", description: "Accompagnement vers le logement.", zone_eligibilite: ["23"] };
    const res = await admin.put(`/api/directory/services/${serviceId}`, { ...form, publics: ["tous-publics", "femmes"] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues).toEqual([{ path: "body.publics", message }]);
    expect((await t.db.query<{ p: unknown }>("SELECT record->'publics' AS p FROM directory_services WHERE id = $1", [serviceId]))[0].p).toBeNull();
    // Alone, or other publics without it: accepted.
    expect((await admin.put(`/api/directory/services/${serviceId}`, { ...form, publics: ["tous-publics"] })).statusCode).toBe(200);
    expect((await admin.put(`/api/directory/services/${serviceId}`, { ...form, publics: ["femmes", "jeunes"] })).statusCode).toBe(200);
  });

  it("a JSON import reports the line and imports nothing", async () => {
    const admin = await t.loginAs("admin.creuse");
    const service = { source: "cd23", structure_id: "cd23--mds-gueret", nom: "Permanence logement", description: "Accompagnement vers le logement.", date_maj: "2026-03-01", zone_eligibilite: ["23"] };
    const res = await admin.post("/api/directory/imports", {
      services: [{ ...service, id: "cd23--publics-1", publics: ["tous-publics"] }, { ...service, id: "cd23--publics-2", publics: ["jeunes", "tous-publics"] }],
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.report.issues).toEqual([{ collection: "services", line: 2, field: "publics", value: ["jeunes", "tous-publics"], message }]);
    expect(await count("SELECT count(*) AS n FROM directory_services WHERE di_id LIKE 'cd23--publics%'")).toBe(0);
  });

  it("a CSV import reports the file's line and imports nothing", async () => {
    const admin = await t.loginAs("admin.creuse");
    const services = [
      "source;structure_id;id;nom;description;date_maj;zone_eligibilite;publics",
      "cd23;cd23--mds-gueret;cd23--publics-3;Permanence logement;Accompagnement vers le logement.;2026-03-01;23;femmes,jeunes",
      "cd23;cd23--mds-gueret;cd23--publics-4;Permanence budget;Accompagnement budgétaire.;2026-03-01;23;tous-publics,femmes",
    ].join("\r\n");
    const res = await admin.post("/api/directory/imports/csv", { services });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.report.issues).toEqual([{ collection: "services", line: 3, field: "publics", value: ["tous-publics", "femmes"], message }]);
    expect(await count("SELECT count(*) AS n FROM directory_services WHERE di_id LIKE 'cd23--publics%'")).toBe(0);
  });

  it("the demo's services respect it (the export validates every record)", async () => {
    const rows = await t.db.query<{ publics: string[] }>("SELECT record->'publics' AS publics FROM directory_services WHERE record ? 'publics'");
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.publics.includes("tous-publics") && r.publics.length > 1).toBe(false);
  });
});
