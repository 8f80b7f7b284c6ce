import fs from "node:fs";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";

const SHOTS = "/tmp/shots/B";
fs.mkdirSync(SHOTS, { recursive: true });

const paris = (daysAhead: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date(Date.now() + daysAhead * 86_400_000));
const frenchDate = (iso: string) => iso.split("-").reverse().join("/");

/** A command of the case: the primary action's form if it is the one due, else opened from « Autres actions ». */
async function commandForm(page: Page, formName: string | RegExp, action: string) {
  await expect(page.getByRole("heading", { level: 2, name: "Autres actions" })).toBeVisible();
  const form = page.getByRole("form", { name: formName });
  if (!(await form.isVisible())) await page.locator("section[aria-labelledby=autres-actions]").getByRole("button", { name: action, exact: true }).click();
  await expect(form).toBeVisible();
  return form;
}

async function shoot(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `${SHOTS}/${name}-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${SHOTS}/${name}-390.png`, fullPage: true });
  await page.screenshot({ path: `${SHOTS}/${name}-390-top.png` });
  const actions = page.locator("section[aria-labelledby=a-faire]");
  if (await actions.count()) await actions.screenshot({ path: `${SHOTS}/${name}-390-primary.png` });
  await page.setViewportSize({ width: 1280, height: 900 });
}

test("the case page: one primary action; an appointment refused, recorded, corrected and sent; a note edited; the exit confirmed", async ({ page }) => {
  // Many steps and full-page screenshots at two widths: more than the default minute on a busy machine.
  test.setTimeout(240_000);
  await login(page, "conseiller.basrhin");
  const portfolio = await (await page.request.get("/api/support/portfolio?status=active&pageSize=1")).json();
  const caseId = portfolio.items[0].id as string;
  await page.goto(`/accompagnements/${caseId}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Accompagnement de");

  // One primary action with its form open; every other command is a button, no form open.
  await expect(page.getByRole("heading", { level: 2, name: /^À faire maintenant : / })).toHaveCount(1);
  const others = page.locator("section[aria-labelledby=autres-actions]");
  await expect(others.getByRole("button", { name: "Sortie", exact: true })).toBeVisible();
  await expect(others.locator("form")).toHaveCount(0);
  await expectAccessible(page);
  await shoot(page, "case-page");

  // A wrong appointment date is refused with the rule next to the field.
  const appointment = await commandForm(page, "Rendez-vous", "Rendez-vous");
  await appointment.getByLabel("Date du rendez-vous").fill("2015-03-10");
  await appointment.getByLabel("Présence").selectOption({ label: "La personne est venue" });
  await appointment.getByRole("button", { name: "Enregistrer le rendez-vous" }).click();
  await expect(appointment.getByText(/^Un rendez-vous ne peut pas précéder l’entrée en accompagnement \(\d\d\/\d\d\/\d{4}\)\.$/)).toBeVisible();
  await expect(appointment.getByLabel("Date du rendez-vous")).toBeFocused();

  // A planned appointment, in person, with its time.
  const on = paris(7);
  await appointment.getByLabel("Date du rendez-vous").fill(on);
  await appointment.getByLabel("Heure").fill("09:30");
  await appointment.getByLabel("Présence").selectOption({ label: "Prévu" });
  await appointment.getByLabel("Modalité").selectOption({ label: "Sur place" });
  await appointment.getByRole("button", { name: "Enregistrer le rendez-vous" }).click();
  await expect(appointment.getByText("Indiquez le lieu du rendez-vous sur place.")).toBeVisible();
  await appointment.getByLabel("Lieu").fill("CMS Meinau, 12 rue de Provence, Strasbourg");
  await appointment.getByRole("button", { name: "Enregistrer le rendez-vous" }).click();
  const item = page.locator("section[aria-labelledby=rdv] li").filter({ hasText: "CMS Meinau, 12 rue de Provence" }).first();
  await expect(item).toContainText("à 09 h 30");
  await expect(item).toContainText("Sur place : CMS Meinau, 12 rue de Provence, Strasbourg");

  // It is corrected; its history shows the previous time.
  await item.getByRole("button", { name: "Corriger" }).click();
  const correction = item.getByRole("form", { name: "Corriger le rendez-vous" });
  await expect(correction.getByLabel("Heure")).toHaveValue("09:30");
  await correction.getByLabel("Heure").fill("10:15");
  await correction.getByRole("button", { name: "Enregistrer la correction" }).click();
  await expect(item).toContainText("à 10 h 15");
  await item.getByText("Historique du rendez-vous (1)").click();
  await expect(item.getByRole("listitem").filter({ hasText: /^Corrigé le / })).toContainText("heure 09 h 30 → 10 h 15");
  await expect(page.getByText(`Rendez-vous social du ${frenchDate(on)} corrigé : heure 09 h 30 → 10 h 15`)).toBeVisible();

  // Sent to the person: the letter is a PDF, the e-mail leaves with its invitation.
  const letter = await page.request.get((await item.getByRole("link", { name: "Lettre de convocation (PDF)" }).getAttribute("href"))!);
  expect(letter.headers()["content-type"]).toBe("application/pdf");
  await item.getByRole("button", { name: "Envoyer par courriel" }).click();
  await expect(item.getByRole("status")).toHaveText("Convocation envoyée à la personne, avec l’invitation pour son agenda.");
  await expect(item).toContainText("Convocation envoyée par courriel le");
  await expectAccessible(page);
  await item.screenshot({ path: `${SHOTS}/appointment-history.png` });

  // A note is edited; its previous version stays readable.
  const noteForm = page.getByRole("form", { name: "Ajouter une note" });
  await noteForm.getByLabel("Note", { exact: true }).fill("Premier contact : la personne souhaite une formation de cariste.");
  await noteForm.getByRole("button", { name: "Ajouter la note" }).click();
  const note = page.locator("section[aria-labelledby=notes] .fr-callout").filter({ hasText: "formation de cariste" });
  await note.getByRole("button", { name: "Modifier la note" }).click();
  await note.getByLabel("Texte de la note").fill("Premier contact : la personne souhaite une formation de cariste (CACES 1 et 3).");
  await note.getByRole("button", { name: "Enregistrer la nouvelle version" }).click();
  await expect(note.locator(".fr-callout__text")).toHaveText("Premier contact : la personne souhaite une formation de cariste (CACES 1 et 3).");
  await note.getByText("Versions précédentes (1)").click();
  await expect(note.getByText("Premier contact : la personne souhaite une formation de cariste.", { exact: true })).toBeVisible();
  await expect(note).toContainText("remplacée le");
  await expectAccessible(page);
  await note.screenshot({ path: `${SHOTS}/note-history.png` });

  // The exit asks for confirmation and says what will happen; « Annuler » changes nothing.
  const exit = await commandForm(page, "Sortie", "Sortie");
  await exit.getByLabel("Type de sortie").selectOption({ label: "Emploi durable" });
  await exit.getByLabel("Sortie décidé(e)").selectOption({ label: "par le binôme" });
  await exit.getByRole("button", { name: "Enregistrer la sortie" }).click();
  const confirmation = exit.getByRole("alertdialog", { name: "Enregistrer la sortie ?" });
  await expect(confirmation).toContainText("La sortie clôt l’accompagnement : il ne pourra plus être modifié");
  await expectAccessible(page);
  await exit.screenshot({ path: `${SHOTS}/exit-confirmation.png` });
  await confirmation.getByRole("button", { name: "Annuler" }).click();
  await expect(page.getByText("Accompagnement en cours").first()).toBeVisible();
  await exit.getByRole("button", { name: "Enregistrer la sortie" }).click();
  await exit.getByRole("button", { name: "Confirmer la sortie" }).click();
  await expect(page.getByText("Sortie : Emploi durable")).toBeVisible();
  await expect(page.getByText("Cet accompagnement est clos : il ne se modifie plus.")).toBeVisible();
  // Nothing is sent any more for a closed case.
  await expect(item.getByRole("button", { name: "Renvoyer par courriel" })).toHaveCount(0);
  await expect(item.getByRole("link", { name: "Lettre de convocation (PDF)" })).toHaveCount(0);
  await expectAccessible(page);
  await shoot(page, "case-exited");
});
