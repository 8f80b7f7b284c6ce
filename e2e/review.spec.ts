import fs from "node:fs";
import ExcelJS from "exceljs";
import type { Page } from "@playwright/test";
import { pdfText } from "../src/server/testing/pdfText";
import { expect, expectAccessible, login, test } from "./fixtures";

/** Prepares a review of the Strasbourg Meinau agency today, through the form. */
async function prepareReview(page: Page) {
  await page.goto("/revues");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Revues de portefeuille");
  const conventionSelect = page.getByLabel("Convention");
  await conventionSelect.selectOption((await conventionSelect.locator("option", { hasText: "BAS-RHIN-2021-AG" }).getAttribute("value"))!);
  await page.getByRole("group", { name: /Agences concernées/ }).getByText("France Travail — Agence Strasbourg Meinau").click();
  await page.getByRole("button", { name: "Préparer la revue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Revue de portefeuille du");
}

test("an advisor holds the monthly review of a Bas-Rhin agency: three decisions, the follow-up table, the minutes and the e-mails", async ({ page }) => {
  await login(page, "conseiller.basrhin");
  await page.getByRole("link", { name: "Revues", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Revues de portefeuille");
  // The schedule at the convention's cadence: the agency's next review, said as the convention says it.
  await expect(page.getByRole("table", { name: "Calendrier des revues" }).getByRole("row").filter({ hasText: "BAS-RHIN-2021-AG" })).toContainText(
    /Prochaine revue mensuelle due le \d\d\/\d\d\/\d{4}/,
  );
  await expectAccessible(page);
  const conventionSelect = page.getByLabel("Convention");
  await conventionSelect.selectOption((await conventionSelect.locator("option", { hasText: "BAS-RHIN-2021-AG" }).getAttribute("value"))!);
  await page.getByRole("group", { name: /Agences concernées/ }).getByText("France Travail — Agence Strasbourg Meinau").click();
  await page.getByRole("button", { name: "Préparer la revue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Revue de portefeuille du");
  await expect(page.getByText("Secrétariat : le conseiller France Travail")).toBeVisible();
  await expect(page.getByText(/\(revue mensuelle n° \d+\)/)).toBeVisible();

  const pending = (reason: string) =>
    page.locator("li.fr-card").filter({ hasText: reason }).filter({ hasNot: page.getByText("Décision enregistrée") }).first();
  await expect(pending("En attente d’entrée")).toBeVisible();
  await expect(pending("Renouvellement à décider")).toBeVisible();
  await expectAccessible(page);

  const decide = async (reason: string, decision: string, exitType?: string) => {
    const card = pending(reason);
    const person = (await card.getByRole("heading", { level: 3 }).textContent())!.replace(/\s*\(.*$/, "").trim();
    await card.getByLabel(/Décision pour/).selectOption({ label: decision });
    if (exitType) await card.getByLabel(/Type de sortie pour/).selectOption({ label: exitType });
    await card.getByRole("button", { name: "Enregistrer" }).click();
    await expect(page.locator("li.fr-card").filter({ hasText: person }).getByText(`Décision enregistrée : ${decision}`)).toBeVisible();
    return person;
  };
  const entered = await decide("En attente d’entrée", "Entrée acceptée");
  const renewed = await decide("Renouvellement à décider", "Renouvellement");
  const exited = await decide("Renouvellement à décider", "Sortie", "Emploi durable");
  // A participant adds a person of their portfolio that the agenda did not pick up.
  const extra = page.getByLabel("Personne de mon portefeuille");
  const extraName = (await extra.locator("option").nth(1).textContent())!.replace(/\s*\(.*$/, "").trim();
  await extra.selectOption({ index: 1 });
  await page.getByRole("button", { name: "Ajouter à l’ordre du jour" }).click();
  await expect(page.locator("li.fr-card").filter({ hasText: extraName }).getByText("Ajouté par un participant")).toBeVisible();
  await page.screenshot({ path: "test-results/screens/review.png", fullPage: true });

  // Closing asks first, saying what will happen and to whom the table goes.
  await page.getByRole("button", { name: "Clore la revue et envoyer le tableau de suivi" }).click();
  const confirmation = page.getByRole("alertdialog", { name: "Clore la revue et envoyer le tableau de suivi ?" });
  await expect(confirmation).toContainText("3\u00a0décisions sont déjà appliquées aux accompagnements");
  await expect(confirmation).toContainText("Directeur départemental et chargé de mission FSE de Pôle emploi");
  await expectAccessible(page);
  await confirmation.getByRole("button", { name: "Clore et envoyer" }).click();
  await expect(page.getByRole("button", { name: "Rouvrir la revue pour corriger une décision" })).toBeVisible();

  const [xlsxDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Tableau de suivi (XLSX) — version 1" }).click()]);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile((await xlsxDownload.path())!);
  const sheet = workbook.getWorksheet("Tableau de suivi")!;
  const header = sheet.getRow(2).values as unknown[];
  const decisionOf = (person: string) => {
    for (let r = 3; r <= sheet.rowCount; r++) {
      const row = sheet.getRow(r);
      if (row.getCell(1).value === person) return [row.getCell(header.indexOf("Décision")).value, row.getCell(header.indexOf("Type de sortie")).value];
    }
    return null;
  };
  expect(sheet.getRow(2).getCell(1).value).toBe("Personne");
  expect(decisionOf(entered)).toEqual(["Entrée acceptée", ""]);
  expect(decisionOf(renewed)).toEqual(["Renouvellement", ""]);
  expect(decisionOf(exited)).toEqual(["Sortie", "Emploi durable"]);

  const [pdfDownload] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Compte rendu (PDF) — version 1" }).click()]);
  expect(fs.readFileSync((await pdfDownload.path())!).subarray(0, 5).toString()).toBe("%PDF-");
  const reviewUrl = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  // The outbox holds the table sent to the convention's distribution list.
  await login(page, "admin.plateforme");
  await page.getByRole("link", { name: "Boîte d’envoi" }).first().click();
  for (const recipient of ["pilotage.ft-basrhin", "admin.strasbourg", "pilotage.basrhin", "conseiller.basrhin", "social.basrhin"]) {
    await expect(page.locator("article").filter({ hasText: `À : ${recipient}@demo.tandem.fr` }).filter({ hasText: "Tableau de suivi" }).first()).toBeVisible();
  }
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  // A social worker of another département cannot open the review.
  await login(page, "social.creuse");
  await page.goto(reviewUrl);
  await expect(page.getByRole("alert")).toContainText("Revue de portefeuille introuvable.");
  await expect(page.getByText(entered)).toHaveCount(0);
});

test("a review scheduled by mistake is deleted after confirmation; one that holds a decision says to reopen it instead", async ({ page }) => {
  await login(page, "conseiller.basrhin");
  await prepareReview(page);
  await page.getByRole("button", { name: "Supprimer la revue" }).click();
  const confirmation = page.getByRole("alertdialog", { name: "Supprimer définitivement cette revue ?" });
  await expect(confirmation).toContainText("Elle ne contient aucune décision : aucun accompagnement n’est modifié.");
  await expectAccessible(page);
  await confirmation.getByRole("button", { name: "Supprimer la revue" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Revues de portefeuille");
  await expect(page.getByRole("status").filter({ hasText: "La revue a été supprimée." })).toBeVisible();
});

test("a decision corrected after reopening the review appears in the minutes of version 2, saying what it replaces", async ({ page }) => {
  await login(page, "conseiller.basrhin");
  await prepareReview(page);
  const card = page.locator("li.fr-card").filter({ hasText: "Renouvellement à décider" }).first();
  const person = (await card.getByRole("heading", { level: 3 }).textContent())!.replace(/\s*\(.*$/, "").trim();
  const row = page.locator("li.fr-card").filter({ hasText: person });
  // The kit checks before sending: an exit without its type is refused next to the field.
  await row.getByLabel(/^Décision pour/).selectOption({ label: "Sortie" });
  await row.getByRole("button", { name: "Enregistrer" }).click();
  await expect(row.getByText("Une sortie doit préciser son type.")).toBeVisible();
  await row.getByLabel(/^Décision pour/).selectOption({ label: "Renouvellement" });
  await row.getByRole("button", { name: "Enregistrer" }).click();
  await expect(row.getByText("Décision enregistrée : Renouvellement")).toBeVisible();
  // Deleting is no longer offered: the page says to reopen instead.
  await expect(page.getByText("Cette revue contient des décisions, déjà appliquées aux accompagnements : elle ne peut pas être supprimée.")).toBeVisible();

  await page.getByRole("button", { name: "Clore la revue et envoyer le tableau de suivi" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Clore et envoyer" }).click();
  await page.getByRole("button", { name: "Rouvrir la revue pour corriger une décision" }).click();
  const reopen = page.getByRole("alertdialog", { name: "Rouvrir la revue en version 2 ?" });
  await expect(reopen).toContainText("Chaque décision pourra être corrigée");
  await reopen.getByRole("button", { name: "Rouvrir la revue" }).click();
  await expect(page.getByText("Revue rouverte (version 2) : chaque décision en vigueur peut être corrigée")).toBeVisible();
  await expect(row.getByText("Décision en vigueur (version 1) : Renouvellement")).toBeVisible();
  await expectAccessible(page);

  await row.getByLabel(/^Nouvelle décision pour/).selectOption({ label: "Sortie" });
  await row.getByLabel(/^Type de sortie pour/).selectOption({ label: "Emploi durable" });
  await row.getByLabel(/^Note pour/).fill("CDI signé la veille de la revue");
  await row.getByRole("button", { name: "Enregistrer la correction" }).click();
  await expect(row.getByText("Décision enregistrée : Sortie — Emploi durable (par Conseiller Basrhin). Elle remplace la décision de la version 1 : Renouvellement.")).toBeVisible();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `/tmp/shots/E/review-reopened-${width}.png`, fullPage: true });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  await page.getByRole("button", { name: "Clore la revue et envoyer le tableau de suivi" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Clore et envoyer" }).click();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Compte rendu (PDF) — version 2" }).click()]);
  const minutes = pdfText(fs.readFileSync((await download.path())!));
  expect(minutes).toContain("Version 2 : remplace la version 1 de ce compte rendu après réouverture de la revue.");
  expect(minutes).toContain(`${person} (`);
  expect(minutes).toContain("Décision\u00a0: Sortie — Emploi durable — prise en version 2");
  expect(minutes).toContain("Décision corrigée : remplace « Renouvellement (version 1) ».");
  expect(minutes).toContain("Note\u00a0: CDI signé la veille de la revue");
});

test("steering staff on the distribution list open the review's summary: counts, no one named", async ({ page }) => {
  await login(page, "conseiller.basrhin");
  await prepareReview(page);
  const reviewId = new URL(page.url()).pathname.split("/").pop();
  const card = page.locator("li.fr-card").filter({ hasText: "En attente d’entrée" }).first();
  const person = (await card.getByRole("heading", { level: 3 }).textContent())!.replace(/\s*\(.*$/, "").trim();
  await card.getByLabel(/^Décision pour/).selectOption({ label: "Entrée acceptée" });
  await card.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.locator("li.fr-card").filter({ hasText: person }).getByText("Décision enregistrée : Entrée acceptée")).toBeVisible();
  await page.getByRole("button", { name: "Clore la revue et envoyer le tableau de suivi" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Clore et envoyer" }).click();
  await expect(page.getByRole("button", { name: "Rouvrir la revue pour corriger une décision" })).toBeVisible();
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  await login(page, "pilotage.ft-basrhin");
  await page.goto(`/synthese-revue/${reviewId}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Synthèse de la revue du");
  await expect(page.getByText(/\d+\u00a0accompagnements examinés/)).toBeVisible();
  await expect(page.getByText("1\u00a0entrée acceptée")).toBeVisible();
  await expect(page.getByText(person)).toHaveCount(0);
  await expectAccessible(page);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `/tmp/shots/E/review-summary-${width}.png`, fullPage: true });
  }
});

test("the agenda is read a page at a time and filtered: by decision, reason, name and pair; a decision taken in a filtered list updates the counts", async ({ page }) => {
  await login(page, "conseiller.basrhin");
  await prepareReview(page);
  const cards = page.locator("li.fr-card");
  const reviewApi = `/api/reviews/${new URL(page.url()).pathname.split("/").pop()}`;
  /** Applies the filters and answers how many people they hold, once the list shows them (10 a page). */
  const filter = async () => {
    const [res] = await Promise.all([
      page.waitForResponse((r) => new URL(r.url()).pathname === reviewApi && r.request().method() === "GET"),
      page.getByRole("button", { name: "Filtrer l’ordre du jour" }).click(),
    ]);
    const total: number = (await res.json()).total;
    await expect(cards).toHaveCount(Math.min(total, 10));
    return total;
  };
  const counts = page.getByTestId("review-counts");
  await expect(counts).toContainText(/^0\u00a0décision sur (\d+)\u00a0personnes? à l’ordre du jour · \1\u00a0sans décision$/);
  const sizeNow = async () => Number((await counts.textContent())!.match(/sur (\d+)/)![1]);
  // More than a page of ten: the participant adds people of their portfolio the agenda did not pick up.
  while ((await sizeNow()) <= 10) {
    const before = await sizeNow();
    await page.getByLabel("Personne de mon portefeuille").selectOption({ index: 1 });
    await page.getByRole("button", { name: "Ajouter à l’ordre du jour" }).click();
    await expect(counts).toContainText(`sur ${before + 1}\u00a0personnes`);
  }
  const agendaSize = await sizeNow();
  const pageTwo = agendaSize === 11 ? "n°\u00a011" : `11 à ${Math.min(20, agendaSize)}`;

  // Ten per page: the first ten, then the rest on page 2, through the DSFR pagination.
  await page.getByLabel("Personnes par page").selectOption("10");
  await expect(page.getByRole("status").filter({ hasText: "à l’ordre du jour — 1 à 10" })).toBeVisible();
  await expect(cards).toHaveCount(10);
  const firstOfPageOne = await cards.first().getByRole("heading", { level: 3 }).textContent();
  await page.getByRole("navigation", { name: "Pagination" }).getByText("2", { exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `à l’ordre du jour — ${pageTwo}` })).toBeVisible();
  await expect(cards).toHaveCount(Math.min(10, agendaSize - 10));
  await expect(cards.filter({ hasText: firstOfPageOne! })).toHaveCount(0);
  await expectAccessible(page);

  // « Sans décision »: a decision taken there takes the person out of the list and into the counts.
  await page.getByLabel("Décision", { exact: true }).selectOption({ label: "Sans décision" });
  await page.getByRole("button", { name: "Filtrer l’ordre du jour" }).click();
  await expect(page.getByRole("status").filter({ hasText: `${agendaSize}\u00a0personnes sur ${agendaSize} correspondent aux critères — 1 à 10` })).toBeVisible();
  // The first person of the list, whatever their situation: « Autre », with its note, is offered to every case.
  const card = cards.first();
  const person = (await card.getByRole("heading", { level: 3 }).textContent())!.replace(/\s*\(.*$/, "").trim();
  await card.getByLabel(/^Décision pour/).selectOption({ label: "Autre" });
  await card.getByLabel(/^Note pour/).fill("Situation à revoir avec le service social");
  await card.getByRole("button", { name: "Enregistrer" }).click();
  await expect(counts).toContainText(`1\u00a0décision sur ${agendaSize}\u00a0personnes à l’ordre du jour · ${agendaSize - 1}\u00a0sans décision`);
  await expect(page.getByRole("status").filter({ hasText: `${agendaSize - 1}\u00a0personnes sur ${agendaSize} correspondent aux critères` })).toBeVisible();
  await expect(cards.filter({ hasText: person })).toHaveCount(0);

  await page.getByLabel("Décision", { exact: true }).selectOption({ label: "Décidées" });
  expect(await filter()).toBe(1);
  await expect(cards.first()).toContainText(person);
  await expect(cards.first()).toContainText("Décision enregistrée : Autre");

  // By reason: every card shown carries it.
  await page.getByLabel("Décision", { exact: true }).selectOption({ label: "Toutes" });
  await page.getByLabel("Motif").selectOption({ label: "En attente d’entrée" });
  const awaiting = await filter();
  expect(awaiting).toBeGreaterThan(0);
  await expect(cards.filter({ hasText: "En attente d’entrée" })).toHaveCount(Math.min(awaiting, 10));

  // By name: the person decided above.
  await page.getByLabel("Motif").selectOption({ label: "Tous" });
  await page.getByLabel("Nom, prénom ou identifiant").fill(person);
  expect(await filter()).toBe(1);
  await expect(cards.filter({ hasText: person })).toHaveCount(1);
  await expect(cards.filter({ hasNotText: person })).toHaveCount(0);
  // A one-letter search is refused next to the field, before anything is sent.
  await page.getByLabel("Nom, prénom ou identifiant").fill("a");
  await page.getByRole("button", { name: "Filtrer l’ordre du jour" }).click();
  await expect(page.getByText("Saisissez au moins 2 caractères (nom, prénom ou identifiant).")).toBeVisible();

  // By member of the pair: the social worker's people only.
  await page.getByLabel("Nom, prénom ou identifiant").fill("");
  const pairSelect = page.getByLabel("Binôme");
  await pairSelect.selectOption({ label: "Social Basrhin" });
  const withSocialBasrhin = await filter();
  expect(withSocialBasrhin).toBeGreaterThan(0);
  await expect(cards.filter({ hasText: "/ Social Basrhin" })).toHaveCount(Math.min(withSocialBasrhin, 10));
  await expectAccessible(page);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `/tmp/shots/B/review-filtered-${width}.png`, fullPage: true });
    await page.getByRole("form", { name: "Rechercher et filtrer l’ordre du jour" }).screenshot({ path: `/tmp/shots/B/review-filters-${width}.png` });
  }

  // Without filters, ten per page, page 2: the pagination at both widths.
  await page.getByRole("button", { name: "Retirer les filtres" }).click();
  await page.getByRole("navigation", { name: "Pagination" }).getByText("2", { exact: true }).click();
  await expect(page.getByRole("status").filter({ hasText: `à l’ordre du jour — ${pageTwo}` })).toBeVisible();
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `/tmp/shots/B/review-page-2-${width}.png`, fullPage: true });
  }
});
