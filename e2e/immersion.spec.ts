import type { Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";

/** A year ahead: PEC contracts and immersions cannot start in the past, and the demo extends Rouen's convention to the end of the year after next. */
const Y = new Date().getFullYear() + 1;

/**
 * PMSMP immersions (ADR 0036) on the demo's Rouen convention (000 art. 3.1 b): France Travail's
 * advisor records an immersion at the City — object « Découvrir un métier », a trade among those
 * the City declared — the form lets one object only and the API refuses two, the assessment is
 * recorded, and the City's agent sees the immersion with its assessment.
 */
/** Screenshots at 1280 and 390 px (E2E_SCREENS: where, outside test-results, which each run empties). */
const screens = process.env.E2E_SCREENS ?? "test-results/screens";
const shots = async (page: Page, name: string) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${screens}/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${screens}/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
};

const iso = (d: Date) => d.toISOString().slice(0, 10);
const inDays = (n: number) => iso(new Date(Date.now() + n * 86_400_000));

test("an advisor records a Rouen immersion with one object and a trade of the City, the assessment is recorded, the City's agent sees it", async ({ page, browser }) => {
  test.setTimeout(240_000);
  await login(page, "conseiller.rouen");
  await page.getByRole("link", { name: "Immersions", exact: true }).first().click();
  await expect(page.getByRole("heading", { name: "Immersions professionnelles (PMSMP)", level: 1 })).toBeVisible();
  await shots(page, "immersions-list");
  await page.getByRole("link", { name: "Enregistrer une immersion" }).click();
  await expect(page.getByRole("heading", { name: "Enregistrer une immersion", level: 1 })).toBeVisible();

  // A person of the advisor's territory (Rouen), found by name.
  const person = await page.evaluate(async () => {
    const r = await fetch("/api/immersions/persons?q=a");
    return r.status;
  });
  expect(person).toBe(400);
  const someone = await page.evaluate(async () => {
    for (const letter of ["ma", "le", "ro", "be"]) {
      const found = (await (await fetch(`/api/immersions/persons?q=${letter}`)).json()) as { lastName: string; firstName: string }[];
      if (found.length > 0) return found[0];
    }
    return null;
  });
  expect(someone).not.toBeNull();
  await page.getByLabel("Nom ou identifiant France Travail").fill(someone?.lastName ?? "");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await page.getByRole("button", { name: new RegExp(`^${someone?.lastName} ${someone?.firstName}`) }).first().click();

  const form = page.getByRole("form", { name: "L’immersion" });
  await form.getByLabel("Structure d’accueil", { exact: true }).selectOption({ label: "Ville de Rouen" });
  // The trades are those the City declared: the secretariat (M1607) is not one of them.
  const trade = form.getByLabel("Métier (ROME)");
  await expect(trade.locator("option", { hasText: "Aménagement et entretien des espaces verts (A1203)" })).toHaveCount(1);
  await expect(trade.locator("option", { hasText: "(M1607)" })).toHaveCount(0);
  await trade.selectOption("A1203");

  // One object only: radio buttons — choosing a second one unchecks the first.
  const discover = form.getByRole("radio", { name: "Découvrir un métier ou un secteur d’activité" });
  const confirm = form.getByRole("radio", { name: "Confirmer un projet professionnel" });
  // DSFR draws the radio on its label: the label is what a user clicks.
  await form.locator("label", { hasText: "Confirmer un projet professionnel" }).click();
  await expect(confirm).toBeChecked();
  await form.locator("label", { hasText: "Découvrir un métier ou un secteur d’activité" }).click();
  await expect(discover).toBeChecked();
  await expect(confirm).not.toBeChecked();

  await form.getByLabel("Premier jour").fill(inDays(-12));
  await form.getByLabel("Dernier jour").fill(inDays(40));
  await form.getByLabel("Heures par semaine").fill("35");
  await form.getByLabel("Nom et prénom").fill("Paul Lemarchand");
  await form.getByLabel("Fonction").fill("Chef d’équipe espaces verts");
  await form.getByLabel("Adresse électronique").fill("paul.lemarchand@rouen.example");
  // More than a month « de date à date »: refused next to the last day, with its article.
  await form.getByRole("button", { name: "Enregistrer l’immersion" }).click();
  await expect(form.getByText(/Une immersion dure au plus un mois de date à date.*D5135-3/).first()).toBeVisible();
  await form.getByLabel("Dernier jour").fill(inDays(-3));
  await shots(page, "immersion-form");
  await form.getByRole("button", { name: "Enregistrer l’immersion" }).click();

  await expect(page.getByRole("heading", { level: 1, name: /^Immersion de / })).toBeVisible();
  await expect(page.getByText("Objet : Découvrir un métier ou un secteur d’activité")).toBeVisible();
  await expect(page.getByText("Métier : Aménagement et entretien des espaces verts (A1203)")).toBeVisible();
  const link = page.getByRole("link", { name: /Créer la convention sur Immersion Facilitée/ });
  await expect(link).toHaveAttribute("href", /^https:\/\/immersion-facile\.beta\.gouv\.fr\/demande-immersion\?.*etLastName=Lemarchand/);
  const immersionId = page.url().split("/").pop() ?? "";

  // The API refuses two objects, whatever a client sends.
  const refused = await page.evaluate(async ({ id, Y }) => {
    const detail = (await (await fetch(`/api/immersions/${id}`)).json()) as { conventionId: string; host: { id: string } };
    const csrf = document.cookie.split("; ").find((c) => c.startsWith("tandem_csrf="))?.slice("tandem_csrf=".length) ?? "";
    const persons = (await (await fetch("/api/immersions/persons?q=ma")).json()) as { id: string }[];
    const r = await fetch("/api/immersions", {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": csrf },
      body: JSON.stringify({
        conventionId: detail.conventionId,
        jobSeekerId: persons[0]?.id,
        hostOrganisationId: detail.host.id,
        tutorName: "Paul Lemarchand",
        tutorEmail: "paul.lemarchand@rouen.example",
        tutorFunction: "Chef d’équipe",
        startsOn: `${Y}-03-01`,
        endsOn: `${Y}-03-05`,
        weeklyHours: 35,
        objects: ["discover", "confirm_project"],
        romeCode: "A1203",
      }),
    });
    return { status: r.status, body: await r.json() };
  }, { id: immersionId, Y });
  expect(refused.status).toBe(400);
  expect(refused.body.error.code).toBe("IMMERSION_ONE_OBJECT");

  // The agreement's reference, then the assessment.
  await page.getByRole("textbox", { name: "Référence", exact: true }).fill("IF-2026-00042");
  await page.getByRole("button", { name: "Enregistrer la référence" }).click();
  await expect(page.getByText("Référence : IF-2026-00042")).toBeVisible();
  const assessment = page.getByRole("form", { name: "Enregistrer le bilan" });
  await assessment.locator("label", { hasText: /^Oui$/ }).click();
  await assessment.locator("label", { hasText: "Tailler des végétaux" }).click();
  await expect(assessment.getByRole("checkbox", { name: /Tailler des végétaux/ })).toBeChecked();
  await assessment.getByLabel("Suite donnée").selectOption({ label: "Formation" });
  await assessment.getByLabel("Commentaire").fill("Métier découvert ; formation aux techniques de taille envisagée.");
  await assessment.getByRole("button", { name: "Enregistrer le bilan" }).click();
  await expect(page.getByText("Objectif atteint : Oui")).toBeVisible();
  await expect(page.getByText(/Compétences observées : Tailler des végétaux/)).toBeVisible();
  await expectAccessible(page);
  await shots(page, "immersion-page");

  // The City's agent sees it, with its assessment, without the France Travail identifier nor the link.
  const city = await browser.newContext();
  const agent = await city.newPage();
  await login(agent, "agent.rouen");
  await agent.goto("/immersions");
  await agent.getByRole("link", { name: new RegExp(`${someone?.firstName} ${someone?.lastName}`) }).first().click();
  await expect(agent.getByText("Objectif atteint : Oui")).toBeVisible();
  await expect(agent.getByText("Identifiant France Travail")).toHaveCount(0);
  await expect(agent.getByRole("link", { name: /Créer la convention sur Immersion Facilitée/ })).toHaveCount(0);
  await shots(agent, "immersion-host");
  await city.close();
});

test("the City's administrator declares its trades from the ROME referential", async ({ page }) => {
  await login(page, "admin.rouen");
  await page.goto("/immersions");
  await page.getByRole("link", { name: "Métiers de ma structure" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Métiers ouverts aux immersions/ })).toBeVisible();
  await page.getByLabel("Rechercher un métier").fill("secrétaire");
  await page.getByRole("button", { name: "Secrétariat (M1607)" }).click();
  await page.getByRole("button", { name: "Enregistrer les métiers" }).click();
  await expect(page.getByText("Métiers enregistrés.")).toBeVisible();
  await expect(page.getByRole("table")).toContainText("Secrétariat");
  await expectAccessible(page);
  await shots(page, "immersion-host-trades");
});
