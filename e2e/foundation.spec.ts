import { expect, expectAccessible, login, test } from "./fixtures";

test("a demo advisor logs in and reaches their home page", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/connexion/);
  await expectAccessible(page);
  await login(page, "conseiller.creuse");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bonjour Conseiller Creuse");
  await expect(page.getByText("France Travail — Agence de Guéret — Conseiller France Travail")).toBeVisible();
  await expect(page.getByRole("button", { name: "Se déconnecter" })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/screens/home-advisor.png", fullPage: true });
});

test("a wrong password shows the French message and stays on the login page", async ({ page }) => {
  await page.goto("/connexion");
  await page.getByLabel("Adresse électronique").fill("conseiller.metz@demo.tandem.fr");
  await page.getByLabel("Mot de passe", { exact: true }).fill("ce n’est pas le bon");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("alert")).toContainText("Adresse électronique ou mot de passe incorrect.");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Connexion à Tandem");
});

test("a Creuse user cannot open a Bas-Rhin organisation's users page", async ({ page }) => {
  // Find the Bas-Rhin département's id as its own admin sees it.
  await login(page, "admin.basrhin");
  await page.getByRole("link", { name: "Utilisateurs", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Utilisateurs — Département du Bas-Rhin");
  const basRhinUsersUrl = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  await login(page, "admin.creuse");
  await page.goto(basRhinUsersUrl);
  await expect(page.getByRole("alert")).toContainText("Vous n’avez pas les droits nécessaires");
  await expect(page.getByText("social.basrhin@demo.tandem.fr")).toHaveCount(0);
});

test("an org_admin invites a colleague and the platform admin sees the e-mail in the outbox", async ({ page }) => {
  await login(page, "admin.metz");
  await page.getByRole("link", { name: "Utilisateurs", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Utilisateurs — Ville de Metz");
  await expectAccessible(page);
  await page.getByLabel("Prénom").fill("Jeanne");
  await page.getByLabel("Nom", { exact: true }).fill("Essai");
  await page.getByLabel("Adresse électronique").fill("jeanne.essai@metz.fr");
  await page.getByRole("group", { name: "Rôles", exact: true }).getByText("Agent partenaire").click();
  await page.getByRole("button", { name: "Envoyer l’invitation" }).click();
  await expect(page.getByText("Invitation envoyée à jeanne.essai@metz.fr.")).toBeVisible();
  await expect(page.getByRole("cell", { name: "jeanne.essai@metz.fr" })).toBeVisible();
  await page.screenshot({ path: "test-results/screens/org-users.png", fullPage: true });
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  await login(page, "admin.plateforme");
  await page.getByRole("link", { name: "Boîte d’envoi" }).first().click();
  // The daily jobs' e-mails may outnumber a page: the admin looks for Jeanne's messages.
  await page.getByRole("searchbox", { name: "Destinataire" }).fill("jeanne.essai@");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page.getByRole("status")).toHaveText("1 message pour « jeanne.essai@ ».");
  await expect(page.getByRole("heading", { name: "Votre compte Tandem" })).toBeVisible();
  const message = page.locator("article").filter({ hasText: "À : jeanne.essai@metz.fr" });
  await expect(message).toBeVisible();
  await expectAccessible(page);
  const link = /http:\/\/\S+\/invitation\/[\w-]+/.exec((await message.textContent()) ?? "")![0];
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  // Jeanne follows the link, chooses her password and logs in.
  await page.goto(new URL(link).pathname);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Activer mon compte");
  await expectAccessible(page);
  await page.getByLabel("Choisissez votre mot de passe").fill("le mot de passe de Jeanne");
  await page.getByRole("button", { name: "Enregistrer mon mot de passe" }).click();
  await expect(page.getByText("Votre mot de passe est enregistré.")).toBeVisible();
  await page.goto("/connexion");
  await page.getByLabel("Adresse électronique").fill("jeanne.essai@metz.fr");
  await page.getByLabel("Mot de passe", { exact: true }).fill("le mot de passe de Jeanne");
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bonjour Jeanne Essai");
});

test("an unknown page says so in French", async ({ page }) => {
  await login(page, "conseiller.troyes");
  await page.goto("/cette-page-nexiste-pas");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page introuvable");
  await expectAccessible(page);
});

test("mon compte: change my password, then log in with the new one", async ({ page }) => {
  await login(page, "pilotage.troyes");
  await page.getByRole("link", { name: /Pilotage Troyes/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mon compte");
  await expectAccessible(page);
  await page.getByLabel("Mot de passe actuel").fill("Tandem-demo-2026");
  await page.getByLabel("Nouveau mot de passe").fill("court");
  await page.getByRole("button", { name: "Changer mon mot de passe" }).click();
  await expect(page.locator(".fr-message--error")).toContainText("au moins 12 caractères");
  await page.getByLabel("Nouveau mot de passe").fill("un mot de passe bien long");
  await page.getByRole("button", { name: "Changer mon mot de passe" }).click();
  await expect(page.getByText("Votre mot de passe a été modifié.")).toBeVisible();
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await login(page, "pilotage.troyes", "un mot de passe bien long");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bonjour Pilotage Troyes");
});

test("a DPO searches the audit trail and finds the logins of their organisation", async ({ page }) => {
  await login(page, "dpo.creuse");
  await page.getByRole("link", { name: "Journal d’audit" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Journal d’audit");
  await page.getByLabel("Action").selectOption({ label: "Connexion" });
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page.getByRole("cell", { name: /^Dpo Creuse/ }).first()).toBeVisible();
  await expect(page.getByRole("cell", { name: /^Conseiller Metz/ })).toHaveCount(0);
  await expectAccessible(page);
});
