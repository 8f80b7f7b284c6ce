import { expect, expectAccessible, login, test } from "./fixtures";

test("a France Travail agency admin is offered France Travail roles only, and no editor of their own roles", async ({ page }) => {
  await login(page, "admin.ft-metz");
  await page.getByRole("link", { name: "Utilisateurs", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Utilisateurs — France Travail — Agence Metz Sébastopol");
  const invite = page.getByRole("group", { name: "Rôles", exact: true });
  await expect(invite.getByText("Conseiller France Travail")).toBeVisible();
  await expect(invite.getByText("Travailleur social")).toHaveCount(0);
  await expect(invite.getByText("Orienteur")).toHaveCount(0);
  const me = page.getByRole("row").filter({ hasText: "admin.ft-metz@demo.tandem.fr" });
  await expect(me.getByText("Vos rôles sont modifiés par un autre administrateur.")).toBeVisible();
  await expect(me.getByRole("button")).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/screens/identity-users-ft.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/screens/identity-users-ft-390.png", fullPage: true });
});

test("mon compte: a common password is refused next to the field", async ({ page }) => {
  await login(page, "pilotage.ft-metz");
  await page.getByRole("link", { name: /Pilotage Ft-metz/ }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mon compte");
  await page.getByLabel("Mot de passe actuel").fill("Tandem-demo-2026");
  await page.getByLabel("Nouveau mot de passe").fill("Motdepasse2024!");
  await page.getByRole("button", { name: "Changer mon mot de passe" }).click();
  await expect(page.getByRole("alert")).toContainText("fait partie des mots de passe les plus courants");
  await expect(page.locator(".fr-message--error")).toHaveText(/fait partie des mots de passe les plus courants/);
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/screens/identity-password-refused.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/screens/identity-password-refused-390.png", fullPage: true });
});
