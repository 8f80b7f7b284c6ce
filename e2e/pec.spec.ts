import type { Locator, Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";

/** A year ahead: PEC contracts and immersions cannot start in the past, and the demo extends Rouen's convention to the end of the year after next. */
const Y = new Date().getFullYear() + 1;

/**
 * Issue 14, Parcours emploi compétences (ADR 0037) under ROUEN-PARTENARIAT (000 art. 3.1 a): the city
 * posts an offer; the Rouen agency's advisor proposes a person of the territory with their diagnosis;
 * the city accepts; the tutor is named (one who already tutors three subsidised employees is refused,
 * with the rule); the work-experience certificate's deadline appears in the city's « Mes échéances ».
 * The follow-up booklet is e2e/pec-booklet.spec.ts.
 */
const shots = async (page: Page, name: string) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `/tmp/D/shots/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `/tmp/D/shots/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
};
const switchUser = async (page: Page, account: string) => {
  await page.context().clearCookies();
  await login(page, account);
};
/** Fills the new-offer form (the start date is left to the caller). */
const fillOffer = async (form: Locator, o: { title: string; skills: string; hours: string; months: string; site: string }) => {
  await form.getByLabel("Intitulé du poste").fill(o.title);
  await form.getByLabel("Compétences recherchées").fill(o.skills);
  await form.getByLabel("Heures par semaine").fill(o.hours);
  await form.getByLabel("Durée du contrat (mois)").fill(o.months);
  await form.getByLabel("Lieu de travail").fill(o.site);
};
const TITLE = "Agent d’accueil des piscines municipales";
// A Rouen person of the demo (seeded generator: the same in every fresh database), proposed by nobody else.
const PERSON = { ft: "1000010X", name: "Mehdi Thomas" };

test("the city posts a PEC offer, the advisor proposes a candidate, the city accepts, names a tutor, and sees the certificate deadline", async ({ page }) => {
  test.setTimeout(240_000);
  await login(page, "agent.rouen");
  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "PEC" }).click();
  await expect(page.getByRole("heading", { name: "Parcours emploi compétences", level: 1 })).toBeVisible();
  await page.getByText("Transmettre une offre à France Travail").click();
  const form = page.getByRole("form", { name: "Nouvelle offre de parcours emploi compétences" });
  await fillOffer(form, {
    title: TITLE,
    skills: "Accueil du public, encaissement, respect des consignes d’hygiène et de sécurité.",
    hours: "24",
    months: "12",
    site: "Piscine Boissière, 76000 Rouen",
  });
  await form.getByLabel("Début souhaité").fill("2020-01-06");
  await form.getByRole("button", { name: "Transmettre l’offre" }).click();
  await expect(form.getByText("La date de début souhaitée ne peut pas être passée.")).toBeVisible();
  await form.getByLabel("Début souhaité").fill(`${Y}-01-04`);
  await form.getByRole("button", { name: "Transmettre l’offre" }).click();
  await expect(page.getByText("Offre transmise : les conseillers entreprise de France Travail sont avertis.")).toBeVisible();
  await expect(page.getByRole("link", { name: TITLE })).toBeVisible();
  await expectAccessible(page);
  await shots(page, "pec-list-employer");

  // France Travail's advisor (the city's company advisor in the demo) proposes a person with the diagnosis.
  await switchUser(page, "conseiller.rouen");
  await page.goto("/pec");
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByRole("heading", { name: TITLE, level: 1 })).toBeVisible();
  const propose = page.getByRole("form", { name: "Proposer une candidature" });
  await propose.getByLabel("Identifiant France Travail de la personne").fill(PERSON.ft);
  await propose.getByLabel("Diagnostic").fill("Deux ans sans emploi, pas de qualification : une première expérience encadrée avec formation.");
  await propose.getByLabel("Présentation à l’employeur").fill("Aime le contact, titulaire du brevet de secourisme, disponible en janvier.");
  await propose.getByRole("button", { name: "Proposer la candidature" }).click();
  await expect(page.getByText("Candidature proposée : l’employeur est averti.")).toBeVisible();
  await expect(page.getByRole("heading", { name: PERSON.name, level: 3 })).toBeVisible();
  await expectAccessible(page);
  await shots(page, "pec-offer-advisor");

  // The city sees the name and the proposal, not the diagnosis, and accepts.
  await switchUser(page, "agent.rouen");
  await page.goto("/pec");
  await page.getByRole("link", { name: TITLE }).click();
  await expect(page.getByText("Aime le contact, titulaire du brevet de secourisme, disponible en janvier.")).toBeVisible();
  await expect(page.getByText("Deux ans sans emploi")).toHaveCount(0);
  const accept = page.getByRole("form", { name: `Accepter la candidature de ${PERSON.name}` });
  await accept.getByRole("button", { name: "Accepter" }).click();
  await accept.getByRole("alertdialog").getByRole("button", { name: "Accepter" }).click();
  // The answered candidacy shows its new state (the answer form, and its message, leave with the proposal).
  await expect(page.getByRole("heading", { name: /Candidatures \(1, dont 1 acceptée\)/ })).toBeVisible();
  await page.getByRole("link", { name: "Voir le contrat" }).click();
  await expect(page.getByRole("heading", { name: `Contrat PEC — ${PERSON.name}`, level: 1 })).toBeVisible();
  await expect(page.getByText(`Du 04/01/${Y} au 03/01/${Y + 1}`)).toBeVisible();

  // The tutor: one who already accompanies three subsidised employees is refused with the rule.
  const tutorForm = page.getByRole("form", { name: "Nommer le tuteur" });
  await tutorForm.getByLabel("Nom et prénom").fill("Karim Haddad");
  await tutorForm.getByLabel("Adresse électronique").fill("karim.haddad@rouen.fr");
  await tutorForm.getByLabel("Fonction").fill("Chef de bassin");
  await tutorForm.getByLabel("Qualification").fill("BPJEPS activités aquatiques");
  await tutorForm.getByLabel("Années d’expérience professionnelle").fill("11");
  await tutorForm.getByLabel("Autres salariés en contrat aidé qu’il accompagne hors de Tandem").fill("3");
  await tutorForm.getByRole("button", { name: "Nommer le tuteur" }).click();
  await expect(tutorForm.getByText(/au plus 3 salariés en contrat aidé simultanément ; ce tuteur en accompagne déjà 3\./).first()).toBeVisible();
  await expect(tutorForm.getByText(/R5134-38 du code du travail/).first()).toBeVisible();
  await shots(page, "pec-tutor-refused");
  await tutorForm.getByLabel("Autres salariés en contrat aidé qu’il accompagne hors de Tandem").fill("1");
  await tutorForm.getByRole("button", { name: "Nommer le tuteur" }).click();
  await expect(page.getByText(/Karim Haddad \(Chef de bassin, karim\.haddad@rouen\.fr\)/)).toBeVisible({ timeout: 20_000 });
  await expect(page.getByText("À remettre au plus tard le")).toContainText(`03/12/${Y}`);
  await expectAccessible(page);
  await shots(page, "pec-contract-employer");

  // The certificate's deadline is in the employer's deadlines.
  await page.goto("/echeances");
  const row = page.getByRole("row").filter({ hasText: "Attestation d’expérience professionnelle à remettre" }).filter({ hasText: `03/12/${Y}` });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText("ROUEN-PARTENARIAT");
  await expectAccessible(page);
});

test("the city withdraws an offer posted by mistake", async ({ page }) => {
  const title = "Agent de propreté urbaine (offre en double)";
  await login(page, "agent.rouen");
  await page.goto("/pec");
  await page.getByText("Transmettre une offre à France Travail").click();
  const form = page.getByRole("form", { name: "Nouvelle offre de parcours emploi compétences" });
  await fillOffer(form, { title, skills: "Nettoiement des voies, conduite de petits engins.", hours: "20", months: "9", site: "Centre technique municipal, 76000 Rouen" });
  await form.getByLabel("Début souhaité").fill(`${Y}-02-01`);
  await form.getByRole("button", { name: "Transmettre l’offre" }).click();
  await page.getByRole("link", { name: title }).click();
  await expect(page.getByRole("heading", { name: title, level: 1 })).toBeVisible();

  const withdraw = page.getByRole("form", { name: "Retirer l’offre" });
  await withdraw.getByRole("button", { name: "Retirer l’offre" }).click();
  await expect(withdraw.getByText("Indiquez pourquoi l’offre est retirée.")).toBeVisible();
  await withdraw.getByLabel("Motif du retrait").fill("Offre transmise deux fois.");
  await withdraw.getByRole("button", { name: "Retirer l’offre" }).click();
  await withdraw.getByRole("alertdialog", { name: "Retirer cette offre ?" }).getByRole("button", { name: "Retirer", exact: true }).click();
  await expect(page.getByText("Retirée", { exact: true })).toBeVisible();
  await expect(page.getByRole("form", { name: "Retirer l’offre" })).toHaveCount(0);
});
