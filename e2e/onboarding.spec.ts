import type { Locator, Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";

/**
 * Issue 10, « Done when »: a new département joins Tandem with no code change. The platform admin
 * creates the Cantal and its France Travail agency from the referential and invites their first
 * admins; each admin chooses a password and creates a professional account; a convention written
 * for this test (narrowed to the CA du Bassin d’Aurillac, « and the communes that join it ») is
 * imported, both parties sign it, and the département's social worker records a person of that
 * territory and orients them — a person of the Cantal outside the convention's territory is refused.
 */
const nav = (page: Page, label: string) => page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: label, exact: true });
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
const CANTAL = "Département du Cantal (essai)";
const AGENCY = "France Travail — Agence d’Aurillac (essai)";

async function loginWith(page: Page, email: string, password: string, name: string) {
  await page.goto("/connexion");
  await page.getByLabel("Adresse électronique").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Bonjour ${name}`);
}
const logout = (page: Page) => page.getByRole("button", { name: "Se déconnecter" }).click();

/** The invitation link e-mailed to `email`, read in the outbox by the platform admin. */
async function invitationLink(page: Page, email: string): Promise<string> {
  await login(page, "admin.plateforme");
  await page.goto("/boite-envoi");
  const message = page.locator("article").filter({ hasText: `À : ${email}` });
  await expect(message).toBeVisible();
  const link = /http:\/\/\S+\/invitation\/[\w-]+/.exec((await message.textContent()) ?? "")![0];
  await logout(page);
  return new URL(link).pathname;
}

async function activate(page: Page, email: string, password: string) {
  await page.goto(await invitationLink(page, email));
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Activer mon compte");
  await page.getByLabel("Choisissez votre mot de passe").fill(password);
  await page.getByRole("button", { name: "Enregistrer mon mot de passe" }).click();
  await expect(page.getByText("Votre mot de passe est enregistré.")).toBeVisible();
}

async function createOrganisation(page: Page, fill: () => Promise<void>, name: string, territoryLine: string, admin: { first: string; last: string; email: string }) {
  await nav(page, "Organisations").click();
  await page.getByRole("link", { name: "Créer une organisation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Nouvelle organisation");
  await page.getByLabel("Nom", { exact: true }).fill(name);
  await fill();
  await page.getByRole("button", { name: "Créer l’organisation" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(name);
  await expect(page.getByText(territoryLine)).toBeVisible();
  const form = page.getByRole("form", { name: "Inviter un administrateur de l’organisation" });
  await form.getByLabel("Prénom").fill(admin.first);
  await form.getByLabel("Nom", { exact: true }).fill(admin.last);
  await form.getByLabel("Adresse électronique").fill(admin.email);
  await form.getByRole("button", { name: "Envoyer l’invitation" }).click();
  await expect(page.getByText(`Invitation envoyée à ${admin.email}.`)).toBeVisible();
}

/** An org admin invites a professional of their organisation, as they do it from « Utilisateurs ». */
async function inviteProfessional(page: Page, organisation: string, who: { first: string; last: string; email: string; role: string }) {
  await nav(page, "Utilisateurs").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Utilisateurs — ${organisation}`);
  const form = page.getByRole("form", { name: "Inviter un utilisateur" });
  await form.getByLabel("Prénom").fill(who.first);
  await form.getByLabel("Nom", { exact: true }).fill(who.last);
  await form.getByLabel("Adresse électronique").fill(who.email);
  await form.getByRole("group", { name: "Rôles", exact: true }).getByText(who.role, { exact: true }).click();
  await form.getByRole("button", { name: "Envoyer l’invitation" }).click();
  await expect(page.getByText(`Invitation envoyée à ${who.email}.`)).toBeVisible();
  await expect(page.getByRole("cell", { name: who.email })).toBeVisible();
}

async function sign(page: Page, party: string, signatory: string, title: string) {
  const parties = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "Parties", exact: true }) });
  await page.getByText(`Signer au nom de ${party}`).click();
  await parties.getByLabel("Signataire").fill(signatory);
  await parties.getByLabel("Qualité").fill(title);
  await parties.getByRole("button", { name: "Signer" }).click();
  await parties.getByRole("button", { name: "Je signe" }).click();
  await expect(page.getByText(`Signature de ${signatory} au nom de ${party} enregistrée.`)).toBeVisible();
}

async function shots(page: Page, target: Locator, name: string) {
  await target.screenshot({ path: `test-results/screens/${name}-1280.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await target.screenshot({ path: `test-results/screens/${name}-390.png` });
  await page.screenshot({ path: `test-results/screens/${name}-page-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
}

const convention = `convention:
  number: CANTAL-E2E-AG
  kind: cooperation
  title: Accompagnement global dans le Bassin d’Aurillac (essai)
  object: Ouvrir l’accompagnement global aux demandeurs d’emploi du Bassin d’Aurillac.
  parties:
    - { organisation: cd-cantal-essai, side: partner }
    - { organisation: ft-aurillac-essai, side: france_travail }
  territory:
    epci: "241500230"
    members: at_signature_and_joining
    source: "essai art. 3 — les communes de la CA du Bassin d’Aurillac à la signature et celles qui la rejoignent"
  period: { effective: { rule: last_signature }, endsOn: ${day(3 * 365)}, source: "essai art. 1" }
  termination:
    notice: { delay: { value: 3, unit: months }, before: end, source: "essai art. 2" }
  programmes:
    globalSupport:
      initialMonths: 12
      renewalsAllowed: 1
      monthsPerRenewal: 6
      maxTotalMonths: 18
      orientationToStart: { value: 21, unit: days }
      entryToFirstAppointments: { value: 1, unit: months }
      maxSocialOnlyMonths: 6
      targetActiveCasesPerAdvisor: null
      reviewCadenceMonths: 2
      directEntryAllowed: true
      sources: { initialMonths: "essai art. 4" }
`;

test("a new département and its agency join Tandem: organisations, admins, accounts, their convention signed, a person of its territory oriented", async ({ page }) => {
  test.setTimeout(300_000);
  await page.setViewportSize({ width: 1280, height: 900 });

  // 1. The platform admin creates both organisations from the referential and invites their first admins.
  await login(page, "admin.plateforme");
  await createOrganisation(
    page,
    async () => {
      await page.getByLabel("Type d’organisation").selectOption({ label: "Département" });
      await page.getByLabel("Code court (facultatif)").fill("cd-cantal-essai");
      await page.getByLabel("Département", { exact: true }).selectOption({ label: "15 — Cantal" });
    },
    CANTAL,
    "Territoire : Cantal (15) (250 communes)",
    { first: "Anne", last: "Lavergne", email: "anne.lavergne@cantal-essai.fr" },
  );
  await createOrganisation(
    page,
    async () => {
      await page.getByLabel("Type d’organisation").selectOption({ label: "Agence France Travail" });
      await page.getByLabel("Code court (facultatif)").fill("ft-aurillac-essai");
      await page.getByLabel("Code d’agence France Travail").fill("AUR15");
      await page.locator("label", { hasText: "Des communes" }).click();
      await page.getByRole("searchbox", { name: /^Communes/ }).fill("Aurillac");
      await page.getByRole("button", { name: /^Aurillac — 15014/ }).click();
      await page.getByRole("searchbox", { name: /^Communes/ }).fill("Arpajon");
      await page.getByRole("button", { name: /^Arpajon-sur-Cère — 15012/ }).click();
    },
    AGENCY,
    "Territoire : Arpajon-sur-Cère, Aurillac",
    { first: "Paul", last: "Fabre", email: "paul.fabre@francetravail-essai.fr" },
  );
  await logout(page);

  // 2. Each admin chooses a password, then creates a professional account as org admins do.
  await activate(page, "anne.lavergne@cantal-essai.fr", "le mot de passe d’Anne au Cantal");
  await loginWith(page, "anne.lavergne@cantal-essai.fr", "le mot de passe d’Anne au Cantal", "Anne Lavergne");
  await inviteProfessional(page, CANTAL, { first: "Sophie", last: "Delmas", email: "sophie.delmas@cantal-essai.fr", role: "Travailleur social" });
  await expectAccessible(page);
  await logout(page);
  await activate(page, "paul.fabre@francetravail-essai.fr", "le mot de passe de Paul à Aurillac");
  await loginWith(page, "paul.fabre@francetravail-essai.fr", "le mot de passe de Paul à Aurillac", "Paul Fabre");
  await inviteProfessional(page, AGENCY, { first: "Luc", last: "Bouygues", email: "luc.bouygues@francetravail-essai.fr", role: "Conseiller France Travail" });
  await logout(page);
  await activate(page, "sophie.delmas@cantal-essai.fr", "le mot de passe de Sophie au Cantal");
  await activate(page, "luc.bouygues@francetravail-essai.fr", "le mot de passe de Luc à Aurillac");

  // 3. The département's admin imports their convention: a draft, narrowed to the EPCI.
  await loginWith(page, "anne.lavergne@cantal-essai.fr", "le mot de passe d’Anne au Cantal", "Anne Lavergne");
  await page.goto("/conventions/import");
  await page.getByLabel("Contenu du fichier").fill(convention);
  await page.getByRole("button", { name: "Importer la convention" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accompagnement global dans le Bassin d’Aurillac (essai)");
  await expect(page.getByText(`Brouillon — en attente de signature de : ${AGENCY}, ${CANTAL}.`)).toBeVisible();
  const territory = page.getByTestId("convention-territory");
  await expect(territory).toHaveText("Territoire : CA du Bassin d'Aurillac (25 communes, y compris celles qui le rejoignent)");
  await expect(page.getByText("Source : essai art. 3 — les communes de la CA du Bassin d’Aurillac à la signature et celles qui la rejoignent")).toBeVisible();
  const conventionUrl = new URL(page.url()).pathname;

  // 4. Each party signs for itself.
  await sign(page, CANTAL, "Anne Lavergne", "Présidente du Conseil départemental");
  await expect(page.getByText(`Brouillon — en attente de signature de : ${AGENCY}.`)).toBeVisible();
  await logout(page);
  await loginWith(page, "paul.fabre@francetravail-essai.fr", "le mot de passe de Paul à Aurillac", "Paul Fabre");
  await page.goto(conventionUrl);
  await sign(page, AGENCY, "Paul Fabre", "Directeur d’agence");
  await expect(page.getByText(/Brouillon — en attente/)).toHaveCount(0);
  await expect(page.getByText("Convention n° CANTAL-E2E-AG")).toContainText("En vigueur");
  await expect(territory).toHaveText("Territoire : CA du Bassin d'Aurillac (25 communes, y compris celles qui le rejoignent)");
  await expectAccessible(page);
  await shots(page, territory.locator(".."), "onboarding-convention-territory");
  await logout(page);

  // 5. The département's social worker records a person: Saint-Flour is in the Cantal but not in the
  //    convention's territory (refused, nothing recorded); Aurillac is (recorded, then oriented).
  await loginWith(page, "sophie.delmas@cantal-essai.fr", "le mot de passe de Sophie au Cantal", "Sophie Delmas");
  await page.goto("/accompagnements/orienter");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Orienter vers l’accompagnement global");
  const create = page.getByRole("form", { name: "Enregistrer une nouvelle personne" });
  await create.getByLabel("Identifiant France Travail").fill("1500001A");
  await create.getByLabel("Prénom").fill("Léa");
  await create.getByLabel("Nom", { exact: true }).fill("Vermenouze");
  await create.getByLabel("Date de naissance").fill("1988-04-12");
  await create.getByLabel("Code commune INSEE").fill("15187");
  await create.getByLabel("Inscrite à France Travail depuis le").fill(day(-60));
  await create.getByText("RSA", { exact: true }).click();
  await create.getByRole("button", { name: "Enregistrer la personne" }).click();
  await expect(
    page.getByText("Cette personne réside hors du territoire de votre organisation couvert par une convention en vigueur : vous ne pouvez pas l’orienter ni l’enregistrer."),
  ).toBeVisible();
  await expectAccessible(page);
  await create.getByLabel("Code commune INSEE").fill("15014");
  await create.getByRole("button", { name: "Enregistrer la personne" }).click();
  await expect(page.getByText("Léa Vermenouze — né(e) le 12/04/1988 — identifiant 1500001A — RSA")).toBeVisible();
  await expect(page.getByText("Convention CANTAL-E2E-AG : l’accompagnement doit démarrer dans un délai de 21 jours suivant l’orientation.")).toBeVisible();
  await page.getByLabel("Origine de l’orientation").selectOption({ label: "Service social du Département" });
  await page.getByText("Logement", { exact: true }).click();
  await page.getByText("Mobilité géographique ou professionnelle").click();
  await page.getByRole("button", { name: "Orienter", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accompagnement de Léa Vermenouze");
  await expect(page.getByText(/Prochaine échéance : Démarrage de l’accompagnement/)).toBeVisible();
  await expectAccessible(page);

  // She finds her in the search; the agency's advisor is told (the person lives in the agency's catchment too).
  await nav(page, "Personnes").click();
  await page.getByLabel("Nom, prénom ou identifiant France Travail").fill("Vermenouze");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page.getByRole("link", { name: /Vermenouze/ }).first()).toBeVisible();
  await logout(page);
  await loginWith(page, "luc.bouygues@francetravail-essai.fr", "le mot de passe de Luc à Aurillac", "Luc Bouygues");
  await nav(page, "Personnes").click();
  await page.getByLabel("Nom, prénom ou identifiant France Travail").fill("1500001A");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page.getByRole("link", { name: /Vermenouze/ }).first()).toBeVisible();
});
