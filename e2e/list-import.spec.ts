import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, type Page, request as playwrightRequest } from "@playwright/test";
import { addMonths, frenchDate, parisToday } from "../src/domain/shared/calendarDate";
import { DEMO_PASSWORD, expect, expectAccessible, login, test } from "./fixtures";

/**
 * Issue 12 — a Troyes partner agent receives the list of new registrants (003 annexe 1): drops the
 * file, reads the dry-run report with a line error, drops the corrected file, confirms, and sees
 * the received file with its purge date (003 art. 4.2: two months after receipt).
 */
const shots = async (page: Page, name: string) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `test-results/screens/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
};

const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const seed = (file: string) => fs.readFileSync(path.join("conventions", file), "utf8");
const year = new Date().getFullYear();

/** An API session of a demo account (cookies and CSRF token), for what the test prepares. */
async function apiAs(local: string): Promise<{ api: APIRequestContext; post: (url: string, data: unknown) => Promise<unknown> }> {
  const api = await playwrightRequest.newContext({ baseURL });
  await api.get("/api/session");
  const csrf = async () => (await api.storageState()).cookies.find((c) => c.name === "tandem_csrf")?.value ?? "";
  const post = async (url: string, data: unknown) => {
    const res = await api.post(url, { data, headers: { "x-csrf-token": await csrf() } });
    expect(res.ok(), await res.text()).toBe(true);
    return res.json();
  };
  await post("/api/auth/login", { email: `${local}@demo.tandem.fr`, password: DEMO_PASSWORD });
  return { api, post };
}

/** The Troyes data-exchange annex as it would run today (the seed's ended on 31/12/2020), imported and signed by both parties. */
async function troyesAnnexInForce() {
  const troyes = await apiAs("admin.troyes");
  const ft = await apiAs("admin.ft-troyes");
  const signature = { name: "Signataire", title: "Qualité", signedOn: `${year - 1}-01-02` };
  const importAndSign = async (yaml: string) => {
    const { id } = (await troyes.post("/api/conventions/import", { content: yaml })) as { id: string };
    await ft.post(`/api/conventions/${id}/signatures`, { ...signature, organisation: "ft-troyes" });
    await troyes.post(`/api/conventions/${id}/signatures`, { ...signature, organisation: "troyes-champagne-metropole" });
  };
  const period = (yaml: string) => yaml.replace("endsOn: 2020-12-31", `endsOn: ${year + 1}-12-31`);
  await importAndSign(period(seed("troyes-2020-cooperation.yaml").replace("number: TCM-2020", "number: TCM-E2E").replace("effective: { date: 2020-01-01 }", `effective: { date: ${year - 1}-01-01 }`)));
  await importAndSign(
    period(
      seed("troyes-2020-echange-donnees.yaml")
        .replace("number: TCM-2020-DONNEES", "number: TCM-E2E-DONNEES")
        .replace("annexOf: TCM-2020", "annexOf: TCM-E2E")
        .replace("effective: { rule: last_signature }", `effective: { date: ${year - 1}-01-01 }`),
    ),
  );
  await troyes.api.dispose();
  await ft.api.dispose();
}

const HEADER = "Identifiant;Nom;Prénom;Adresse;Code INSEE;Date d'inscription";
const csv = (lines: string[]) => Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8");
const lines = (registeredOn: string) => [
  HEADER,
  "1020304A;Lefèvre;Hélène;\"3 rue de l’Église; appartement 2\";10387;02/03/2025",
  `2030405B;Garnier;Louis;12 avenue Foch;10387;${registeredOn}`,
  "3040506C;Moreau;Inès;5 place du Marché;10387;15/01/2025",
];

async function dropFile(page: Page, name: string, body: Buffer) {
  await page.getByRole("link", { name: "Listes reçues", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Listes reçues de France Travail");
  await page.getByLabel("Liste reçue").selectOption({ label: "Nouveaux inscrits du territoire — TCM-E2E-DONNEES (003 (annexe) art. 4.1 et annexe 1)" });
  await page.getByLabel("Fichier reçu").setInputFiles({ name, mimeType: "text/csv", buffer: body });
  await page.getByRole("button", { name: "Vérifier le fichier" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText(`Liste reçue : ${name}`);
}

test("a Troyes partner agent imports the new-registrants list: dry-run report, corrected file, confirmation, purge date", async ({ page }) => {
  test.setTimeout(180_000);
  await troyesAnnexInForce();
  await login(page, "agent.troyes");

  // A file with an impossible date: the dry run reports it with its line, column and value; nothing can be imported.
  await dropFile(page, "nouveaux-inscrits-mars.csv", csv(lines("31/02/2025")));
  await expect(page.getByText("1 problème(s) dans le fichier : rien ne peut être importé")).toBeVisible({ timeout: 30_000 });
  const report = page.getByRole("table", { name: /Problèmes ligne par ligne/ });
  await expect(report.getByRole("row").nth(1)).toContainText("3");
  await expect(report.getByRole("row").nth(1)).toContainText("Date d'inscription");
  await expect(report.getByRole("row").nth(1)).toContainText("31/02/2025");
  await expect(report.getByRole("row").nth(1)).toContainText("Cette date n’existe pas (31/02/2025).");
  await expect(page.getByRole("button", { name: "Confirmer l’import" })).toHaveCount(0);
  await expectAccessible(page);
  await shots(page, "list-import-report");
  await page.getByRole("button", { name: "Abandonner cet import (le fichier est supprimé)" }).click();
  await expect(page.getByText("Import abandonné")).toBeVisible();

  // The corrected file: checked, confirmed, recorded with its purge date.
  // The corrected file also repeats a line: a duplicate, skipped unless the agent decides otherwise.
  await dropFile(page, "nouveaux-inscrits-mars-corrige.csv", csv([...lines("28/02/2025"), "3040506C;Moreau;Inès;5 place du Marché;10387;15/01/2025"]));
  await expect(page.getByText("Vérification réussie")).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText("4 ligne(s) prête(s) à importer, dont 1 doublon(s) à examiner ci-dessous")).toBeVisible();
  const duplicates = page.getByRole("table", { name: "Doublons dans le fichier ou personnes déjà connues" });
  await expect(duplicates.getByRole("row").nth(1)).toContainText("ligne 4 du fichier");
  const decision = duplicates.getByLabel("Décision pour la ligne 5");
  await expect(decision).toHaveValue("skip");
  // The decision is saved as it is chosen: the reload waits for the save.
  await Promise.all([
    page.waitForResponse((r) => r.url().includes("/rows/5/decision") && r.request().method() === "PUT" && r.ok()),
    decision.selectOption({ label: "Garder la ligne" }),
  ]);
  await page.reload();
  await expect(page.getByRole("table", { name: "Doublons dans le fichier ou personnes déjà connues" }).getByLabel("Décision pour la ligne 5")).toHaveValue("keep");
  await expectAccessible(page);
  await shots(page, "list-import-checked");
  await page.getByRole("button", { name: "Confirmer l’import" }).click();
  await page.getByRole("button", { name: "Importer", exact: true }).click();
  await expect(page.getByText("Liste importée", { exact: true })).toBeVisible();
  await expect(page.getByText(/4 ligne\(s\) gardée\(s\), 0 ignorée\(s\)/)).toBeVisible();
  const purgeOn = frenchDate(addMonths(parisToday(), 2));
  await expect(page.getByText(`Elle sera supprimée le ${purgeOn}.`)).toBeVisible();
  await expect(page.getByText(/003 \(annexe\) art\. 4\.2/)).toBeVisible();

  await page.getByRole("link", { name: "Listes reçues", exact: true }).first().click();
  const received = page.getByRole("table", { name: "Du plus récent au plus ancien" });
  const row = received.getByRole("row", { name: /nouveaux-inscrits-mars-corrige\.csv/ });
  await expect(row).toContainText("Importée");
  await expect(row).toContainText(purgeOn);
  await expectAccessible(page);
  await shots(page, "list-imports");
});
