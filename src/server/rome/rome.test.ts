import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../platform/db.js";
import { AppError } from "../platform/errors.js";
import { createTestDatabase } from "../testing/testDatabase.js";
import { loadRomeReferential, ROME_SAMPLE_DIR } from "./romeLoader.js";
import { romeSkillsByCodes, romeSkillsOfTrade, romeTradesByCodes, searchRomeSkills, searchRomeTrades } from "./romeReferential.js";

let db: Db;
const tmpDirs: string[] = [];

/** A copy of the sample, with `edit` applied to one of its files. */
function sampleCopy(file?: string, edit?: (text: string) => string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "rome-"));
  tmpDirs.push(dir);
  for (const name of fs.readdirSync(ROME_SAMPLE_DIR).filter((n) => n.endsWith(".csv"))) {
    const text = fs.readFileSync(path.join(ROME_SAMPLE_DIR, name), "utf8");
    fs.writeFileSync(path.join(dir, name), file && name.startsWith(file) && edit ? edit(text) : text);
  }
  return dir;
}

const count = async (table: string) => Number((await db.query<{ n: string }>(`SELECT count(*) AS n FROM ${table}`))[0].n);

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db.close();
  for (const dir of tmpDirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe("the ROME 4.0 loader (RefRomeCsv layout)", () => {
  it("loads the shipped sample: trades, appellations, skills of the three kinds and their links", async () => {
    const counts = await loadRomeReferential(db, ROME_SAMPLE_DIR);
    expect(counts).toEqual({ version: "v460", trades: 32, appellations: 51, skills: 93, links: 201, linksIgnored: 0 });
    expect(await count("rome_trades")).toBe(32);
    expect(await count("rome_trade_skills")).toBe(201);
    const kinds = await db.query<{ kind: string; n: string }>("SELECT kind, count(*) AS n FROM rome_skills GROUP BY kind ORDER BY kind");
    expect(kinds.map((k) => [k.kind, Number(k.n)])).toEqual([
      ["savoir", 30],
      ["savoir_etre", 10],
      ["savoir_faire", 53],
    ]);
  });

  it("searches trades by label, appellation or code, without accents, and skills by words in any order", async () => {
    expect(await searchRomeTrades(db, "jardiniere", 5)).toEqual([{ code: "A1203", label: "Aménagement et entretien des espaces verts" }]);
    expect(await searchRomeTrades(db, "K2204", 5)).toEqual([{ code: "K2204", label: "Nettoyage de locaux" }]);
    expect((await searchRomeTrades(db, "restauration agent", 5)).map((t) => t.code)).toEqual(["G1603"]);
    expect(await searchRomeSkills(db, "precision rigueur", 5)).toEqual([{ code: "300101", label: "Faire preuve de rigueur et de précision", kind: "savoir_etre" }]);
    expect(await searchRomeSkills(db, "HACCP", 5)).toEqual([{ code: "120211", label: "Normes d'hygiène alimentaire (HACCP)", kind: "savoir" }]);
    expect(await searchRomeSkills(db, "   ", 5)).toEqual([]);
  });

  it("reads skills and trades back by their codes, in the order asked, unknown codes left out", async () => {
    expect(await romeSkillsByCodes(db, ["100007", "999999", "100001"])).toEqual([
      { code: "100007", label: "Réaliser des plantations", kind: "savoir_faire" },
      { code: "100001", label: "Nettoyer des locaux", kind: "savoir_faire" },
    ]);
    expect(await romeTradesByCodes(db, ["M1602", "Z9999"])).toEqual([{ code: "M1602", label: "Opérations administratives" }]);
    expect((await romeSkillsOfTrade(db, "A1203")).map((s) => s.code)).toEqual(["100007", "100008", "100009", "300105", "300101", "300104", "120205", "120206"]);
  });

  it("a malformed file loads nothing: the referential in place stays as it was", async () => {
    const badCode = sampleCopy("unix_referentiel_code_rome", (t) => t.replace("\nK2303,", "\nK23O3,"));
    const error = await loadRomeReferential(db, badCode).catch((e) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe("ROME_FILE_INVALID");
    expect(error.message).toBe("unix_referentiel_code_rome_v460_utf8.csv, ligne 3 : code ROME invalide « K23O3 » (une lettre et quatre chiffres).");

    const missingColumn = sampleCopy("unix_referentiel_competence", (t) => t.replace("libelle_competence", "intitule"));
    await expect(loadRomeReferential(db, missingColumn)).rejects.toThrow("unix_referentiel_competence_v460_utf8.csv, ligne 1 : colonne(s) manquante(s) : libelle_competence.");

    // The last file read fails: everything before it (trades, skills) is rolled back too.
    const badLink = sampleCopy("unix_liens_rome_referentiels", (t) => `${t}Z0000,100001,5,1\n`);
    await expect(loadRomeReferential(db, badLink)).rejects.toThrow("le lien renvoie à un code ROME inconnu « Z0000 »");

    const noSavoirs = sampleCopy();
    fs.rmSync(path.join(noSavoirs, "unix_referentiel_savoir_v460_utf8.csv"));
    await expect(loadRomeReferential(db, noSavoirs)).rejects.toThrow("unix_referentiel_savoir_vNNN_utf8.csv : fichier absent du dossier.");

    expect(await count("rome_trades")).toBe(32);
    expect(await count("rome_skills")).toBe(93);
    expect(await count("rome_trade_skills")).toBe(201);
    expect(await count("rome_loads")).toBe(1);
  });

  it("a re-load replaces the referential; links to a code OGR absent from the skills files are counted, not loaded", async () => {
    const smaller = sampleCopy("unix_referentiel_code_rome", (t) =>
      t
        .split("\n")
        .filter((line) => !line.startsWith("K1802,"))
        .join("\n"),
    );
    const withoutK1802 = (name: string) =>
      fs
        .readFileSync(path.join(smaller, name), "utf8")
        .split("\n")
        .filter((line) => !line.includes("K1802"))
        .join("\n");
    fs.writeFileSync(path.join(smaller, "unix_referentiel_appellation_v460_utf8.csv"), withoutK1802("unix_referentiel_appellation_v460_utf8.csv"));
    fs.writeFileSync(path.join(smaller, "unix_liens_rome_referentiels_v460_utf8.csv"), `${withoutK1802("unix_liens_rome_referentiels_v460_utf8.csv")}K2204,777777,5,1\n`);
    const counts = await loadRomeReferential(db, smaller);
    expect(counts).toEqual({ version: "v460", trades: 31, appellations: 50, skills: 93, links: 196, linksIgnored: 1 });
    expect(await romeTradesByCodes(db, ["K1802"])).toEqual([]);
    expect(await count("rome_loads")).toBe(2);
  });
});
