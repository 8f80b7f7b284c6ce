import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, login, test } from "./fixtures";

/**
 * Issue 10, « how a convention may end », « money », « commitments »: the page offers only the
 * ways the file provides, nothing on an ended convention; a payment on statement waits for its
 * statement; a France Travail steering user names the dedicated advisors.
 */
const shots = "/tmp/shots/F";
fs.mkdirSync(shots, { recursive: true });

async function openConvention(page: Page, number: string, hash: string) {
  await page.goto("/conventions");
  await page.getByRole("link", { name: number, exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await page.goto(`${page.url().split("#")[0]}#${hash}`);
}

test("an ended convention offers no termination", async ({ page }) => {
  await login(page, "admin.ft-troyes");
  await openConvention(page, "TCM-2020", "periode");
  await expect(page.getByRole("heading", { level: 2, name: "Période et résiliation" })).toBeVisible();
  await expect(page.getByText("Notifier une résiliation")).toHaveCount(0);
  // Troyes art. 7 says nothing of a breach: no « mise en demeure de 0 mois ».
  await expect(page.getByText("En cas de manquement")).toHaveCount(0);
});

test("a running convention offers only the ways its file provides", async ({ page }) => {
  await login(page, "pilotage.ft-basrhin");
  await openConvention(page, "BAS-RHIN-2021-AG", "periode");
  await expect(page.getByText("Notifier une résiliation")).toBeVisible();
  const reason = page.getByLabel("Motif");
  // 002 art. 8.1: no termination without a motive; a breach, 3 months after the formal notice.
  await expect(reason.locator("option")).toHaveText(["Manquement d’une partie"]);
  // Irreversible: the confirmation says the end date the rules give, and cancelling changes nothing.
  const termination = page.getByRole("form", { name: "Notifier une résiliation" });
  await termination.getByLabel("Courrier reçu le").fill("2026-11-20");
  await termination.getByRole("button", { name: "Enregistrer la résiliation" }).click();
  const dialog = termination.getByRole("alertdialog", { name: "Confirmer la résiliation" });
  await expect(dialog).toContainText("elle prendra fin le 20/02/2027");
  await dialog.getByRole("button", { name: "Annuler", exact: true }).click();
  await expect(dialog).toHaveCount(0);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${shots}/periode-${width}.png`, fullPage: true });
  }
});

test("a France Travail steering user names a dedicated advisor; the commitment counts them", async ({ page }) => {
  await login(page, "pilotage.ft-basrhin");
  await openConvention(page, "BAS-RHIN-2021-AG", "engagements");
  await expect(page.getByRole("heading", { name: "Conseillers dédiés à la convention" })).toBeVisible();
  const select = page.getByLabel("Conseiller", { exact: true });
  const first = (await select.locator("option").nth(1).textContent())?.trim() ?? "";
  await select.selectOption({ index: 1 });
  await page.getByRole("button", { name: "Désigner" }).click();
  await expect(page.getByText(`${first} est désigné comme conseiller dédié.`)).toBeVisible();
  await expect(page.locator("li").filter({ hasText: first })).toBeVisible();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${shots}/engagements-${width}.png`, fullPage: true });
  }
});

test("Metz's balance waits for its statement", async ({ page }) => {
  await login(page, "admin.metz");
  await openConvention(page, "METZ-2013", "finances");
  await expect(page.getByText("en attente du mémoire")).toBeVisible();
  await expect(page.getByText("Enregistrer un mémoire")).toBeVisible();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `${shots}/finances-${width}.png`, fullPage: true });
  }
});
