import type { Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";

const shots = "test-results/dsfr-completeness";
const breadcrumb = (page: Page) => page.getByRole("navigation", { name: "vous êtes ici :" });

/** The breadcrumb leads home and ends on this page: its ancestors (links) then the page itself. */
async function expectBreadcrumb(page: Page, ancestors: string[], current: string | RegExp) {
  const nav = breadcrumb(page);
  await expect(nav).toBeVisible();
  await expect(nav.getByRole("link")).toHaveText(["Accueil", ...ancestors]);
  await expect(nav.locator('[aria-current="page"]')).toHaveText(current);
}

test("every page below home has a breadcrumb from the route table, home has none", async ({ page }) => {
  await page.goto("/connexion");
  await expectBreadcrumb(page, [], "Connexion");
  await page.goto("/invitation/jeton-inconnu");
  await expectBreadcrumb(page, [], "Invitation");
  await page.goto("/adresse-inconnue");
  await expectBreadcrumb(page, [], "Page non trouvée");

  await login(page, "conseiller.basrhin");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  await expect(breadcrumb(page)).toHaveCount(0);
  const pages: [string, string[], string][] = [
    ["/mon-compte", [], "Mon compte"],
    ["/conventions", [], "Conventions"],
    ["/conventions/import", ["Conventions"], "Importer une convention"],
    ["/echeances", [], "Mes échéances"],
    ["/revues", [], "Revues de portefeuille"],
    ["/accompagnements", [], "Mon portefeuille"],
    ["/personnes", [], "Personnes"],
    ["/accessibilite", [], "Déclaration d’accessibilité"],
  ];
  for (const [path, ancestors, current] of pages) {
    await page.goto(path);
    await expectBreadcrumb(page, ancestors, current);
  }
  // Pages named by their data pass their own label; their parent is a link back.
  await page.goto("/conventions");
  await page.locator("main table tbody tr a").first().click();
  await expectBreadcrumb(page, ["Conventions"], /^Convention \S+/);
  await page.goto("/accompagnements");
  await page.locator("main table tbody tr a").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Accompagnement de ");
  // The portfolio lists « Nom Prénom »; the case page and its breadcrumb say « Prénom Nom ».
  const person = (await page.getByRole("heading", { level: 1 }).textContent())!.replace("Accompagnement de ", "").trim();
  await expectBreadcrumb(page, ["Mon portefeuille"], person);
  await breadcrumb(page).getByRole("link", { name: "Mon portefeuille" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mon portefeuille");
  await page.screenshot({ path: `${shots}/breadcrumb-1280.png`, fullPage: false });

  await page.context().clearCookies();
  await login(page, "dpo.creuse");
  await page.goto("/journal-audit/integrite");
  await expectBreadcrumb(page, ["Journal d’audit"], "Intégrité du journal");
  await page.context().clearCookies();
  await login(page, "admin.plateforme");
  await page.goto("/boite-envoi");
  await expectBreadcrumb(page, [], "Boîte d’envoi");
});

const footerPages: [RegExp, string, string][] = [
  [/^Accessibilité : non conforme$/, "/accessibilite", "Déclaration d’accessibilité"],
  [/^Mentions légales$/, "/mentions-legales", "Mentions légales"],
  [/^Données personnelles$/, "/donnees-personnelles", "Données personnelles"],
  [/^Gestion des cookies$/, "/gestion-des-cookies", "Gestion des cookies"],
];

async function footerLinksOpenTheirPages(page: Page) {
  const footer = page.locator("footer#pied-de-page");
  for (const [name, path, heading] of footerPages) {
    await footer.getByRole("link", { name }).click();
    await expect(page).toHaveURL(path);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(heading);
    await expectAccessible(page);
    // The address itself answers 200: it can be bookmarked or opened from a mail.
    const response = await page.request.get(path);
    expect(response.status()).toBe(200);
  }
}

test("the footer's mandatory links open their pages, logged out and logged in", async ({ page }) => {
  await page.goto("/connexion");
  await footerLinksOpenTheirPages(page);
  await page.goto("/accessibilite");
  await expect(page.getByText("Tandem est non conforme avec le référentiel général d’amélioration de l’accessibilité")).toBeVisible();
  await expect(page.getByText("audit non réalisé")).toBeVisible();
  await page.screenshot({ path: `${shots}/accessibilite-1280.png`, fullPage: true });
  await page.goto("/gestion-des-cookies");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Gestion des cookies");
  const cookies = page.getByRole("table");
  for (const name of ["tandem_session", "tandem_csrf", "tandem_presession"]) await expect(cookies.getByRole("cell", { name, exact: true })).toBeVisible();
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${shots}/cookies-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/donnees-personnelles");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Données personnelles");
  await page.screenshot({ path: `${shots}/donnees-personnelles-1280.png`, fullPage: true });

  await login(page, "pilotage.metz");
  await footerLinksOpenTheirPages(page);
  // Logged in, the legal pages keep the session: the header still shows the account.
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
});

test("the display settings in the footer switch Tandem to the dark theme, and it stays", async ({ page }) => {
  await page.goto("/connexion");
  await expect(page.locator("html")).not.toHaveAttribute("data-fr-theme", "dark");
  await page.locator("footer#pied-de-page").getByRole("button", { name: "Paramètres d’affichage" }).click();
  const dialog = page.getByRole("dialog", { name: "Paramètres d’affichage" });
  await expect(dialog).toBeVisible();
  await dialog.getByText("Thème sombre").click();
  await expect(page.locator("html")).toHaveAttribute("data-fr-theme", "dark");
  await dialog.getByRole("button", { name: "Fermer" }).click();
  // axe runs on the page once the modal has faded out, not on its half-transparent closing frame.
  await expect(dialog).toBeHidden();
  await expectAccessible(page);
  await page.screenshot({ path: `${shots}/dark-1280.png`, fullPage: true });
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("data-fr-theme", "dark");
});

test("an empty list shows its empty state instead of a table of headers", async ({ page }) => {
  await login(page, "pilotage.metz");
  await page.goto("/conventions");
  await expect(page.locator("main table")).toBeVisible();
  await page.getByRole("searchbox", { name: /Recherche/ }).fill("aucune-convention-de-ce-nom");
  await page.getByRole("button", { name: "Rechercher" }).click();
  const empty = page.getByTestId("empty-state");
  await expect(empty).toContainText("Aucune convention ne correspond à ces critères");
  await expect(page.locator("main table")).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({ path: `${shots}/empty-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${shots}/empty-390.png`, fullPage: true });
  // Clearing the filters brings the conventions back.
  await page.getByRole("button", { name: "Effacer les filtres" }).click();
  await expect(page.locator("main table")).toBeVisible();
});
