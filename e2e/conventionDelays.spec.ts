import type { Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";

/** The convention's page shows one section at a time, chosen in its side menu. */
const openSection = (page: Page, label: string) =>
  page.getByRole("navigation", { name: "Sections de la convention" }).getByRole("link", { name: label, exact: true }).click();

test("each delay of a convention is shown as its text says it: « 36 heures », « 2 mois », « 1 mois », « 21 jours », « 3 ans »", async ({ page }) => {
  await login(page, "pilotage.troyes");
  await page.goto("/conventions");
  await page.getByRole("link", { name: "TCM-2020-DONNEES", exact: true }).click();
  await openSection(page, "Clauses de données");
  const data = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "Clauses de données" }) });
  await expect(data).toContainText("au plus tard 36 heures après sa découverte");
  await expect(data).toContainText("2 mois après leur réception");
  await expect(data).toContainText("au plus tard 2 mois après la fin de la convention");
  await expect(data).toContainText("sous 1 mois");
  await expect(data).toContainText("003 (annexe) art. 7 — au plus tard 36 heures après la découverte de la violation");
  await expectAccessible(page);
  await data.screenshot({ path: "test-results/screens/convention-delays-data-1280.png" });
  await page.setViewportSize({ width: 390, height: 844 });
  await data.screenshot({ path: "test-results/screens/convention-delays-data-390.png" });
  await page.setViewportSize({ width: 1280, height: 800 });
  await openSection(page, "Période et résiliation");
  const period = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "Période et résiliation" }) });
  await expect(period).toContainText("effet 2 mois après réception du courrier");
  await expect(period).toContainText("effet 1 mois après une mise en demeure restée sans effet");
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  await login(page, "pilotage.basrhin");
  await page.goto("/conventions");
  await page.getByRole("link", { name: "BAS-RHIN-2021-AG", exact: true }).click();
  await openSection(page, "Programmes");
  await expect(page.getByRole("row", { name: /Délai entre orientation et démarrage 21 jours/ })).toBeVisible();
  await expect(page.getByRole("row", { name: /Délai entre entrée et premiers rendez-vous 1 mois/ })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  await login(page, "pilotage.metz");
  await page.goto("/conventions");
  await page.getByRole("link", { name: "METZ-2013", exact: true }).click();
  await openSection(page, "Période et résiliation");
  const metz = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "Période et résiliation" }) });
  await expect(metz).toContainText("3 ans à compter de la date d’effet");
  await expect(metz).toContainText("3 mois avant la date d’échéance annuelle");
  await expect(metz).toContainText("effet à la réception du courrier (aucun délai fixé)");
  await metz.screenshot({ path: "test-results/screens/convention-delays-period-1280.png" });
  await page.setViewportSize({ width: 390, height: 844 });
  await metz.screenshot({ path: "test-results/screens/convention-delays-period-390.png" });
});
