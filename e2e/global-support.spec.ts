import type { Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";

/** A command of the case page: the primary action's form when it is the one due, else opened from « Autres actions ». */
async function commandForm(page: Page, formName: string | RegExp, action: string) {
  await expect(page.getByRole("heading", { level: 2, name: "Autres actions" })).toBeVisible();
  const form = page.getByRole("form", { name: formName });
  if (!(await form.isVisible())) await page.locator("section[aria-labelledby=autres-actions]").getByRole("button", { name: action, exact: true }).click();
  await expect(form).toBeVisible();
  return form;
}

const nav = (page: Page, label: string) => page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: label, exact: true });

test("global support in Creuse: orientation, diagnosis, entry, missed first appointment, one renewal, the second refused, exit", async ({ page }) => {
  // An orienter of the Département finds a person of the territory and orients them.
  await login(page, "orienteur.creuse");
  await nav(page, "Personnes").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Rechercher une personne");
  await page.getByLabel("Nom, prénom ou identifiant France Travail").fill("Martin");
  await page.getByRole("button", { name: "Rechercher" }).click();
  const orientLink = page.getByRole("link", { name: /^Orienter / }).first();
  const person = (await orientLink.textContent())!.replace(/^Orienter /, "").trim();
  await expectAccessible(page);
  await orientLink.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Orienter vers l’accompagnement global");
  await page.getByLabel("Origine de l’orientation").selectOption({ label: "Service social du Département" });
  await page.getByText("Logement", { exact: true }).click();
  await page.getByText("Mobilité géographique ou professionnelle").click();
  await page.getByLabel("Ce que vous transmettez au binôme (facultatif)").fill("Hébergée chez un tiers ; pas de permis.");
  await expectAccessible(page);
  await page.getByRole("button", { name: "Orienter", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Accompagnement de ${person}`);
  await expect(page.getByText("Ce qui manque pour l’entrée")).toBeVisible();
  await expect(page.getByText(/Prochaine échéance : Démarrage de l’accompagnement/)).toBeVisible();
  const caseUrl = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  // The pair: consent, pair choice with loads, shared diagnosis, submission, entry acted at the review.
  await login(page, "conseiller.creuse");
  await page.goto(caseUrl);
  await page.getByRole("button", { name: "Enregistrer le consentement" }).click();
  await expect(page.getByText(/^Consentement recueilli le/)).toBeVisible();
  const pairForm = page.getByRole("form", { name: "Choisir le binôme" });
  for (const [label, who] of [
    ["Conseiller France Travail", "Conseiller Creuse"],
    ["Travailleur social", "Social Creuse"],
  ]) {
    const select = pairForm.getByLabel(label);
    await select.selectOption((await select.locator("option", { hasText: who }).getAttribute("value"))!);
  }
  await pairForm.getByRole("button", { name: "Enregistrer le binôme" }).click();
  await expect(page.getByText(/Binôme : Conseiller Creuse \(conseiller\) et Social Creuse/)).toBeVisible();
  await page.getByRole("button", { name: "Enregistrer le diagnostic" }).click();
  await expect(page.getByText(/Diagnostic partagé \(conseiller et travailleur social\) le \d/)).toBeVisible();
  await page.getByRole("button", { name: "Soumettre l’entrée à la revue de portefeuille" }).click();
  await expect(page.getByText("En attente d’entrée (revue)").first()).toBeVisible();
  await page.getByRole("button", { name: "Enregistrer l’entrée" }).click();
  await expect(page.getByText("Accompagnement en cours").first()).toBeVisible();
  await expect(page.getByText(/Prochaine échéance : Premier rendez-vous social et professionnel/)).toBeVisible();
  await expectAccessible(page);

  // The first professional appointment is missed.
  const appointment = await commandForm(page, "Rendez-vous", "Rendez-vous");
  await appointment.getByLabel("Type de rendez-vous").selectOption({ label: "Professionnel (conseiller)" });
  await appointment.getByLabel("Présence").selectOption({ label: "La personne ne s’est pas présentée" });
  await appointment.getByRole("button", { name: "Enregistrer le rendez-vous" }).click();
  await expect(page.getByText(/Absence au rendez-vous professionnel/)).toBeVisible();
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  // The orienter sees the alert at once.
  await login(page, "orienteur.creuse");
  await nav(page, "Mon portefeuille").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mon portefeuille");
  // Alerts are grouped by kind: the no-show group opens to show it.
  await page.getByRole("button", { name: /^Absences au premier rendez-vous \(\d+\)$/ }).click();
  await expect(page.getByText("Absence au premier rendez-vous professionnel").first()).toBeVisible();
  await expect(page.getByText(new RegExp(`${person} ne s’est pas présenté`)).first()).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/screens/support-portfolio.png", fullPage: true });
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  // Renewed once; the second renewal is refused with the rule and its article.
  await login(page, "conseiller.creuse");
  await page.goto(caseUrl);
  const renewal = await commandForm(page, /^Renouvellement/, "Renouvellement");
  await renewal.getByRole("button", { name: "Renouveler l’accompagnement" }).click();
  await expect(page.getByText(/Renouvellement n° 1/)).toBeVisible();
  await page.getByRole("form", { name: /^Renouvellement/ }).getByRole("button", { name: "Renouveler l’accompagnement" }).click();
  const refusal = page.getByRole("form", { name: /^Renouvellement/ }).getByRole("alert");
  await expect(refusal).toContainText("Renouvellement refusé : la convention n’autorise que 1 renouvellement");
  await expect(refusal).toContainText("001 art. 2.2");
  await page.screenshot({ path: "test-results/screens/support-case.png", fullPage: true });

  // The case exits with a type.
  const exit = await commandForm(page, "Sortie", "Sortie");
  await exit.getByLabel("Type de sortie").selectOption({ label: "Emploi durable" });
  await exit.getByRole("button", { name: "Enregistrer la sortie" }).click();
  await exit.getByRole("alertdialog", { name: "Enregistrer la sortie ?" }).getByRole("button", { name: "Confirmer la sortie" }).click();
  await expect(page.getByText("Sortie : Emploi durable")).toBeVisible();
  await expect(page.getByText("Sorti", { exact: true }).first()).toBeVisible();
  await expectAccessible(page);
});

test("refused in the UI: an advisor reading a social note, a social worker of another département, a city whose convention does not run global support", async ({ page }) => {
  // A Strasbourg social worker writes a note under professional secrecy on a case of her pair.
  await login(page, "social.strasbourg");
  await nav(page, "Mon portefeuille").click();
  await page.getByRole("table").getByRole("link").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Accompagnement de");
  const basRhinCase = new URL(page.url()).pathname;
  const noteForm = page.getByRole("form", { name: "Ajouter une note" });
  await noteForm.getByLabel("Visible par").selectOption({ label: "Travailleurs sociaux seulement (secret professionnel)" });
  await noteForm.getByLabel("Note", { exact: true }).fill("Suivi psychologique engagé, à ne pas partager.");
  await noteForm.getByRole("button", { name: "Ajouter la note" }).click();
  await expect(page.getByText("Suivi psychologique engagé, à ne pas partager.")).toBeVisible();
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  // The advisor of the pair opens the same case: the social note is not there, nor can he choose that visibility.
  await login(page, "conseiller.basrhin");
  await page.goto(basRhinCase);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Accompagnement de");
  await expect(page.getByText("Suivi psychologique engagé")).toHaveCount(0);
  await expect(page.getByRole("form", { name: "Ajouter une note" }).getByLabel("Visible par").locator("option", { hasText: "secret professionnel" })).toHaveCount(0);
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  await login(page, "social.creuse");
  await page.goto(basRhinCase);
  await expect(page.getByRole("alert")).toContainText("Accompagnement introuvable.");
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  await login(page, "social.metz");
  await page.goto("/accompagnements");
  // (Another spec may have left this city a convention that has ended: its own alert comes first.)
  await expect(page.getByRole("alert").filter({ hasText: "aucune convention d’accompagnement global en vigueur" })).toBeVisible();
});
