import type { Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";

const nav = (page: Page, label: string) => page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: label, exact: true });
const logout = (page: Page) => page.getByRole("button", { name: "Se déconnecter" }).click();

/** Opens « Orientations à attribuer » from the portfolio and takes up the person's case. */
async function takeUpFromQueue(page: Page, person: string) {
  await nav(page, "Mon portefeuille").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mon portefeuille");
  await page.getByRole("tab", { name: /^Orientations à attribuer \(\d+\)$/ }).click();
  const row = page.getByRole("row").filter({ has: page.getByRole("link", { name: person, exact: true }) });
  await expect(row).toBeVisible();
  await expectAccessible(page);
  await row.getByRole("button", { name: `Prendre en charge ${person}` }).click();
  await expect(page.getByRole("status").filter({ hasText: `Vous avez pris en charge l’accompagnement de ${person}` })).toBeVisible();
  await expect(page.getByRole("link", { name: person, exact: true })).toHaveCount(0);
}

test("a person oriented with no barrier reaches the pair through their queues, gets barriers, and goes on to entry", async ({ page }) => {
  // Three people, three logins and the whole way to entry: longer than one page's check.
  test.setTimeout(180_000);
  // An orienter of the Creuse Département orients a person of the territory, without any barrier.
  await login(page, "orienteur.creuse");
  await nav(page, "Personnes").click();
  await page.getByLabel("Nom, prénom ou identifiant France Travail").fill("Bernard");
  await page.getByRole("button", { name: "Rechercher" }).click();
  const orientLink = page.getByRole("link", { name: /^Orienter / }).first();
  const [firstName, ...lastNames] = (await orientLink.textContent())!.replace(/^Orienter /, "").trim().split(" ");
  const person = `${lastNames.join(" ")} ${firstName}`;
  await orientLink.click();
  await page.getByLabel("Origine de l’orientation").selectOption({ label: "Service social du Département" });
  await page.getByRole("button", { name: "Orienter", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Accompagnement de ${firstName} ${lastNames.join(" ")}`);
  await expect(page.getByText("Aucun frein enregistré.")).toBeVisible();
  const caseUrl = new URL(page.url()).pathname;
  await logout(page);

  // The advisor is told, and takes the France Travail side from the queue.
  await login(page, "conseiller.creuse");
  await nav(page, "Mon portefeuille").click();
  await expect(page.getByRole("button", { name: /^Nouvelles orientations à prendre en charge \(\d+\)$/ })).toBeVisible();
  await takeUpFromQueue(page, person);
  await page.screenshot({ path: "/tmp/shots/A/queue-1280.png", fullPage: true });
  await logout(page);

  // The social worker takes the social side: the pair is formed; the case is in her portfolio.
  await login(page, "social.creuse");
  await nav(page, "Mon portefeuille").click();
  await page.getByRole("tab", { name: /^Orientations à attribuer/ }).click();
  await expect(page.getByRole("row").filter({ hasText: person })).toContainText("Conseiller Creuse (conseiller)");
  await takeUpFromQueue(page, person);
  await expect(page.getByRole("status").filter({ hasText: "le binôme est formé" })).toBeVisible();
  await page.getByRole("tab", { name: "Mes accompagnements" }).click();
  await page.getByLabel("Nom, prénom ou identifiant").fill(lastNames.join(" "));
  await page.getByRole("button", { name: "Rechercher", exact: true }).click();
  await page.getByRole("table").getByRole("link", { name: person, exact: true }).click();
  await expect(page).toHaveURL(new RegExp(`${caseUrl}$`));
  await expect(page.getByText(/Binôme : Conseiller Creuse \(conseiller\) et Social Creuse/)).toBeVisible();

  // Barriers, added from the case page; one recorded by mistake is corrected, with history.
  const add = page.getByRole("form", { name: "Ajouter un frein" });
  await add.getByLabel("Frein", { exact: true }).selectOption({ label: "Social — Logement" });
  await add.getByRole("button", { name: "Ajouter le frein" }).click();
  await expect(add.getByRole("status")).toHaveText("Frein ajouté.");
  await add.getByLabel("Frein", { exact: true }).selectOption({ label: "Professionnel — Absence de qualification" });
  await add.getByRole("button", { name: "Ajouter le frein" }).click();
  const barriers = page.getByRole("table").filter({ has: page.getByRole("columnheader", { name: "Décision commune" }) });
  await expect(barriers.getByRole("row")).toHaveCount(3);
  await barriers.getByRole("button", { name: "Corriger Absence de qualification" }).click();
  const correction = page.getByRole("form", { name: "Corriger le frein « Absence de qualification »" });
  await correction.getByLabel("Frein", { exact: true }).selectOption({ label: "Professionnel — Mobilité géographique ou professionnelle" });
  await correction.getByLabel("Motif de la correction (facultatif)").fill("Erreur de saisie");
  await correction.getByRole("button", { name: "Enregistrer la correction" }).click();
  await expect(page.getByText(/Frein corrigé : « Absence de qualification » constaté le .* devient « Mobilité géographique ou professionnelle »/)).toBeVisible();
  // An « other » barrier needs its description, said next to the field before anything is sent.
  await add.getByLabel("Frein", { exact: true }).selectOption({ label: "Autre — Autre frein" });
  await add.getByRole("button", { name: "Ajouter le frein" }).click();
  await expect(add.getByText("Décrivez ce frein : un frein « autre » doit être décrit.")).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "/tmp/shots/A/case-barriers-1280.png", fullPage: true });

  // On to entry: consent, shared diagnosis by the pair, submitted to the review (Creuse enters at the monthly review), entered.
  await page.getByRole("button", { name: "Enregistrer le consentement" }).click();
  await expect(page.getByText(/^Consentement recueilli le/)).toBeVisible();
  await page.getByRole("button", { name: "Enregistrer le diagnostic" }).click();
  await expect(page.getByText(/Diagnostic partagé \(conseiller et travailleur social\) le \d/)).toBeVisible();
  await expect(page.getByText("Ce qui manque pour l’entrée")).toHaveCount(0);
  await page.getByRole("button", { name: "Soumettre l’entrée à la revue de portefeuille" }).click();
  await expect(page.getByText("En attente d’entrée (revue)").first()).toBeVisible();
  await page.getByRole("button", { name: "Enregistrer l’entrée" }).click();
  await expect(page.getByText("Accompagnement en cours").first()).toBeVisible();
  await expectAccessible(page);

  // On a phone: the barriers and the queue read as cards.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole("heading", { name: "Freins", level: 2 }).evaluate((h) => h.scrollIntoView({ block: "start" }));
  await page.screenshot({ path: "/tmp/shots/A/case-barriers-390.png" });
  await page.goto("/accompagnements?vue=a-attribuer");
  await expect(page.getByRole("tab", { name: /^Orientations à attribuer/ })).toHaveAttribute("aria-selected", "true");
  await page.getByRole("heading", { name: "Orientations à attribuer", level: 2 }).evaluate((h) => h.scrollIntoView({ block: "start" }));
  await expectAccessible(page);
  await page.screenshot({ path: "/tmp/shots/A/queue-390.png" });
});
