import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../testing/testApp.js";
import { csvToRecords } from "./directoryCsv.js";
import { schemaIssues } from "./schemaValidator.js";

/**
 * The directory in CSV (ADR 0035): one collection per file, the schema's fields as columns, `;`,
 * UTF-8 with BOM; an import goes through the JSON import's checks, all or nothing, line by line.
 */
let t: TestApp;
const count = async (sql: string) => Number((await t.db.query<{ n: string }>(sql))[0].n);

beforeAll(async () => {
  t = await createTestApp();
}, 180_000);
afterAll(() => t?.close());

describe("CSV export", () => {
  it("writes the Bas-Rhin services with the schema's columns, lists joined by a comma, and reads back into the same valid records", async () => {
    const admin = await t.loginAs("admin.basrhin");
    const res = await admin.get("/api/directory/export/csv?collection=services");
    expect(res.statusCode, res.body).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers["content-disposition"]).toBe('attachment; filename="tandem-data-inclusion-services.csv"');
    expect(res.body.startsWith("\uFEFFsource;structure_id;id;nom;description;date_maj;adresse;code_insee;")).toBe(true);
    const lines = res.body.split("\r\n");
    expect(lines).toHaveLength(5); // header, three services, the final line break
    const fsl = lines.find((l) => l.startsWith("tandem;tandem--cea-uts-strasbourg-sud;tandem--cea-fsl-acces;"))!;
    expect(fsl).toContain(";Mo-Fr 08:30-12:00,13:30-17:00;");
    expect(fsl).toContain(";logement-hebergement--louer-un-logement,logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement;");
    expect(fsl.endsWith(";67")).toBe(true);

    const json = (await admin.get("/api/directory/export")).json();
    const read = csvToRecords("services", res.body);
    expect(read.issues).toEqual([]);
    const withoutNulls = (r: Record<string, unknown>) => Object.fromEntries(Object.entries(r).filter(([, v]) => v !== null && v !== "" && !(Array.isArray(v) && v.length === 0)));
    expect(read.records).toEqual(json.services.map(withoutNulls));
    for (const r of read.records) expect(schemaIssues("services", r)).toEqual([]);

    const structures = await admin.get("/api/directory/export/csv?collection=structures");
    expect(structures.body.startsWith("\uFEFFsource;id;nom;date_maj;accessibilite_lieu;")).toBe(true);
  });
});

describe("CSV import", () => {
  const structures = "source;id;nom;date_maj;code_insee\r\ncd23;cd23--mds-gueret;MDS de Guéret;2026-03-01;23096\r\n";
  const header = "source;structure_id;id;nom;description;date_maj;zone_eligibilite;thematiques;latitude";
  const good = "cd23;cd23--mds-gueret;cd23--gueret-logement;Logement d’abord Guéret;Accompagnement vers le logement.;2026-03-01;23096;logement-hebergement--louer-un-logement;46,17";

  it("a file with invalid lines imports nothing and reports each line by its line in the file", async () => {
    const admin = await t.loginAs("admin.creuse");
    const before = await count("SELECT count(*) AS n FROM directory_services");
    const services = [
      `\uFEFF${header};couleur`,
      `${good};`,
      "cd23;cd23--mds-gueret;cd23--2;AB;Accompagnement vers le logement.;2026-03-01;23096;logement-hebergement--louer-un-logement;46.1;",
      "cd23;cd23--mds-gueret;cd23--3;Logement trois;Accompagnement vers le logement.;01/03/2026;23999;logement;nord;",
      "cd23;cd23--mds-gueret;cd23--4;Trop court",
    ].join("\r\n");
    const res = await admin.post("/api/directory/imports/csv", { structures, services });
    expect(res.statusCode, res.body).toBe(400);
    const report = res.json().error.details.report;
    expect(report.imported).toBe(false);
    expect(report.issues.map((i: { collection: string; line: number; field: string; value: unknown }) => [i.collection, i.line, i.field, i.value])).toEqual(
      expect.arrayContaining([
        ["services", 1, "couleur", "couleur"],
        ["services", 3, "nom", "AB"],
        ["services", 4, "date_maj", "01/03/2026"],
        ["services", 4, "thematiques", "logement"],
        ["services", 4, "latitude", "nord"],
        ["services", 4, "zone_eligibilite", "23999"],
        ["services", 5, "", null],
        ["services", 5, "description", null],
      ]),
    );
    expect(report.issues.find((i: { line: number; field: string }) => i.line === 1).message).toBe("Colonne inconnue du schéma data·inclusion.");
    expect(report.issues.find((i: { line: number; field: string }) => i.line === 5 && i.field === "").message).toBe("10 colonnes attendues, 4 trouvées.");
    expect(report.issues.some((i: { line: number }) => i.line === 2)).toBe(false);
    expect(await count("SELECT count(*) AS n FROM directory_services")).toBe(before);
    expect(await count("SELECT count(*) AS n FROM directory_structures WHERE di_id = 'cd23--mds-gueret'")).toBe(0);
  });

  it("a valid pair of files is imported whole, numbers and lists read as the schema types them", async () => {
    const admin = await t.loginAs("admin.creuse");
    const res = await admin.post("/api/directory/imports/csv", { structures, services: `${header}\r\n${good}\r\n` });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toEqual({ imported: true, structures: 1, services: 1, issues: [] });
    const [row] = await t.db.query<{ record: Record<string, unknown> }>("SELECT record FROM directory_services WHERE di_id = 'cd23--gueret-logement'");
    expect(row.record).toMatchObject({ latitude: 46.17, zone_eligibilite: ["23096"], thematiques: ["logement-hebergement--louer-un-logement"], nom: "Logement d’abord Guéret" });
  });

  it("a file larger than the bound is refused before it is parsed", async () => {
    const admin = await t.loginAs("admin.creuse");
    const res = await admin.post("/api/directory/imports/csv", { services: "x".repeat(5 * 1024 * 1024 + 10) });
    expect(res.statusCode).toBe(413);
  });
});
