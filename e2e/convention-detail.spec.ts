import fs, { readFileSync } from "node:fs";
import type { Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";

/**
 * Issue 9, « Convention detail » and « every mistake is correctable »: the convention's page shows
 * one section at a time, chosen in the DSFR side menu (folded on a phone) and opened by its link;
 * a payment is corrected and its history shown; irreversible acts ask for confirmation first.
 */
const shots = "/tmp/shots/D";
fs.mkdirSync(shots, { recursive: true });

const SECTIONS: [string, string, string][] = [
  ["Parties et signatures", "parties", "Parties"],
  ["Période et résiliation", "periode", "Période et résiliation"],
  ["Échéances", "echeances", "Échéances"],
  ["Engagements", "engagements", "Engagements"],
  ["Finances et versements", "finances", "Finances"],
  ["Programmes", "programmes", "Programmes"],
  ["Clauses de données", "donnees", "Clauses de données"],
  ["Indicateurs", "indicateurs", "Indicateurs"],
  ["Avenants", "avenants", "Avenants"],
  ["Historique", "historique", "Historique"],
];
const sideMenu = (page: Page) => page.getByRole("navigation", { name: "Sections de la convention" });
const section = (page: Page, name: string) => page.locator("section").filter({ has: page.getByRole("heading", { level: 2, name, exact: true }) });

test("the convention's side menu opens each section by its link; the address opens it again; axe passes on each", async ({ page }) => {
  test.setTimeout(240_000); // ten sections, each checked by axe
  await login(page, "pilotage.metz");
  await page.goto("/conventions");
  await page.getByRole("link", { name: "METZ-2013", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Convention de coopération entre Pôle emploi Lorraine et la Ville de Metz");
  await expect(page.locator(".fr-breadcrumb")).toContainText("Convention METZ-2013");
  await expect(sideMenu(page)).toBeVisible();
  // The first section opens by default, the others only by their link.
  await expect(page.getByRole("heading", { level: 2, name: "Parties", exact: true })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Finances", exact: true })).toHaveCount(0);
  await page.screenshot({ path: `${shots}/detail-parties-1280.png`, fullPage: true });

  for (const [label, hash, heading] of SECTIONS) {
    await sideMenu(page).getByRole("link", { name: label, exact: true }).click();
    await expect(page).toHaveURL(new RegExp(`#${hash}$`));
    await expect(page.getByRole("heading", { level: 2, name: heading, exact: true })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2 })).toHaveCount(1);
    await expect(sideMenu(page).getByRole("link", { name: label, exact: true })).toHaveAttribute("aria-current", "page");
    await expectAccessible(page);
    await page.screenshot({ path: `${shots}/detail-${hash}-1280.png`, fullPage: true });
  }

  // A link to a section opens it (here, straight from the address bar).
  const url = new URL(page.url()).pathname;
  await page.goto(`${url}#finances`);
  await expect(section(page, "Finances")).toContainText("33 300,80 €");
  await expect(page.locator(".fr-breadcrumb")).toContainText("Convention METZ-2013");

  // On a phone the menu folds under a button, and opens to choose a section.
  await page.setViewportSize({ width: 390, height: 844 });
  const burger = page.getByRole("button", { name: "Sections de la convention" });
  await expect(burger).toBeVisible();
  await expect(sideMenu(page).getByRole("link", { name: "Avenants", exact: true })).toBeHidden();
  await page.screenshot({ path: `${shots}/detail-finances-390.png`, fullPage: true });
  await burger.click();
  await sideMenu(page).getByRole("link", { name: "Avenants", exact: true }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Avenants", exact: true })).toBeVisible();
  // Chosen, the menu folds again.
  await expect(sideMenu(page).getByRole("link", { name: "Parties et signatures", exact: true })).toBeHidden();
  await expectAccessible(page);
  await page.screenshot({ path: `${shots}/detail-avenants-390.png`, fullPage: true });
});

test("on a signed copy of the Metz convention: each signature is confirmed, a payment is corrected with its history, termination asks first", async ({ page }) => {
  const yaml = readFileSync("conventions/metz-2013-cooperation.yaml", "utf8").replace("number: METZ-2013", "number: METZ-E2E-DETAIL");
  await login(page, "pilotage.metz");
  await page.goto("/conventions/import");
  await page.getByLabel("Contenu du fichier").fill(yaml);
  await page.getByRole("button", { name: "Importer la convention" }).click();
  await expect(page.getByText("Convention n° METZ-E2E-DETAIL")).toBeVisible();
  const path = new URL(page.url()).pathname;

  // Signing engages the party: the form asks first, and cancelling signs nothing.
  const sign = async (party: string, name: string) => {
    const form = page.getByRole("form", { name: `Signer au nom de ${party}` });
    await form.getByLabel("Signataire").fill(name);
    await form.getByLabel("Qualité").fill("Signataire");
    await form.getByLabel("Date de signature").fill("2013-02-15");
    await form.getByRole("button", { name: "Signer", exact: true }).click();
    await expect(form.getByRole("alertdialog")).toContainText(`Votre signature engage ${party}`);
    return form;
  };
  const cityForm = await sign("Ville de Metz", "François Grosdidier");
  await expectAccessible(page);
  await cityForm.screenshot({ path: `${shots}/signature-confirm-1280.png` });
  await cityForm.getByRole("button", { name: "Annuler", exact: true }).click();
  await expect(cityForm.getByRole("alertdialog")).toHaveCount(0);
  await page.reload();
  await expect(page.getByText("Brouillon — en attente de signature de : France Travail — Agence Metz Sébastopol, Ville de Metz.")).toBeVisible();
  await (await sign("Ville de Metz", "François Grosdidier")).getByRole("button", { name: "Je signe" }).click();
  await expect(page.getByText("Signature de François Grosdidier au nom de Ville de Metz enregistrée.")).toBeVisible();
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await login(page, "pilotage.ft-metz");
  await page.goto(path);
  await (await sign("France Travail — Agence Metz Sébastopol", "Claire Dupont")).getByRole("button", { name: "Je signe" }).click();
  await expect(page.getByText(/Brouillon — en attente/)).toHaveCount(0);
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  // A payment recorded with a wrong amount…
  await login(page, "pilotage.metz");
  await page.goto(`${path}#finances`);
  const finances = section(page, "Finances");
  const newPayment = page.getByRole("form", { name: "Enregistrer un versement (reste dû : 33 300,80 €)" });
  await newPayment.getByLabel("Date du versement").fill("2013-02-20");
  await newPayment.getByLabel("Montant (€)").fill("10 000");
  await newPayment.getByLabel("Échéance payée (facultatif)").selectOption({ label: "50 % du montant de l’année civile à la signature — année du 01/01/2013 au 31/12/2013" });
  await newPayment.getByRole("button", { name: "Enregistrer", exact: true }).click();
  await expect(page.getByText("Versement enregistré.", { exact: true })).toBeVisible();
  const row = finances.getByRole("table", { name: "Versements enregistrés" }).getByRole("row").filter({ hasText: "20/02/2013" });
  await expect(row).toContainText("10 000,00 €");
  await expect(row).toContainText("Ville de Metz → France Travail — Agence Metz Sébastopol");

  // …is corrected: beyond what is due is refused with the rule and the figures, nothing changed.
  await row.getByRole("button", { name: "Corriger" }).click();
  const correction = page.getByRole("form", { name: "Corriger le versement du 20/02/2013 (10 000,00 €)" });
  await correction.getByLabel("Montant (€)").fill("99999999");
  await correction.getByLabel("Motif de la correction").fill("Montant mal recopié du mandat");
  await correction.getByRole("button", { name: "Enregistrer la correction" }).click();
  await expect(correction.getByRole("alert")).toContainText(
    "Le versement corrigé dépasse le montant restant dû : 33 300,80 € (montant dû 33 300,80 €, versé par ailleurs 0,00 €). Rien n’a été modifié.",
  );
  await expect(correction.getByText("Reste dû : 33 300,80 € (montant dû 33 300,80 €, déjà versé 0,00 €).")).toBeVisible();
  await expect(row).toContainText("10 000,00 €");
  await expectAccessible(page);
  await page.screenshot({ path: `${shots}/payment-correction-refused-1280.png`, fullPage: true });
  await correction.getByLabel("Montant (€)").fill("16650,40");
  await correction.getByRole("button", { name: "Enregistrer la correction" }).click();
  await expect(page.getByText("Versement du 20/02/2013 corrigé ; sa version précédente reste dans son historique.")).toBeVisible();
  await expect(row).toContainText("16 650,40 €");
  await expect(row).toContainText("Corrigé");
  await expect(finances).toContainText("Déjà versé : 16 650,40 €");
  await page.getByText("Historique du versement du 20/02/2013 (1 modification)").click();
  await expect(finances.getByRole("listitem").filter({ hasText: "montant 10 000,00 € → 16 650,40 €" })).toContainText("motif : « Montant mal recopié du mandat »");
  await expectAccessible(page);
  await page.screenshot({ path: `${shots}/payment-corrected-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${shots}/payment-corrected-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  // Termination is not offered on a convention that has already ended (31/12/2013, issue 10): the
  // confirmation that says the end date is checked on a running convention (convention-endings.spec.ts).
  await sideMenu(page).getByRole("link", { name: "Période et résiliation", exact: true }).click();
  await expect(section(page, "Période et résiliation")).toContainText("Fin : 31/12/2013");
  await sideMenu(page).getByRole("link", { name: "Historique", exact: true }).click();
  await expect(section(page, "Historique")).toContainText("Versement corrigé");
  await expect(page.getByRole("form", { name: "Notifier une résiliation" })).toHaveCount(0);
});
