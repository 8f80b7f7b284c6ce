import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ROLES } from "../../shared/roles.js";
import { resolveTerritory } from "../organisations/territories.js";
import { createTestApp, type TestApp } from "../testing/testApp.js";
import { demoTerritories } from "./demoOrganisations.js";
import { generateJobSeekers } from "./jobSeekerGenerator.js";
import { ensureDemoData } from "./loadDemo.js";

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe("demo dataset", () => {
  it("has users of every role in each seed territory (the platform admin once, for all)", async () => {
    const territories = { rouen: ["rouen"], creuse: ["creuse"], basrhin: ["basrhin", "strasbourg", "arsea"], troyes: ["troyes"], metz: ["metz"] };
    for (const [territory, suffixes] of Object.entries(territories)) {
      const rows = await t.db.query<{ role: string }>(
        "SELECT DISTINCT r AS role FROM users, unnest(roles) r WHERE split_part(split_part(email, '@', 1), '.', 2) LIKE ANY($1)",
        [suffixes.map((s) => `%${s}`)],
      );
      expect(rows.map((r) => r.role).sort(), territory).toEqual(ROLES.filter((r) => r !== "platform_admin").sort());
    }
    expect(await t.db.query("SELECT 1 FROM users WHERE 'platform_admin' = ANY(roles)")).toHaveLength(1);
  });

  it("gives Troyes Champagne Métropole its 81 communes", async () => {
    const [{ n }] = await t.db.query<{ n: string }>(
      "SELECT count(*) AS n FROM organisation_communes oc JOIN organisations o ON o.id = oc.organisation_id WHERE o.code = 'troyes-champagne-metropole'",
    );
    expect(Number(n)).toBe(81);
  });

  it("job seekers are synthetic, with a realistic mix (RSA ≈ 60 %, QPV ≈ 20 %) and communes of their territory", async () => {
    const [stats] = await t.db.query<{ total: string; rsa: string; qpv: string; synthetic: string }>(
      `SELECT count(*) AS total, count(*) FILTER (WHERE 'RSA' = ANY(benefits)) AS rsa,
              count(*) FILTER (WHERE qpv) AS qpv, count(*) FILTER (WHERE synthetic) AS synthetic FROM job_seekers`,
    );
    const total = Number(stats.total);
    expect(total).toBe(1500);
    expect(Number(stats.synthetic)).toBe(total);
    expect(Number(stats.rsa) / total).toBeGreaterThan(0.55);
    expect(Number(stats.rsa) / total).toBeLessThan(0.65);
    expect(Number(stats.qpv) / total).toBeGreaterThan(0.16);
    expect(Number(stats.qpv) / total).toBeLessThan(0.24);
    const allowed = new Set(demoTerritories.flatMap((d) => resolveTerritory(d.jobSeekerCommunes)));
    const communes = await t.db.query<{ commune_insee: string }>("SELECT DISTINCT commune_insee FROM job_seekers");
    expect(communes.every((c) => allowed.has(c.commune_insee))).toBe(true);
  });

  it("the generator is deterministic", () => {
    const opts = { seed: 7, count: 20, communes: ["23096"], today: "2026-11-01", identifierPrefix: "9" };
    expect(generateJobSeekers(opts)).toEqual(generateJobSeekers(opts));
  });

  it("is loaded once: a second start keeps the data, production never loads it", async () => {
    expect(await ensureDemoData(t.db, false)).toBe("kept");
    expect(await ensureDemoData(t.db, true)).toBe("skipped");
  });
});
