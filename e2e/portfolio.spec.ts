import ExcelJS from "exceljs";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";

const nav = (page: Page, label: string) => page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: label, exact: true });
const casesTable = (page: Page) => page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Mon rôle" }) });
const names = async (page: Page) => (await casesTable(page).locator("tbody tr td:first-child a").allTextContents()).map((n) => n.trim());

test("« Mon portefeuille » as a daily tool: search by name, alerts read at once, XLSX export, cards on a phone", async ({ page }) => {
  // An orientation in Creuse: the advisor has at least one alert waiting.
  await login(page, "orienteur.creuse");
  await nav(page, "Personnes").click();
  await page.getByLabel("Nom, prénom ou identifiant France Travail").fill("Petit");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await page.getByRole("link", { name: /^Orienter / }).first().click();
  await page.getByLabel("Origine de l’orientation").selectOption({ label: "Service social du Département" });
  await page.getByRole("button", { name: "Orienter", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Accompagnement de");
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  await login(page, "conseiller.creuse");
  await nav(page, "Mon portefeuille").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mon portefeuille");
  await expect(casesTable(page)).toBeVisible();
  const all = await names(page);
  expect(all.length).toBeGreaterThan(1);

  // Search by name, without its accents or capitals.
  const target = all[1];
  const lastName = target.split(" ")[0];
  const typed = lastName.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  await page.getByLabel("Nom, prénom ou identifiant").fill(typed);
  await page.getByRole("button", { name: "Rechercher", exact: true }).click();
  await expect(casesTable(page).getByRole("link", { name: target, exact: true })).toBeVisible();
  await expect.poll(async () => (await names(page)).length).toBeLessThan(all.length);
  const found = await names(page);
  for (const n of found) expect(n.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase()).toContain(typed);
  // One letter is refused next to the field, before anything is sent.
  await page.getByLabel("Nom, prénom ou identifiant").fill("a");
  await page.getByRole("button", { name: "Rechercher", exact: true }).click();
  await expect(page.getByText("Saisissez au moins 2 caractères (nom, prénom ou identifiant).")).toBeVisible();
  await page.getByLabel("Nom, prénom ou identifiant").fill("");
  await page.getByRole("button", { name: "Rechercher", exact: true }).click();
  await expect.poll(() => names(page)).toEqual(all);

  // The whole portfolio as a spreadsheet: the same people, in the same order.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: /^Exporter mon portefeuille \(XLSX/ }).click()]);
  expect(download.suggestedFilename()).toMatch(/^mon-portefeuille-\d{4}-\d{2}-\d{2}\.xlsx$/);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await download.path())!);
  const sheet = workbook.getWorksheet("Mon portefeuille")!;
  const exported: string[] = [];
  sheet.eachRow((row, n) => {
    if (n > 2) exported.push(String(row.getCell(1).value));
  });
  expect(exported).toEqual(all);

  // Alerts grouped by kind, all dismissed at once.
  const alerts = page.getByRole("region", { name: /^Mes alertes/ });
  await expect(page.getByRole("heading", { name: /^Mes alertes \([1-9]\d* non lues?\)$/ })).toBeVisible();
  await expect(page.getByRole("button", { name: /^Nouvelles orientations à prendre en charge \(\d+\)$/ })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "/tmp/shots/A/portfolio-1280.png", fullPage: true });
  await page.getByRole("button", { name: "Tout marquer comme lu" }).click();
  await expect(page.getByRole("status").filter({ hasText: /alertes? marquées? comme lues?/ })).toBeVisible();
  await expect(page.getByText("Aucune alerte non lue.")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Mes alertes (0 non lue)" })).toBeVisible();
  await expect(alerts.getByRole("button", { name: "Tout marquer comme lu" })).toHaveCount(0);

  // On a phone, each row is a card: the cells stack, each under its column's name.
  await page.setViewportSize({ width: 390, height: 844 });
  const firstRow = casesTable(page).locator("tbody tr").first();
  await expect.poll(() => firstRow.evaluate((tr) => getComputedStyle(tr).display)).toBe("block");
  const statusCell = firstRow.locator("td").nth(1);
  expect(await statusCell.evaluate((td) => getComputedStyle(td, "::before").content)).toBe('"Statut"');
  const box = await firstRow.boundingBox();
  expect(box!.width).toBeLessThanOrEqual(390);
  await expectAccessible(page);
  await casesTable(page).locator("caption").evaluate((caption) => caption.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: "/tmp/shots/A/portfolio-390.png" });
  await page.screenshot({ path: "/tmp/shots/A/portfolio-390-full.png", fullPage: true });
});
