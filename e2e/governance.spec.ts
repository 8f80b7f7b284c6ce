import type { Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";

/**
 * Governance that happens (ADR 0034) on the demo's Bas-Rhin convention: its steering committee meets
 * in June and December (002 art. 5.1), France Travail holding June's secretariat. France Travail's
 * steering user schedules the last June committee from the convention page, the agenda holds the
 * convention's commitments, the minutes are recorded and adopted by both sides (the Département's
 * steering user logs in to adopt for the partners), and an action is followed until done.
 */
const shots = async (page: Page, name: string) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `test-results/screens/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
};

// The last June that has passed: its committee can be minuted today.
const now = new Date();
const year = now.getMonth() >= 6 ? now.getFullYear() : now.getFullYear() - 1;
const committee = `Comité de pilotage départemental de juin ${year}`;

test("a steering user schedules the June committee, the agenda holds the commitments, both sides adopt the minutes, an action is followed to done", async ({ page }) => {
  test.setTimeout(240_000);
  await login(page, "pilotage.ft-basrhin");
  const conventionId = await page.evaluate(async () => {
    const list = (await (await fetch("/api/conventions")).json()) as { items: { id: string; number: string }[] };
    return list.items.find((c) => c.number === "BAS-RHIN-2021-AG")?.id ?? "";
  });
  await page.goto(`/conventions/${conventionId}#gouvernance`);
  await expect(page.getByRole("heading", { name: "Gouvernance", level: 2 })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Comité de pilotage départemental", level: 3 })).toBeVisible();
  await expect(page.getByRole("table", { name: "Réunions dues — Comité de pilotage départemental" })).toContainText(committee);

  // Scheduled from the convention page: a refused date says so next to its field, then the real one.
  const schedule = page.getByRole("form", { name: "Programmer une réunion due", exact: true });
  await schedule.getByLabel("Réunion due").selectOption({ label: `${committee} (au plus tard le 30/06/${year})` });
  await schedule.getByLabel("Date").fill("2020-06-16");
  await schedule.getByLabel("Heure").fill("14:30");
  await schedule.getByLabel("Lieu").fill("Hôtel du Département, place du Quartier Blanc, Strasbourg");
  await schedule.getByRole("button", { name: "Programmer et inviter" }).click();
  await expect(schedule.getByText("La réunion ne peut pas précéder la prise d’effet de la convention (le 01/01/2021).")).toBeVisible();
  await schedule.getByLabel("Date").fill(`${year}-06-16`);
  await schedule.getByRole("button", { name: "Programmer et inviter" }).click();
  // June has passed: the meeting is recorded, nobody is e-mailed an invitation to a past event.
  await expect(page.getByText("Réunion enregistrée : elle est passée, aucune invitation n’est envoyée.")).toBeVisible();
  await expectAccessible(page);
  await shots(page, "governance-convention");

  await page.getByRole("table", { name: "Réunions dues — Comité de pilotage départemental" }).getByRole("link", { name: "Voir la réunion" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(committee);
  await expect(page.getByText("Secrétariat : France Travail — Agence Strasbourg Meinau (France Travail)")).toBeVisible();
  const commitments = page.getByRole("table", { name: "État des engagements" });
  await expect(commitments).toContainText("Conseillers exclusivement chargés de l’accompagnement global");
  await expect(commitments).toContainText("Taille des portefeuilles actifs par conseiller");
  await expect(page.getByRole("link", { name: "Tableau de bord des indicateurs de la convention" })).toBeVisible();
  const meetingUrl = page.url();

  // Minutes: attendance and a decision; then an action with its owner and due date.
  const minutes = page.getByRole("form", { name: "Compte rendu", exact: true });
  await minutes.getByLabel(/Pilotage Ft-basrhin|France Travail — Agence Strasbourg Meinau/).first().selectOption("present");
  await minutes.getByLabel("Décisions").fill("Les vingt conseillers dédiés sont confirmés pour le second semestre.");
  await minutes.getByRole("button", { name: "Enregistrer le compte rendu" }).click();
  await expect(page.getByText(/^Version 1, établie le/)).toBeVisible();
  const action = page.getByRole("form", { name: "Ajouter une action" });
  await action.getByLabel("Action").fill("Transmettre la liste des conseillers territoriaux d’insertion");
  await action.getByLabel("Responsable").selectOption({ label: "Pilotage Basrhin (Département du Bas-Rhin)" });
  await action.getByLabel("Échéance").fill(`${year}-09-30`);
  await action.getByRole("button", { name: "Ajouter l’action" }).click();
  await expect(page.getByRole("table", { name: "Actions décidées à cette réunion" })).toContainText("Transmettre la liste des conseillers territoriaux d’insertion");

  // France Travail adopts for its side.
  await page.getByRole("button", { name: "Adopter le compte rendu" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Adopter" }).click();
  await expect(page.getByText(/^France Travail : adopté le/)).toBeVisible();
  await expect(page.getByText("Partenaires : adoption attendue")).toBeVisible();
  await expectAccessible(page);
  await shots(page, "governance-meeting");

  // The Département's steering user adopts for the partners: the minutes lock, the meeting is held.
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await login(page, "pilotage.basrhin");
  await page.goto(meetingUrl);
  await page.getByRole("button", { name: "Adopter le compte rendu" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Adopter" }).click();
  await expect(page.getByText(/Adopté par toutes les parties le .* : verrouillé\./)).toBeVisible();
  await expect(page.getByText("Tenue", { exact: true })).toBeVisible();

  // The owner follows the action until done.
  const actions = page.getByRole("table", { name: "Actions décidées à cette réunion" });
  await actions.getByLabel("Nouvel état").selectOption("done");
  await actions.getByRole("button", { name: "Mettre à jour" }).click();
  await expect(actions).toContainText(/Faite le/);
  await expectAccessible(page);
  await shots(page, "governance-meeting-adopted");

  await page.goto(`/conventions/${conventionId}#gouvernance`);
  await expect(page.getByText("Aucune action ouverte.")).toBeVisible();
  await expect(page.getByRole("link", { name: `dernier examen en comité le 16/06/${year}` }).first()).toBeVisible();
  await expect(page.getByRole("link", { name: `le 16/06/${year}`, exact: true })).toBeVisible();
  await shots(page, "governance-convention-held");
});
