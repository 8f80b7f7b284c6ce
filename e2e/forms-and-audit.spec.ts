import fs from "node:fs";
import type { Page, Request } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";

/** Forms checked before sending, errors next to their fields; deactivation asks first; the DPO's audit trail in French with names. */
test.describe.configure({ mode: "serial" });

const SHOTS = "/tmp/shots/F";
fs.mkdirSync(SHOTS, { recursive: true });
const shoot = async (page: Page, name: string) => {
  await page.screenshot({ path: `${SHOTS}/${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 800 });
};
/** Writes to the API while `act` runs (GETs are reads: the page may load what it shows). */
const writesDuring = async (page: Page, act: () => Promise<void>) => {
  const sent: string[] = [];
  const listen = (r: Request) => {
    if (r.url().includes("/api/") && r.method() !== "GET") sent.push(`${r.method()} ${new URL(r.url()).pathname}`);
  };
  page.on("request", listen);
  await act();
  page.off("request", listen);
  return sent;
};
/** The DSFR error message shown under a field, found from the field's label (its hint follows it in the accessible name). */
const errorOf = (page: Page, label: string) =>
  page
    .locator(".fr-input-group, .fr-select-group, .fr-fieldset")
    .filter({ has: page.getByLabel(new RegExp(`^${label.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`)) })
    .locator(".fr-error-text, .fr-message--error");

test("the login form says what is missing next to each field, without sending", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto("/connexion");
  await page.getByLabel("Adresse électronique").fill("pas-une-adresse");
  expect(await writesDuring(page, () => page.getByRole("button", { name: "Se connecter" }).click())).toEqual([]);
  await expect(errorOf(page, "Adresse électronique")).toHaveText("Adresse électronique invalide.");
  await expect(page.locator(".fr-password .fr-message--error, .fr-password .fr-error-text")).toHaveText("Le mot de passe est obligatoire.");
  await expect(page.getByLabel("Adresse électronique")).toBeFocused();
  await expectAccessible(page);
  await shoot(page, "login-errors");
});

test("orienting a new person: each problem next to its field before anything is sent, the server's refusal too, success announced", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await login(page, "orienteur.creuse");
  await page.goto("/personnes");
  await page.getByRole("link", { name: "Enregistrez sa fiche" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Orienter vers l’accompagnement global");

  // The person's record: the empty form is refused in the page, field by field.
  const create = page.getByRole("form", { name: "Enregistrer une nouvelle personne" });
  expect(await writesDuring(page, () => create.getByRole("button", { name: "Enregistrer la personne" }).click())).toEqual([]);
  await expect(errorOf(page, "Prénom")).toHaveText("Ce champ est obligatoire.");
  await expect(errorOf(page, "Date de naissance")).toHaveText("Ce champ est obligatoire.");
  await expect(page.getByLabel("Identifiant France Travail")).toBeFocused();
  await create.getByLabel("Identifiant France Travail").fill("9922001F");
  await create.getByLabel("Prénom").fill("Fanny");
  await create.getByLabel("Nom", { exact: true }).fill("Formulaire");
  await create.getByLabel("Date de naissance").fill("1991-02-03");
  await create.getByLabel("Code commune INSEE").fill("23096");
  await create.getByLabel("Inscrite à France Travail depuis le").fill("2026-01-05");
  await create.getByText("RSA", { exact: true }).click();
  await create.getByRole("button", { name: "Enregistrer la personne" }).click();
  await expect(page.getByText(/Fanny Formulaire — né\(e\) le 03\/02\/1991/)).toBeVisible();

  // The orientation: no origin and a date typed halfway are refused without sending, the origin takes the focus.
  const orientation = page.getByRole("form", { name: "L’orientation" });
  const date = orientation.getByLabel("Date de l’orientation");
  await date.fill("");
  await date.click();
  await page.keyboard.type("12");
  expect(await writesDuring(page, () => orientation.getByRole("button", { name: "Orienter", exact: true }).click())).toEqual([]);
  await expect(errorOf(page, "Origine de l’orientation")).toHaveText("Ce champ est obligatoire.");
  await expect(errorOf(page, "Date de l’orientation")).toHaveText("Saisissez une date valide (jj/mm/aaaa).");
  await expect(orientation.getByLabel("Origine de l’orientation")).toBeFocused();
  await expect(page.getByText(/VALIDATION_ERROR|Code :|body\./)).toHaveCount(0);
  await expectAccessible(page);
  await shoot(page, "orientation-errors");

  // The server's rule (no orientation in the future) is said next to the date.
  await orientation.getByLabel("Origine de l’orientation").selectOption({ label: "Service social du Département" });
  await date.fill("2030-01-15");
  const refused = await writesDuring(page, async () => {
    await orientation.getByRole("button", { name: "Orienter", exact: true }).click();
    await expect(errorOf(page, "Date de l’orientation")).toContainText(/futur|aujourd’hui|aujourd’hui/);
  });
  expect(refused).toEqual(["POST /api/support/cases"]);
  await expect(date).toBeFocused();
  await expect(errorOf(page, "Origine de l’orientation")).toHaveCount(0);

  // The record updated: success said near the form, to screen readers too.
  await page.getByText("Mettre à jour la fiche de Fanny Formulaire").click();
  const update = page.getByRole("form", { name: "Fiche de Fanny Formulaire" });
  await update.getByLabel("Téléphone (facultatif)").fill("05 55 12 34 56");
  await update.getByRole("button", { name: "Enregistrer la fiche" }).click();
  await expect(update.getByRole("status")).toHaveText("Fiche mise à jour.");
  await expectAccessible(page);

  // Corrected, the orientation goes through.
  await date.fill(new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date()));
  await orientation.getByText("Logement", { exact: true }).click();
  await orientation.getByRole("button", { name: "Orienter", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accompagnement de Fanny Formulaire");
});

test("deactivating an account says what will happen and asks first", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await login(page, "admin.creuse");
  await page.getByRole("link", { name: "Utilisateurs", exact: true }).click();
  const row = page.getByRole("row").filter({ hasText: "agent.creuse@demo.tandem.fr" });
  await row.getByRole("button", { name: "Désactiver Agent Creuse" }).click();
  const confirm = page.getByRole("form", { name: "Désactiver le compte de Agent Creuse ?" });
  await expect(confirm).toContainText("déconnecté(e) aussitôt");
  await expect(confirm).toContainText("réactiver ce compte");
  await expectAccessible(page);
  await shoot(page, "users-deactivate-confirm");
  // Cancelled: nothing changes.
  await confirm.getByRole("button", { name: "Annuler" }).click();
  await expect(confirm).toHaveCount(0);
  await expect(row.getByText("Actif")).toBeVisible();
  // Confirmed: deactivated, and said.
  await row.getByRole("button", { name: "Désactiver Agent Creuse" }).click();
  await page.getByRole("button", { name: "Désactiver le compte de Agent Creuse" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Compte de Agent Creuse désactivé." })).toBeVisible();
  await expect(row.getByText("Désactivé")).toBeVisible();
  await expect(row.getByRole("button", { name: "Réactiver Agent Creuse" })).toBeVisible();
});

test("the DPO finds every entry about a person by name, in French, with names", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await login(page, "dpo.creuse");
  await page.goto("/journal-audit");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Journal d’audit");
  // A one-letter search is refused next to its field.
  await page.getByLabel("Personne accompagnée").fill("F");
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(errorOf(page, "Personne accompagnée")).toContainText("au moins 2 caractères");
  await page.getByLabel("Personne accompagnée").fill("fanny formulaire");
  await page.getByRole("button", { name: "Filtrer" }).click();
  const table = page.getByRole("table");
  // Only her entries: her record created, read and updated, her case oriented and read.
  await expect(table.getByRole("row").filter({ hasText: "Orientation vers l’accompagnement global" })).toHaveCount(1);
  await expect(table.getByRole("row").filter({ hasText: "Orientation vers l’accompagnement global" })).toContainText("Accompagnement de F. Formulaire");
  await expect(table.getByRole("row").filter({ hasText: "Création d’une fiche personne" })).toContainText("Fiche de F. Formulaire");
  await expect(table.getByRole("row").filter({ hasText: "Modification d’une fiche personne" }).first()).toContainText("Orienteur Creuse");
  await expect(table).toContainText("Conseil départemental de la Creuse");
  await expect(table).not.toContainText(/[0-9a-f]{8}-[0-9a-f]{4}-/);
  await expect(table).not.toContainText("support.oriented");
  await expectAccessible(page);
  await shoot(page, "audit-person");
});
