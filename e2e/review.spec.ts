import fs from "node:fs";
import ExcelJS from "exceljs";
import { expect, expectAccessible, login, test } from "./fixtures";

test("an advisor holds the monthly review of a Bas-Rhin agency: three decisions, the follow-up table, the minutes and the e-mails", async ({ page }) => {
  await login(page, "conseiller.basrhin");
  await page.getByRole("link", { name: "Revues", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Revues de portefeuille");
  await expectAccessible(page);
  const conventionSelect = page.getByLabel("Convention");
  await conventionSelect.selectOption((await conventionSelect.locator("option", { hasText: "BAS-RHIN-2021-AG" }).getAttribute("value"))!);
  await page.getByText("France Travail — Agence Strasbourg Meinau").click();
  await page.getByRole("button", { name: "Préparer la revue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Revue de portefeuille du");
  await expect(page.getByText("Secrétariat : le conseiller France Travail")).toBeVisible();

  const pending = (reason: string) =>
    page.locator("li.fr-card").filter({ hasText: reason }).filter({ hasNot: page.getByText("Décision enregistrée") }).first();
  await expect(pending("En attente d'entrée")).toBeVisible();
  await expect(pending("Renouvellement à décider")).toBeVisible();
  await expectAccessible(page);

  const decide = async (reason: string, decision: string, exitType?: string) => {
    const card = pending(reason);
    const person = (await card.getByRole("heading", { level: 3 }).textContent())!.replace(/\s*\(.*$/, "").trim();
    await card.getByLabel(/Décision pour/).selectOption({ label: decision });
    if (exitType) await card.getByLabel(/Type de sortie pour/).selectOption({ label: exitType });
    await card.getByRole("button", { name: "Enregistrer" }).click();
    await expect(page.locator("li.fr-card").filter({ hasText: person }).getByText(`Décision enregistrée : ${decision}`)).toBeVisible();
    return person;
  };
  const entered = await decide("En attente d'entrée", "Entrée acceptée");
  const renewed = await decide("Renouvellement à décider", "Renouvellement");
  const exited = await decide("Renouvellement à décider", "Sortie", "Emploi durable");
  // A participant adds a person of their portfolio that the agenda did not pick up.
  const extra = page.getByLabel("Personne de mon portefeuille");
  const extraName = (await extra.locator("option").nth(1).textContent())!.replace(/\s*\(.*$/, "").trim();
  await extra.selectOption({ index: 1 });
  await page.getByRole("button", { name: "Ajouter à l'ordre du jour" }).click();
  await expect(page.locator("li.fr-card").filter({ hasText: extraName }).getByText("Ajouté par un participant")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/review.png", fullPage: true });

  await page.getByRole("button", { name: "Clore la revue et envoyer le tableau de suivi" }).click();
  await expect(page.getByRole("button", { name: "Rouvrir la revue pour corriger une décision" })).toBeVisible();

  const [xlsxDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Tableau de suivi (XLSX) — version 1" }).click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await xlsxDownload.path())!);
  const sheet = workbook.getWorksheet("Tableau de suivi")!;
  const decisionOf = (person: string) => {
    for (let r = 3; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(1).value === person) return [sheet.getRow(r).getCell(11).value, sheet.getRow(r).getCell(12).value];
    return null;
  };
  expect(sheet.getRow(2).getCell(1).value).toBe("Personne");
  expect(decisionOf(entered)).toEqual(["Entrée acceptée", ""]);
  expect(decisionOf(renewed)).toEqual(["Renouvellement", ""]);
  expect(decisionOf(exited)).toEqual(["Sortie", "Emploi durable"]);

  const [pdfDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Compte rendu (PDF) — version 1" }).click()]);
  expect(fs.readFileSync((await pdfDownload.path())!).subarray(0, 5).toString()).toBe("%PDF-");
  const reviewUrl = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  // The outbox holds the table sent to the convention's distribution list.
  await login(page, "admin.plateforme");
  await page.getByRole("link", { name: "Boîte d'envoi" }).first().click();
  for (const recipient of ["pilotage.ft-basrhin", "admin.strasbourg", "pilotage.basrhin", "conseiller.basrhin", "social.basrhin"]) {
    await expect(page.locator("article").filter({ hasText: `À : ${recipient}@demo.tandem.fr` }).filter({ hasText: "Tableau de suivi" }).first()).toBeVisible();
  }
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  // A social worker of another département cannot open the review.
  await login(page, "social.creuse");
  await page.goto(reviewUrl);
  await expect(page.getByRole("alert")).toContainText("Revue de portefeuille introuvable.");
  await expect(page.getByText(entered)).toHaveCount(0);
});
