import type { Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";

/**
 * Issue 13 part 1, ADR 0035: a Bas-Rhin social worker finds, from a case, a housing resource of
 * the partners' directory (data·inclusion schema) covering the person's commune, opens its
 * printable sheet and records it as mobilised; the directory page shows each resource's freshness.
 * Screenshots at 1280 and 390 px in test-results/directory.
 */
const dir = "test-results/directory";
const shots = async (page: Page, name: string) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${dir}/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${dir}/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
};

async function call(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const csrf = document.cookie.split("; ").find((c) => c.startsWith("tandem_csrf="))?.slice("tandem_csrf=".length) ?? "";
      const res = await fetch(url, { method, headers: { "content-type": "application/json", "x-csrf-token": csrf }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, json: await res.json().catch(() => ({})) };
    },
    { method, url, body },
  );
}

test("a Bas-Rhin social worker finds a housing resource from a case and records it as mobilised", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, "social.basrhin");
  // A person of Strasbourg without an open case, oriented with a housing barrier.
  const found = await call(page, "GET", "/api/job-seekers?q=ma&pageSize=100");
  const person = (found.json.items as { id: string; communeInsee: string; openCase: unknown }[]).find((p) => p.communeInsee === "67482" && p.openCase === null);
  expect(person, "une personne de Strasbourg sans accompagnement ouvert").toBeTruthy();
  const oriented = await call(page, "POST", "/api/support/cases", { jobSeekerId: person?.id, origin: "france_travail", barriers: [{ code: "housing" }] });
  expect(oriented.status, JSON.stringify(oriented.json)).toBe(201);
  const caseId = oriented.json.id as string;

  await page.goto(`/accompagnements/${caseId}`);
  const panel = page.locator("section", { has: page.getByRole("heading", { name: "Ressources partenaires" }) });
  await expect(panel.getByText(/Pour logement — ressources dont la zone couvre la commune de la personne \(67482\)/)).toBeVisible();
  const fsl = panel.getByRole("listitem").filter({ has: page.getByRole("heading", { name: "Fonds de solidarité logement — aide à l’accès" }) });
  await expect(fsl).toBeVisible();
  await expect(fsl.getByText(/Mis à jour le/)).toBeVisible();
  // Haguenau's service covers only Haguenau: not proposed for a person of Strasbourg.
  await expect(panel.getByText("Maintien dans le logement — Haguenau")).toHaveCount(0);
  await panel.scrollIntoViewIfNeeded();
  await shots(page, "case-resources");
  await expectAccessible(page);

  // The printable sheet: name, address, hours, contact.
  await fsl.getByRole("link", { name: "Fiche à remettre à la personne" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Fonds de solidarité logement — aide à l’accès" })).toBeVisible();
  await expect(page.getByText("12 rue de l’Épine, 67100 Strasbourg")).toBeVisible();
  await expect(page.getByText("Mo-Fr 08:30-12:00,13:30-17:00")).toBeVisible();
  await expect(page.getByText("+33388000101 — uts-sud@alsace.example.fr")).toBeVisible();
  await shots(page, "resource-sheet");
  await page.emulateMedia({ media: "print" });
  await page.screenshot({ path: `${dir}/resource-sheet-print.png`, fullPage: true });
  await page.emulateMedia({ media: "screen" });
  await expectAccessible(page);

  // Back on the case: recorded as mobilised, on the timeline.
  await page.goBack();
  await fsl.getByRole("button", { name: "Enregistrer comme mobilisée" }).click();
  await expect(panel.getByText("« Fonds de solidarité logement — aide à l’accès » est enregistrée comme mobilisée pour la personne.")).toBeVisible();
  await expect(panel.getByRole("heading", { name: "Ressources mobilisées" })).toBeVisible();
  await expect(
    page.locator("section", { has: page.getByRole("heading", { name: "Historique" }) }).getByText(
      "Ressource partenaire mobilisée : Fonds de solidarité logement — aide à l’accès (Unité territoriale d’action sociale Strasbourg Sud)",
    ),
  ).toBeVisible();

  // The directory: own and partners' resources, with their freshness.
  await page.goto("/annuaire");
  await expect(page.getByRole("heading", { level: 1, name: "Annuaire des ressources partenaires" })).toBeVisible();
  await expect(page.getByRole("link", { name: "Aide à la mobilité vers l’emploi" })).toBeVisible();
  await expect(page.getByText(/À mettre à jour —/)).toBeVisible();
  await expect(page.getByText("Accès au logement et hébergement d’urgence")).toHaveCount(0);
  await shots(page, "directory");
  await expectAccessible(page);
  // The yearly update: the Département's stale budget service is confirmed as still accurate.
  await page.getByRole("button", { name: "Confirmer à jour" }).click();
  await expect(page.getByText(/À mettre à jour —/)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Confirmer à jour" })).toHaveCount(0);
});

test("a Strasbourg agent publishes a service (field errors first) and an import with an invalid line imports nothing", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, "agent.strasbourg");
  await page.goto("/annuaire");
  const form = page.locator("form", { has: page.getByRole("heading", { name: "Publier un service" }) });
  await form.getByLabel("Structure", { exact: true }).selectOption({ label: "Centre communal d’action sociale de Strasbourg" });
  await form.getByLabel("Nom du service").fill("Permanence logement des jeunes");
  await form.getByLabel("Description").fill("Une permanence hebdomadaire pour les 18-25 ans qui cherchent un premier logement.");
  await form.getByLabel("Thématiques (data·inclusion)").selectOption(["logement-hebergement--louer-un-logement"]);
  await form.getByText("Jeunes", { exact: true }).click();
  await form.getByRole("textbox", { name: "Courriel" }).fill("pas-une-adresse");
  await form.getByLabel("Zone d’éligibilité").fill("67482");
  // The browser's own e-mail check is bypassed so that the schema's refusal shows next to its field.
  await form.evaluate((f: HTMLFormElement) => {
    f.noValidate = true;
  });
  await form.getByRole("button", { name: "Publier le service" }).click();
  await expect(form.getByText("Adresse électronique invalide.")).toBeVisible();
  await form.getByRole("textbox", { name: "Courriel" }).fill("logement-jeunes@strasbourg.example.fr");
  await form.getByRole("button", { name: "Publier le service" }).click();
  await expect(form.getByText("Service publié : vos partenaires le voient pour le territoire de la convention.")).toBeVisible();
  await expect(page.getByRole("link", { name: "Permanence logement des jeunes" })).toBeVisible();

  const file = {
    structures: [{ source: "strasbourg", id: "strasbourg--maison-emploi", nom: "Maison de l’emploi", date_maj: "2026-06-01" }],
    services: [
      { source: "strasbourg", id: "strasbourg--atelier-cv", structure_id: "strasbourg--maison-emploi", nom: "Atelier CV", description: "Rédiger son CV avec un conseiller.", date_maj: "2026-06-01", zone_eligibilite: ["67482"] },
      { source: "strasbourg", id: "strasbourg--atelier-2", structure_id: "strasbourg--maison-emploi", nom: "AB", description: "Trop court.", date_maj: "2026-06-01", zone_eligibilite: ["6748"] },
    ],
  };
  await page.getByLabel("Fichier data·inclusion (JSON)").setInputFiles({ name: "strasbourg.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(file)) });
  await expect(page.getByText("Rien n’a été importé : 2 erreur(s) à corriger dans le fichier.")).toBeVisible();
  const report = page.locator("table", { has: page.getByText("Erreurs ligne par ligne") });
  await expect(report.getByRole("row")).toHaveCount(3);
  await expect(report.getByRole("row").nth(1)).toContainText("Service2nom\"AB\"3 caractères au moins.");
  await expect(report.getByRole("row").nth(2)).toContainText("Code du Code officiel géographique attendu");
  await expect(page.getByRole("link", { name: "Atelier CV" })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Exporter les ressources de mon organisation (JSON data·inclusion)" })).toHaveAttribute("href", "/api/directory/export");
  await shots(page, "directory-import-report");
  await expectAccessible(page);
});

test("a Bas-Rhin steering user opens the yearly update campaign and sees its progress and the directory's accounts", async ({ page }) => {
  await login(page, "pilotage.basrhin");
  await page.goto("/annuaire");
  const steering = page.locator("section", { has: page.getByRole("heading", { name: "Pilotage de l’annuaire" }) });
  const convention = steering.locator("div", { has: page.getByRole("heading", { name: "Convention n° BAS-RHIN-2021-AG" }) });
  // The convention file says 002 sets no day for the update (axe 1): 31 December, and the page says why.
  await expect(convention.getByText(/La convention ne fixe pas de jour pour la mise à jour de la base de ressources \(002 axe 1 — .*\) : échéance retenue au 31\/12\/\d{4}\./)).toBeVisible();
  await convention.getByRole("button", { name: /Ouvrir la campagne de mise à jour \d{4}/ }).click();
  await expect(convention.getByText(/\d+ % des ressources mises à jour/)).toBeVisible();
  await expect(steering.getByRole("row", { name: /Ville de Strasbourg 3/ })).toBeVisible();
  await shots(page, "directory-steering");
  await expectAccessible(page);
});
