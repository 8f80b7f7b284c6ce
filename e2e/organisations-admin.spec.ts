import type { Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";

const nav = (page: Page, label: string) => page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: label, exact: true });

const shots = async (page: Page, name: string) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `test-results/screens/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
};

async function inviteAdmin(page: Page, first: string, last: string, email: string) {
  const form = page.getByRole("form", { name: "Inviter un administrateur de l’organisation" });
  await form.getByLabel("Prénom").fill(first);
  await form.getByLabel("Nom", { exact: true }).fill(last);
  await form.getByLabel("Adresse électronique").fill(email);
  await form.getByRole("button", { name: "Envoyer l’invitation" }).click();
  await expect(page.getByText(`Invitation envoyée à ${email}.`)).toBeVisible();
}

test("the platform admin creates a département and its France Travail agency from the referential, and invites their admins", async ({ page }) => {
  test.setTimeout(180_000);
  await login(page, "admin.plateforme");
  await nav(page, "Organisations").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Organisations");
  await page.getByLabel("Nom ou code").fill("rouen");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page.getByRole("link", { name: "Ville de Rouen" })).toBeVisible();
  await expectAccessible(page);
  await shots(page, "organisations-list");

  // The département: its territory is a département of the referential, chosen in a list.
  await page.getByRole("link", { name: "Créer une organisation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nouvelle organisation");
  await page.getByLabel("Nom", { exact: true }).fill("Département de la Lozère");
  await page.getByLabel("Type d’organisation").selectOption({ label: "Département" });
  await page.getByLabel("SIRET (facultatif)").fill("22480001100010");
  await page.getByLabel("Département", { exact: true }).selectOption({ label: "48 — Lozère" });
  await page.getByLabel("Délégué à la protection des données : courriel (facultatif)").fill("dpo@lozere.fr");
  await page.getByRole("button", { name: "Créer l’organisation" }).click();
  // A bad SIRET is refused next to its field before anything is sent.
  await expect(page.getByText("Ce SIRET n’est pas valide (clé de contrôle incorrecte).")).toBeVisible();
  await expect(page.getByLabel("SIRET (facultatif)")).toBeFocused();
  await expectAccessible(page);
  await shots(page, "organisations-form-refused");
  await page.getByLabel("SIRET (facultatif)").fill("22480001100013");
  await page.getByRole("button", { name: "Créer l’organisation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Département de la Lozère");
  await expect(page.getByText("Territoire : Lozère (48) (152 communes)")).toBeVisible();
  await inviteAdmin(page, "Jeanne", "Rouvière", "jeanne.rouviere@lozere.fr");
  await expectAccessible(page);
  await shots(page, "organisations-detail");

  // The agency: its catchment is communes searched in the referential, never typed.
  await nav(page, "Organisations").click();
  await page.getByRole("link", { name: "Créer une organisation" }).click();
  await page.getByLabel("Nom", { exact: true }).fill("France Travail — Agence de Mende");
  await page.getByLabel("Type d’organisation").selectOption({ label: "Agence France Travail" });
  await page.getByLabel("Code d’agence France Travail").fill("MEN48");
  await page.getByLabel("SIRET (facultatif)").fill("13000548100101");
  await page.locator("label", { hasText: "Des communes" }).click();
  await page.getByRole("searchbox", { name: /^Communes/ }).fill("Mende");
  await page.getByRole("button", { name: /^Mende — 48095/ }).click();
  await page.getByRole("searchbox", { name: /^Communes/ }).fill("Balsi");
  await page.getByRole("button", { name: /^Balsièges — 48016/ }).click();
  await expect(page.getByRole("button", { name: "Retirer la commune Mende" })).toBeVisible();
  await expectAccessible(page);
  await shots(page, "organisations-agency-form");
  await page.getByRole("button", { name: "Créer l’organisation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("France Travail — Agence de Mende");
  await expect(page.getByText("Territoire : Balsièges, Mende")).toBeVisible();
  await inviteAdmin(page, "Paul", "Vidal", "paul.vidal@francetravail.fr");

  // Both invitations are in the outbox, each for its organisation.
  await page.goto("/boite-envoi");
  await expect(page.getByText("À : jeanne.rouviere@lozere.fr")).toBeVisible();
  await expect(page.getByText("À : paul.vidal@francetravail.fr")).toBeVisible();
  await expect(page.getByText(/vous a créé un compte Tandem pour France Travail — Agence de Mende/)).toBeVisible();
});

test("the Organisations page is not offered to an org admin, and the server refuses it", async ({ page }) => {
  await login(page, "admin.creuse");
  await expect(nav(page, "Conventions")).toBeVisible();
  await expect(nav(page, "Organisations")).toHaveCount(0);
  const status = await page.evaluate(async () => (await fetch("/api/organisations")).status);
  expect(status).toBe(403);
});

test("a party's succession is recorded from the convention page, its successor picked in the directory", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, "admin.plateforme");
  const created = await page.evaluate(async () => {
    const csrf = document.cookie.split("; ").find((c) => c.startsWith("tandem_csrf="))?.slice("tandem_csrf=".length) ?? "";
    const res = await fetch("/api/organisations", {
      method: "POST",
      headers: { "content-type": "application/json", "x-csrf-token": csrf },
      body: JSON.stringify({ name: "Communauté d’agglomération troyenne (nouvelle entité)", kind: "epci", territory: { kind: "epci", siren: "200069250" } }),
    });
    return res.status;
  });
  expect(created).toBe(201);
  await page.goto("/conventions");
  await page.getByRole("link", { name: "TCM-2020", exact: true }).click();
  await page.getByText("Enregistrer la succession d’une partie").click();
  const form = page.getByRole("form", { name: "Succession d’une partie" });
  await form.getByRole("button", { name: "Enregistrer la succession" }).click();
  await expect(form.getByText("Choisissez dans la liste l’organisation qui succède.")).toBeVisible();
  await form.getByLabel("Partie qui est remplacée").selectOption({ label: "Troyes Champagne Métropole" });
  await form.getByRole("searchbox", { name: /^Organisation qui lui succède/ }).fill("nouvelle entité");
  await form.getByRole("button", { name: /^Communauté d’agglomération troyenne \(nouvelle entité\)/ }).click();
  await form.getByLabel("À partir du").fill("2020-06-01");
  await expectAccessible(page);
  await shots(page, "convention-succession-form");
  await form.getByRole("button", { name: "Enregistrer la succession" }).click();
  await form.getByRole("button", { name: "Confirmer la succession" }).click();
  await expect(page.getByText(/Communauté d’agglomération troyenne \(nouvelle entité\) succède à la partie/)).toBeVisible();
});
