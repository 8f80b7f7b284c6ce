import type { Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";

/**
 * Issue 13, ADR 0035 and 0034: a Bas-Rhin keeper changes a published service from its sheet (hours
 * in the OSM format, refused next to the field otherwise), and the convention's Échéances show each
 * steering committee due with its state. Screenshots at 1280 and 390 px in test-results/directory-editing.
 */
const dir = "test-results/directory-editing";
const shots = async (page: Page, name: string) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${dir}/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
};

test("a Bas-Rhin keeper edits a published service; hours not in the OSM format are refused next to the field", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, "admin.basrhin");
  await page.goto("/annuaire");
  await page.getByRole("link", { name: /Fonds de solidarité logement/ }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Fonds de solidarité logement");
  await page.getByRole("button", { name: "Modifier" }).click();
  await expect(page.getByRole("heading", { name: "Modifier le service" })).toBeVisible();
  const hours = page.getByLabel("Horaires d’accueil");
  await expect(hours).toHaveValue("Mo-Fr 08:30-12:00,13:30-17:00");
  await hours.fill("du lundi au vendredi 9h-17h");
  await page.getByRole("button", { name: "Enregistrer les modifications" }).click();
  await expect(page.getByText("« du lundi au vendredi 9h-17h » n’est pas compris.")).toBeVisible();
  await expect(hours).toBeFocused();
  await shots(page, "edit-refused");
  await hours.fill("Mo-Fr 09:00-12:00; PH off");
  await page.getByRole("button", { name: "Enregistrer les modifications" }).click();
  await expect(page.getByText("Mo-Fr 09:00-12:00; PH off")).toBeVisible();
  await expect(page.getByRole("button", { name: "Modifier" })).toBeVisible();
  await expectAccessible(page);
  await shots(page, "sheet-after-edit");
  // The demo's hours put back: other specs read this service's sheet.
  await page.getByRole("button", { name: "Modifier" }).click();
  await page.getByLabel("Horaires d’accueil").fill("Mo-Fr 08:30-12:00,13:30-17:00");
  await page.getByRole("button", { name: "Enregistrer les modifications" }).click();
  await expect(page.getByText("Mo-Fr 08:30-12:00,13:30-17:00")).toBeVisible();
});

test("the convention's Échéances show the steering committees due with their state", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, "pilotage.ft-basrhin");
  await page.goto("/conventions");
  await page.getByRole("link", { name: /BAS-RHIN-2021-AG/ }).first().click();
  await page.getByRole("navigation", { name: "Sections de la convention" }).getByRole("link", { name: "Échéances", exact: true }).click();
  const section = page.getByRole("region", { name: "Échéances" });
  await expect(section.getByRole("cell", { name: "Comité de pilotage départemental (réunion de décembre) À programmer" }).first()).toBeVisible();
  await section.locator("summary", { hasText: "Échéances passées" }).click();
  await expect(section.getByRole("cell", { name: /^Comité de pilotage départemental \(réunion de (juin|décembre)\) En retard$/ }).first()).toBeVisible();
  await section.scrollIntoViewIfNeeded();
  await shots(page, "convention-echeances");
  await page.goto("/echeances");
  await expect(page.getByRole("cell", { name: /^Comité de pilotage départemental \(réunion de (juin|décembre)\) En retard$/ }).first()).toBeVisible();
  await expectAccessible(page);
  await shots(page, "mes-echeances");
});

test("a CSV import with an invalid line imports nothing and names the file's line", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, "admin.basrhin");
  await page.goto("/annuaire");
  const services = [
    "source;structure_id;id;nom;description;date_maj;zone_eligibilite;horaires_accueil",
    "cd67;tandem--cea-uts-strasbourg-sud;cd67--permanence;Permanence logement;Accueil sans rendez-vous pour l’accès au logement.;2026-03-01;67482;Mo-Fr 09:00-12:00",
    "cd67;tandem--cea-uts-strasbourg-sud;cd67--permanence-2;Permanence budget;Accueil sans rendez-vous pour le budget.;2026-03-01;67482;le mardi matin",
  ].join("\r\n");
  await page
    .getByLabel("Fichier data·inclusion (JSON) ou fichiers CSV (structures, services)")
    .setInputFiles({ name: "services.csv", mimeType: "text/csv", buffer: Buffer.from(`\uFEFF${services}\r\n`, "utf8") });
  await expect(page.getByText("Rien n’a été importé : 1 erreur(s) à corriger dans le fichier.")).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: "horaires_accueil" });
  await expect(row).toContainText("3");
  await expect(row).toContainText("« le mardi matin » n’est pas compris.");
  await expect(page.getByRole("link", { name: "Services (CSV)" })).toHaveAttribute("href", "/api/directory/export/csv?collection=services");
  await page.getByRole("heading", { name: "Importer ou exporter (format data·inclusion)" }).scrollIntoViewIfNeeded();
  await shots(page, "csv-import-refused");
});

test("a Bas-Rhin keeper publishes a service under a new structure (« Tous publics » alone), moves it to another structure, and edits that structure on its page", async ({ page }) => {
  test.setTimeout(180_000);
  await login(page, "admin.basrhin");
  await page.goto("/annuaire");
  const form = page.locator("form", { has: page.getByRole("heading", { name: "Publier un service" }) });
  await form.getByLabel("Nouvelle structure").fill("Antenne logement de Haguenau");
  await form.getByLabel("Nom du service").fill("Permanence logement de Haguenau");
  await form.getByLabel("Description").fill("Une permanence hebdomadaire pour trouver un logement à Haguenau et préparer son dossier.");
  await form.getByLabel("Thématiques (data·inclusion)").selectOption(["logement-hebergement--louer-un-logement"]);
  await form.getByText("Tous publics", { exact: true }).click();
  await form.getByText("Femmes", { exact: true }).click();
  await form.getByLabel("Zone d’éligibilité").fill("67180");
  await form.getByRole("button", { name: "Publier le service" }).click();
  await expect(form.getByText("« Tous publics » s’emploie seul : décochez-le ou décochez les autres publics (schéma data·inclusion).")).toBeVisible();
  await expect(form.getByRole("checkbox", { name: "Femmes" }).or(form.getByRole("checkbox", { name: "Tous publics" })).first()).toBeVisible();
  await shots(page, "publics-refused");
  await form.getByText("Femmes", { exact: true }).click();
  await form.getByRole("button", { name: "Publier le service" }).click();
  await expect(form.getByText("Service publié : vos partenaires le voient pour le territoire de la convention.")).toBeVisible();

  // The service moves to the Département's social action unit.
  await page.getByRole("link", { name: "Permanence logement de Haguenau" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Permanence logement de Haguenau");
  await expect(page.getByRole("link", { name: "Antenne logement de Haguenau" })).toBeVisible();
  const move = page.locator("form", { has: page.getByRole("heading", { name: "Rattacher à une autre structure" }) });
  await move.getByLabel("Nouvelle structure").selectOption({ label: "Unité territoriale d’action sociale Strasbourg Sud" });
  await shots(page, "move-service");
  await move.getByRole("button", { name: "Rattacher le service" }).click();
  await expect(page.getByRole("link", { name: "Unité territoriale d’action sociale Strasbourg Sud" })).toBeVisible();

  // Its structure's page: its services, and « Modifier » with the schema's checks next to each field.
  await page.getByRole("link", { name: "Unité territoriale d’action sociale Strasbourg Sud" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Unité territoriale d’action sociale Strasbourg Sud");
  await expect(page.getByRole("link", { name: "Permanence logement de Haguenau" })).toBeVisible();
  await expect(page.getByRole("link", { name: /Fonds de solidarité logement/ })).toBeVisible();
  await expectAccessible(page);
  await shots(page, "structure-page");
  await page.getByRole("button", { name: "Modifier" }).click();
  const edit = page.locator("form", { has: page.getByRole("heading", { name: "Modifier la structure" }) });
  await expect(edit.getByLabel("Horaires d’accueil")).toHaveValue("Mo-Fr 08:30-12:00,13:30-17:00");
  await edit.getByLabel("Numéro SIRET").fill("2267");
  await edit.getByRole("textbox", { name: "Site web" }).fill("https://www.alsace.eu/uts-strasbourg-sud");
  await edit.getByRole("button", { name: "Enregistrer les modifications" }).click();
  await expect(edit.getByText("14 caractères au moins.")).toBeVisible();
  await expect(edit.getByLabel("Numéro SIRET")).toBeFocused();
  await expectAccessible(page);
  await shots(page, "structure-refused");
  await edit.getByLabel("Numéro SIRET").fill("20009430600016");
  await edit.getByRole("button", { name: "Enregistrer les modifications" }).click();
  await expect(page.getByText("20009430600016")).toBeVisible();
  await expect(page.getByText("https://www.alsace.eu/uts-strasbourg-sud")).toBeVisible();
  await shots(page, "structure-saved");
});
