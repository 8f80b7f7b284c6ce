import pg from "pg";
import { expect, expectAccessible, login, test } from "./fixtures";

/** The database e2e/startServer.ts created for this run, when it runs on a PostgreSQL server. */
function e2eDatabaseUrl(): string | null {
  if (!process.env.DATABASE_URL) return null;
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${url.pathname.slice(1) || "tandem"}_e2e`;
  return url.toString();
}

test("a DPO checks the audit chain: intact, then broken where the database owner changed an event", async ({ page }) => {
  await login(page, "dpo.creuse");
  await page.getByRole("link", { name: "Journal d’audit" }).first().click();
  await page.getByRole("link", { name: "Vérifier l’intégrité du journal" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Journal d’audit — intégrité");
  await expect(page.getByText("La chaîne est intacte")).toBeVisible();
  await expect(page.getByText(/évènements vérifiés \(n° 1 à \d+\), du /)).toBeVisible();
  await expectAccessible(page);

  // Changing an event behind Tandem's back needs the server's database (the embedded one is held by the app).
  const url = e2eDatabaseUrl();
  if (!url) return;
  const owner = new pg.Client({ connectionString: url });
  await owner.connect();
  try {
    await owner.query("BEGIN");
    await owner.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_no_update");
    await owner.query(`UPDATE audit_events SET details = details || '{"effacé": true}' WHERE seq = 3`);
    await owner.query("ALTER TABLE audit_events ENABLE TRIGGER audit_events_no_update");
    await owner.query("COMMIT");
  } finally {
    await owner.end();
  }
  await page.getByRole("button", { name: "Vérifier à nouveau" }).click();
  await expect(page.getByText("La chaîne est rompue à l’évènement n° 3")).toBeVisible();
  await expect(page.getByRole("cell", { name: "contenu modifié après son enregistrement" })).toBeVisible();
  await expectAccessible(page);
});
