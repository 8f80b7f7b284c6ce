import { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";

/** The convention's page shows one section at a time, chosen in its side menu (e2e/convention-detail.spec.ts). */
const openSection = (page: Page, label: string) =>
  page.getByRole("navigation", { name: "Sections de la convention" }).getByRole("link", { name: label, exact: true }).click();

test("a Metz steering user opens METZ-2013 from the register: amounts due and deadlines", async ({ page }) => {
  await login(page, "pilotage.metz");
  await page.getByRole("link", { name: "Conventions", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Conventions");
  const link = page.getByRole("link", { name: "METZ-2013", exact: true });
  await expect(link).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/screens/conventions-register.png", fullPage: true });

  // The filters are in French and narrow the list.
  await page.getByLabel("Type").selectOption({ label: "Coopération" });
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(link).toBeVisible();
  await page.getByLabel("Type").selectOption({ label: "Échange de données" });
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(link).toHaveCount(0);
  await page.getByRole("button", { name: "Effacer les filtres" }).click();

  await link.click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Convention de coopération entre Pôle emploi Lorraine et la Ville de Metz");
  await expect(page.getByText("Convention n° METZ-2013")).toBeVisible();
  for (const [label, h] of [
    ["Parties et signatures", "Parties"],
    ["Période et résiliation", "Période et résiliation"],
    ["Échéances", "Échéances"],
    ["Engagements", "Engagements"],
    ["Finances et versements", "Finances"],
    ["Programmes", "Programmes"],
    ["Clauses de données", "Clauses de données"],
    ["Indicateurs", "Indicateurs"],
    ["Avenants", "Avenants"],
    ["Historique", "Historique"],
  ]) {
    await openSection(page, label);
    await expect(page.getByRole("heading", { level: 2, name: h, exact: true })).toBeVisible();
  }
  await openSection(page, "Finances et versements");
  const finances = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "Finances" }) });
  await expect(finances).toContainText("33 300,80 €");
  await expect(finances).toContainText("16 650,40 €");
  await openSection(page, "Échéances");
  const notice = page.getByRole("row").filter({ hasText: "Dernier jour pour notifier une résiliation" }).first();
  await expect(notice).toContainText("30/09/2013");
  await expect(notice).toContainText("passée");
  await expect(page.getByRole("link", { name: "Exporter (YAML)" })).toHaveAttribute("href", /\/api\/conventions\/[0-9a-f-]+\/export\.yaml$/);
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/screens/convention-detail-metz.png", fullPage: true });
  await page.screenshot({ path: "test-results/screens/convention-detail-metz-top.png" });
  const section = (name: string) => page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name, exact: true }) });
  await openSection(page, "Finances et versements");
  await section("Finances").screenshot({ path: "test-results/screens/convention-detail-metz-finances.png" });
  await openSection(page, "Engagements");
  await section("Engagements").screenshot({ path: "test-results/screens/convention-detail-metz-commitments.png" });
  await openSection(page, "Échéances");
  await notice.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/screens/convention-detail-metz-calendar.png" });

  await page.getByRole("link", { name: "Échéances", exact: true }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mes échéances");
  await page.getByRole("button", { name: "Créer l’adresse de mon agenda" }).click();
  await expect(page.getByLabel("Adresse de mon flux iCalendar")).toHaveValue(/\/api\/calendar\/[\w-]+\.ics$/);
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/screens/my-deadlines.png", fullPage: true });
});

test("a Creuse user neither lists nor opens the Metz convention", async ({ page }) => {
  await login(page, "pilotage.metz");
  await page.goto("/conventions");
  await page.getByRole("link", { name: "METZ-2013", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Ville de Metz");
  const metzUrl = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  await login(page, "pilotage.creuse");
  await page.goto("/conventions");
  await expect(page.getByRole("table")).toBeVisible();
  await expect(page.getByRole("link", { name: "METZ-2013" })).toHaveCount(0);
  await page.goto(metzUrl);
  await expect(page.getByRole("alert")).toContainText("Convention introuvable.");
  await expect(page.getByText("33 300,80 €")).toHaveCount(0);
  await expectAccessible(page);

  // Their own convention opens, with its programme parameters and their sources.
  await page.goto("/conventions");
  await page.getByRole("link", { name: "CREUSE-2023-AG", exact: true }).click();
  await openSection(page, "Programmes");
  await expect(page.getByRole("cell", { name: "Durée initiale de l’accompagnement (mois)" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "001 art. 2.2 — durée d’accompagnement de 12 mois" })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/screens/convention-detail-creuse.png", fullPage: true });
  await page
    .locator("section")
    .filter({ has: page.getByRole("heading", { level: 2, name: "Programmes" }) })
    .screenshot({ path: "test-results/screens/convention-detail-creuse-programmes.png" });
});

test("a Metz steering user records a payment, a commitment value and proposes an amendment; France Travail signs it; refusals say why next to the field", async ({ page }) => {
  await login(page, "pilotage.metz");
  await page.goto("/conventions");
  await page.getByRole("link", { name: "METZ-2013", exact: true }).click();
  const section = (name: string) => page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name, exact: true }) });

  await openSection(page, "Finances et versements");
  await page.getByText("Enregistrer un versement (reste dû : 33 300,80 €)").click();
  await page.getByLabel("Date du versement").fill("2013-02-20");
  await page.getByLabel("Montant (€)").fill("16650,40");
  await section("Finances").getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Versement enregistré.", { exact: true })).toBeVisible();
  await expect(section("Finances")).toContainText("Déjà versé : 16 650,40 €");
  await expect(section("Finances")).toContainText("Reste dû : 16 650,40 €");

  // A payment beyond what is due is refused, the amount still due shown next to the field.
  await page.getByLabel("Date du versement").fill("2013-03-01");
  await page.getByLabel("Montant (€)").fill("99999999");
  await section("Finances").getByRole("button", { name: "Enregistrer" }).click();
  await expect(section("Finances").getByRole("alert")).toContainText("Le versement dépasse le montant restant dû : 16 650,40 €.");
  await expect(section("Finances").getByText("Reste dû : 16 650,40 € (montant dû 33 300,80 €, déjà versé 16 650,40 €).")).toBeVisible();
  await expect(section("Finances")).toContainText("Déjà versé : 16 650,40 €");
  await expectAccessible(page);
  await section("Finances").screenshot({ path: "test-results/screens/convention-detail-metz-payment-refused.png" });
  await page.setViewportSize({ width: 390, height: 844 });
  await section("Finances").screenshot({ path: "test-results/screens/convention-detail-metz-payment-refused-mobile.png" });
  await page.setViewportSize({ width: 1280, height: 720 });

  await openSection(page, "Engagements");
  await page.getByText("Relever une valeur : Agent Pôle emploi").click();
  await page.getByLabel("Date du relevé").fill("2013-12-31");
  await page.getByLabel("Valeur (équivalent temps plein)").fill("0,8");
  await section("Engagements").getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Valeur enregistrée pour « Agent Pôle emploi affecté au service emploi et insertion de la Ville ».")).toBeVisible();
  await expect(section("Engagements").getByRole("row").filter({ hasText: "Agent Pôle emploi" })).toContainText("Tenu");

  // An amendment ending the convention before its effective date is refused, next to the field.
  await openSection(page, "Avenants");
  await page.getByLabel("Numéro de l’avenant").fill("Avenant 1");
  await page.getByLabel("Prend effet le").fill("2013-07-01");
  await page.getByLabel("Nouvelle date de fin").fill("2012-06-30");
  await page.getByLabel("Objet de l’avenant").fill("Fin anticipée");
  await page.getByRole("button", { name: "Proposer l’avenant" }).click();
  await expect(section("Avenants").getByRole("alert")).toContainText("L’avenant est refusé");
  await expect(section("Avenants").getByText("La date de fin précède la date d’effet.")).toBeVisible();

  // Proposed and signed by the city: it awaits France Travail, and changes nothing meanwhile.
  await page.getByLabel("Nouvelle date de fin").fill("2014-06-30");
  await page.getByLabel("Objet de l’avenant").fill("Prolongation de six mois");
  await page.getByText("Signer aussi l’avenant au nom de Ville de Metz").click();
  await section("Avenants").getByLabel("Signataire").fill("Dominique Gros");
  await section("Avenants").getByLabel("Qualité").fill("Maire");
  await section("Avenants").getByLabel("Date de signature").fill("2013-06-01");
  await page.getByRole("button", { name: "Proposer l’avenant" }).click();
  // Signing with the proposal engages the city: confirmed first.
  await expect(section("Avenants").getByRole("alertdialog")).toContainText("Votre signature engage Ville de Metz");
  await page.getByRole("button", { name: "Proposer et signer" }).click();
  await expect(page.getByText("Avenant « Avenant 1 » proposé et signé au nom de Ville de Metz : il s’appliquera une fois signé par les autres parties.")).toBeVisible();
  await expect(page.getByText("Avenant « Avenant 1 » en attente de signature de : France Travail — Agence Metz Sébastopol.")).toBeVisible();
  const row = section("Avenants").getByRole("row").filter({ hasText: "Prolongation de six mois" });
  await expect(row).toContainText("01/07/2013");
  await expect(row).toContainText("En attente de signature");
  await expect(row).toContainText("Ville de Metz : Dominique Gros (Maire), le 01/06/2013, signé dans Tandem");
  await expect(page.getByText(/Signer l’avenant « Avenant 1 » au nom de/)).toHaveCount(0);
  await openSection(page, "Période et résiliation");
  await expect(section("Période et résiliation")).toContainText("Fin : 31/12/2013");
  await openSection(page, "Historique");
  await expect(section("Historique")).toContainText("Versement");
  await expect(section("Historique")).toContainText("Avenant proposé");
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/screens/convention-detail-metz-after-actions.png", fullPage: true });
  await section("Historique").screenshot({ path: "test-results/screens/convention-detail-metz-history.png" });
  await openSection(page, "Avenants");
  await section("Avenants").screenshot({ path: "test-results/screens/convention-detail-metz-amendments.png" });
  const url = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  // France Travail signs for itself: then the amendment applies.
  await login(page, "pilotage.ft-metz");
  await page.goto(url);
  await openSection(page, "Avenants");
  await page.getByText("Signer l’avenant « Avenant 1 » au nom de France Travail — Agence Metz Sébastopol").click();
  await section("Avenants").getByLabel("Signataire").fill("Claire Dupont");
  await section("Avenants").getByLabel("Qualité").fill("Directrice d’agence");
  // Today is after the convention's end: refused, the rule next to the date (once the signature is confirmed).
  await section("Avenants").getByRole("button", { name: "Signer", exact: true }).click();
  await expect(section("Avenants").getByRole("alertdialog")).toContainText("Votre signature engage France Travail — Agence Metz Sébastopol");
  await section("Avenants").getByRole("button", { name: "Je signe" }).click();
  await expect(section("Avenants").getByText("La date de signature ne peut pas être postérieure à la fin de la convention (31/12/2013).")).toBeVisible();
  await section("Avenants").getByLabel("Date de signature").first().fill("2013-06-05");
  await section("Avenants").getByRole("button", { name: "Signer", exact: true }).click();
  await section("Avenants").getByRole("button", { name: "Je signe" }).click();
  await expect(
    page.getByText("Signature de l’avenant « Avenant 1 » par Claire Dupont au nom de France Travail — Agence Metz Sébastopol enregistrée."),
  ).toBeVisible();
  await expect(page.getByText(/en attente de signature de/)).toHaveCount(0);
  await expect(row).toContainText("Signé par toutes les parties le 05/06/2013");
  await expectAccessible(page);
  await section("Avenants").screenshot({ path: "test-results/screens/convention-detail-metz-amendment-signed.png" });
  await openSection(page, "Période et résiliation");
  await expect(section("Période et résiliation")).toContainText("Fin : 30/06/2014");
});

test("an invalid convention file is refused with every issue listed in French", async ({ page }) => {
  const yaml = readFileSync("conventions/metz-2013-cooperation.yaml", "utf8")
    .replace("number: METZ-2013", "number: METZ-ESSAI")
    .replace("endsOn: 2013-12-31", "endsOn: 2012-12-31");
  await login(page, "pilotage.metz");
  await page.goto("/conventions");
  await page.getByRole("link", { name: "Importer une convention" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Importer une convention");
  await page.getByLabel("Fichier de convention").setInputFiles({ name: "metz-essai.yaml", mimeType: "application/yaml", buffer: Buffer.from(yaml) });
  await expect(page.getByLabel("Contenu du fichier")).toHaveValue(/number: METZ-ESSAI/);
  await page.getByRole("button", { name: "Importer la convention" }).click();
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("Rien n’a été importé.");
  await expect(alert).toContainText("convention.period.endsOn : La date de fin précède la date d’effet.");
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/screens/convention-import-error.png", fullPage: true });
});

test("an imported convention is a draft until each party signs it in Tandem: the city signs for itself, then France Travail", async ({ page }) => {
  const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const yaml = `convention:
  number: METZ-E2E-SIGNATURES
  kind: cooperation
  title: Accompagnement global à Metz (essai de signatures)
  object: Vérifier que chaque partie signe pour elle-même.
  parties:
    - { organisation: ft-metz-sebastopol, side: france_travail, signatories: [{ name: Directrice d’agence, title: Directrice, signedOn: ${day(-40)} }] }
    - { organisation: ville-metz, side: partner, signatories: [{ name: Maire de Metz, title: Maire, signedOn: ${day(-30)} }] }
  period: { effective: { rule: last_signature }, endsOn: ${day(365)}, source: "essai art. 1" }
  termination:
    notice: { delay: { value: 1, unit: months }, before: end, source: "essai art. 2" }
    breach: { effectiveAfterFormalNotice: { value: 1, unit: months }, source: "essai art. 2" }
`;
  await login(page, "pilotage.metz");
  await page.goto("/conventions/import");
  await expect(page.getByText("Une convention importée est un brouillon")).toBeVisible();
  await page.getByLabel("Contenu du fichier").fill(yaml);
  await page.getByRole("button", { name: "Importer la convention" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Accompagnement global à Metz (essai de signatures)");
  await expect(page.getByText("Brouillon — en attente de signature de : France Travail — Agence Metz Sébastopol, Ville de Metz.")).toBeVisible();
  const parties = page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name: "Parties", exact: true }) });
  await expect(parties.getByText("En attente de signature")).toHaveCount(2);
  await expect(parties).toContainText("Maire de Metz : date de signature indiquée dans le fichier");
  // The city signs for itself only; the scanned-copy form is the platform admin's.
  await expect(page.getByText("Signer au nom de Ville de Metz")).toBeVisible();
  await expect(page.getByText("Signer au nom de France Travail — Agence Metz Sébastopol")).toHaveCount(0);
  await expect(page.getByText("Enregistrer une signature sur copie signée (scan)")).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/screens/convention-draft-signatures.png", fullPage: true });

  await page.getByText("Signer au nom de Ville de Metz").click();
  await parties.getByLabel("Signataire").fill("François Grosdidier");
  await parties.getByLabel("Qualité").fill("Maire");
  await parties.getByRole("button", { name: "Signer" }).click();
  await parties.getByRole("button", { name: "Je signe" }).click();
  await expect(page.getByText("Signature de François Grosdidier au nom de Ville de Metz enregistrée.")).toBeVisible();
  await expect(page.getByText("Brouillon — en attente de signature de : France Travail — Agence Metz Sébastopol.")).toBeVisible();
  await expect(parties.getByRole("row").filter({ hasText: "Ville de Metz" })).toContainText("Signée dans Tandem");
  await expect(parties.getByRole("row").filter({ hasText: "Ville de Metz" })).toContainText("François Grosdidier (Maire)");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/screens/convention-draft-signatures-mobile.png", fullPage: true });
  await parties.screenshot({ path: "test-results/screens/convention-draft-signatures-mobile-parties.png" });
  await page.setViewportSize({ width: 1280, height: 720 });
  const url = new URL(page.url()).pathname;
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  await login(page, "pilotage.ft-metz");
  await page.goto(url);
  await expect(page.getByText("Signer au nom de Ville de Metz")).toHaveCount(0);
  await page.getByText("Signer au nom de France Travail — Agence Metz Sébastopol").click();
  await parties.getByLabel("Signataire").fill("Claire Dupont");
  await parties.getByLabel("Qualité").fill("Directrice d’agence");
  await parties.getByRole("button", { name: "Signer" }).click();
  await parties.getByRole("button", { name: "Je signe" }).click();
  await expect(page.getByText("Signature de Claire Dupont au nom de France Travail — Agence Metz Sébastopol enregistrée.")).toBeVisible();
  await expect(page.getByText(/Brouillon — en attente/)).toHaveCount(0);
  await expect(page.getByText("Convention n° METZ-E2E-SIGNATURES")).toContainText("En vigueur");
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/screens/convention-signed-in-force.png", fullPage: true });
});
