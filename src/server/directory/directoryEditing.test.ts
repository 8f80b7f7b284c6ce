import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { createTestApp, type TestApp } from "../testing/testApp.js";

/**
 * Changing a published service from its page (ADR 0035): the form is prefilled from the record,
 * the update goes through the publishing command (schema, zone, audit), keeps what the form does
 * not show, and a refused field changes nothing.
 */
let t: TestApp;
let serviceId: string;
const form = {
  nom: "Logement d’abord Aubusson",
  description: "Accompagnement vers le logement.",
  thematiques: ["logement-hebergement--louer-un-logement"],
  zone_eligibilite: ["23008"],
  horaires_accueil: "Mo-Fr 09:00-12:00",
};

beforeAll(async () => {
  t = await createTestApp();
  const admin = await t.loginAs("admin.creuse");
  const file = {
    structures: [{ source: "cd23", id: "cd23--mds-aubusson", nom: "MDS d’Aubusson", date_maj: "2026-03-01", code_insee: "23008" }],
    services: [{ source: "cd23", id: "cd23--aubusson", structure_id: "cd23--mds-aubusson", nom: "Logement Aubusson", description: "Accompagnement vers le logement.", date_maj: "2026-03-01", zone_eligibilite: ["23008"], latitude: 45.95, lien_source: "https://exemple.fr/aubusson" }],
  };
  expect((await admin.post("/api/directory/imports", file)).statusCode).toBe(200);
  [{ id: serviceId }] = await t.db.query<{ id: string }>("SELECT id FROM directory_services WHERE di_id = 'cd23--aubusson'");
}, 180_000);
afterAll(() => t?.close());

describe("editing a published service", () => {
  it("its keeper sees it editable with its structure; the update keeps the fields outside the form and is audited", async () => {
    const admin = await t.loginAs("admin.creuse");
    const sheet = (await admin.get(`/api/directory/services/${serviceId}`)).json();
    expect(sheet).toMatchObject({ own: true, editable: true });
    const res = await admin.put(`/api/directory/services/${serviceId}`, { ...form, structureId: sheet.structureId });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().service).toEqual({
      source: "tandem",
      id: "cd23--aubusson",
      structure_id: "cd23--mds-aubusson",
      nom: "Logement d’abord Aubusson",
      description: "Accompagnement vers le logement.",
      thematiques: ["logement-hebergement--louer-un-logement"],
      zone_eligibilite: ["23008"],
      horaires_accueil: "Mo-Fr 09:00-12:00",
      date_maj: parisToday(),
      latitude: 45.95,
      lien_source: "https://exemple.fr/aubusson",
    });
    const audits = await t.db.query<{ n: string }>("SELECT count(*) AS n FROM audit_events WHERE action = 'directory.service_published' AND subject_id = $1", [serviceId]);
    expect(Number(audits[0].n)).toBe(1);
  });

  it("a refused field is said next to it and changes nothing", async () => {
    const admin = await t.loginAs("admin.creuse");
    const { structureId } = (await admin.get(`/api/directory/services/${serviceId}`)).json();
    const res = await admin.put(`/api/directory/services/${serviceId}`, { ...form, structureId, nom: "Nouveau nom", zone_eligibilite: ["23999"] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues).toEqual([{ path: "body.zone_eligibilite", message: "Code inconnu du référentiel officiel : « 23999 »." }]);
    const [row] = await t.db.query<{ nom: string }>("SELECT record->>'nom' AS nom FROM directory_services WHERE id = $1", [serviceId]);
    expect(row.nom).toBe("Logement d’abord Aubusson");
  });

  it("a partner reading the resource cannot edit it", async () => {
    const partner = await t.loginAs("admin.basrhin");
    const res = await partner.get(`/api/directory/services/${serviceId}`);
    expect(res.statusCode).toBe(404);
    const own = (await partner.get("/api/directory")).json().items as { own: boolean; editable: boolean }[];
    expect(own.filter((i) => i.own).every((i) => i.editable)).toBe(true);
    expect(own.filter((i) => !i.own).some((i) => i.editable)).toBe(false);
    expect(own.filter((i) => !i.own).length).toBeGreaterThan(0);
  });
});

describe("opening hours in the OSM format the schema requires", () => {
  const message = "Horaires à écrire au format OpenStreetMap (par exemple « Mo-Fr 08:30-12:00,13:30-17:00; PH off ») : « du lundi au vendredi 9h-17h » n’est pas compris.";

  it("the form says it next to the field and nothing changes", async () => {
    const admin = await t.loginAs("admin.creuse");
    const { structureId } = (await admin.get(`/api/directory/services/${serviceId}`)).json();
    const res = await admin.put(`/api/directory/services/${serviceId}`, { ...form, structureId, horaires_accueil: "du lundi au vendredi 9h-17h" });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues).toEqual([{ path: "body.horaires_accueil", message }]);
    const [row] = await t.db.query<{ h: string }>("SELECT record->>'horaires_accueil' AS h FROM directory_services WHERE id = $1", [serviceId]);
    expect(row.h).toBe("Mo-Fr 09:00-12:00");
  });

  it("an import reports the line and imports nothing", async () => {
    const admin = await t.loginAs("admin.creuse");
    const service = { source: "cd23", id: "cd23--horaires", structure_id: "cd23--mds-aubusson", nom: "Permanence logement", description: "Accompagnement vers le logement.", date_maj: "2026-03-01", zone_eligibilite: ["23008"] };
    const res = await admin.post("/api/directory/imports", { services: [{ ...service, horaires_accueil: "Mo-Fr 09:00-12:00; PH off" }, { ...service, id: "cd23--horaires-2", horaires_accueil: "du lundi au vendredi 9h-17h" }] });
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.report.issues).toEqual([{ collection: "services", line: 2, field: "horaires_accueil", value: "du lundi au vendredi 9h-17h", message }]);
    const rows = await t.db.query("SELECT 1 FROM directory_services WHERE di_id LIKE 'cd23--horaires%'");
    expect(rows).toHaveLength(0);
  });
});
