import fs from "node:fs";
import type { Page } from "@playwright/test";
import { pdfText } from "../src/server/testing/pdfText";
import { expect, expectAccessible, login, test } from "./fixtures";

/**
 * The registers of ADR 0031, as Troyes Champagne Métropole's DPO keeps them under the data-exchange
 * convention TCM-2020-DONNEES [003 (annexe) art. 7]: a rights request recorded and answered with
 * the PDF; a breach declared and told to France Travail's DPO and security contact by e-mail.
 */
const nav = (page: Page, label: string) => page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: label, exact: true });

const shots = async (page: Page, name: string) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `test-results/screens/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
};

const FT_DPO = "dpo.grand-est@francetravail.example";
const FT_SECURITY = "securite.grand-est@francetravail.example";

test("a DPO records a rights request and answers it with the PDF; declares a breach and tells the other party by e-mail", async ({ page }) => {
  test.setTimeout(240_000);

  // The platform admin records the other party's contacts on its organisation (ADR 0022).
  await login(page, "admin.plateforme");
  await nav(page, "Organisations").click();
  await page.getByLabel("Nom ou code").fill("troyes");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await page.getByRole("link", { name: "France Travail — Agences du bassin de Troyes" }).click();
  await page.getByLabel("Délégué à la protection des données : courriel (facultatif)").fill(FT_DPO);
  await page.getByLabel("Contact sécurité (violations de données) : courriel (facultatif)").fill(FT_SECURITY);
  await page.getByRole("button", { name: "Enregistrer les modifications" }).click();
  await expect(page.getByText("Modifications enregistrées.")).toBeVisible();
  await page.getByRole("button", { name: /Se déconnecter|Déconnexion/ }).first().click();

  await login(page, "dpo.troyes");
  await nav(page, "Droits des personnes").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Demandes d’exercice des droits");
  const person = await page.evaluate(async () => (await (await fetch("/api/privacy/people?q=ma")).json()).items[0] as { name: string; ftIdentifier: string });

  // Record: a date in the future is refused next to its field.
  const form = page.getByRole("form", { name: "Enregistrer une demande reçue" });
  await form.getByLabel("Rechercher la personne").fill(person.ftIdentifier);
  await form.getByRole("button", { name: "Rechercher" }).click();
  await expect(form.getByLabel("Personne", { exact: true })).toHaveValue(/.+/);
  await form.getByLabel("Droit exercé").selectOption({ label: "Accès" });
  await form.getByLabel("Canal de réception").selectOption({ label: "Courrier" });
  await form.getByLabel("Convention sous laquelle la demande est traitée").selectOption({ label: "TCM-2020-DONNEES — délai : 1 mois" });
  await form.getByLabel("Reçue le").fill("2099-01-15");
  await form.getByLabel("Ce que demande la personne").fill("Copie de toutes les données me concernant.");
  await form.getByRole("button", { name: "Enregistrer la demande" }).click();
  await expect(form.getByText(/La demande ne peut pas être reçue après aujourd’hui/)).toBeVisible();
  await expectAccessible(page);
  await shots(page, "privacy-rights-register-refused");

  await form.getByLabel("Reçue le").fill("2026-01-31");
  await form.getByRole("button", { name: "Enregistrer la demande" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Demande d’accès — ${person.name}`);
  // One month from 31 January: the last day of February, not 30 days.
  await expect(page.getByText("28/02/2026 — délai de 1 mois")).toBeVisible();
  await expect(page.getByText(/en retard de \d+ jours/).first()).toBeVisible();
  await expectAccessible(page);
  await shots(page, "privacy-rights-request");

  const answer = page.getByRole("form", { name: "Répondre" });
  await answer.getByLabel("Réponse faite à la personne").fill("Vous trouverez ci-joint les données que nous détenons.");
  await answer.getByRole("button", { name: "Répondre et produire le document PDF" }).click();
  await answer.getByRole("button", { name: "Répondre", exact: true }).click();
  await expect(page.getByText("Répondue", { exact: true }).first()).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Télécharger la réponse (PDF)" }).click()]);
  const text = pdfText(fs.readFileSync((await download.path())!));
  expect(text).toContain("Réponse à votre demande d’accès à vos données personnelles");
  expect(text).toContain("Identité et coordonnées");
  expect(text).toContain(person.name);
  expect(text).toContain(person.ftIdentifier);
  await shots(page, "privacy-rights-request-answered");

  await nav(page, "Droits des personnes").click();
  await expect(page.getByRole("link", { name: person.name })).toBeVisible();
  await shots(page, "privacy-rights-register");

  // A breach, discovered yesterday evening: 36 hours to tell France Travail.
  await nav(page, "Violations").click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Violations de données et plaintes");
  const declare = page.getByRole("form", { name: "Déclarer une violation ou une plainte" });
  const yesterday = new Date(Date.now() - 86_400_000).toLocaleDateString("en-CA", { timeZone: "Europe/Paris" });
  await declare.getByLabel("Convention").selectOption({ label: "TCM-2020-DONNEES — délai : 36 heures" });
  await declare.getByLabel("Découverte le").fill(yesterday);
  await declare.getByLabel("À (heure de Paris)").fill("22:30");
  await declare.getByLabel("Description").fill("Liste des nouveaux inscrits envoyée par erreur à un autre service.");
  await declare.getByLabel("Données concernées").fill("Nom, prénom, adresse, date d’inscription");
  await declare.getByLabel("Personnes concernées").fill("212 nouveaux inscrits");
  await expectAccessible(page);
  await shots(page, "privacy-breach-form");
  await declare.getByRole("button", { name: "Déclarer" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Violation de données — convention TCM-2020-DONNEES");
  await expect(page.getByText(`Délégué à la protection des données : ${FT_DPO}`)).toBeVisible();
  await page.getByRole("button", { name: "Envoyer l’information à l’autre partie" }).click();
  await page.getByRole("button", { name: "Envoyer", exact: true }).click();
  await expect(page.getByRole("heading", { name: "Courriels envoyés (2)" })).toBeVisible();
  await expect(page.getByText(new RegExp(`^À ${FT_DPO.replace(/\./g, "\\.")}`))).toBeVisible();
  await expectAccessible(page);
  await shots(page, "privacy-breach");

  await nav(page, "Violations").click();
  await expect(page.getByRole("cell", { name: /^Oui, le/ })).toBeVisible();
  await shots(page, "privacy-breach-register");

  // The e-mail is in the outbox, addressed to France Travail's DPO.
  await page.getByRole("button", { name: /Se déconnecter|Déconnexion/ }).first().click();
  await login(page, "admin.plateforme");
  await nav(page, "Boîte d’envoi").click();
  await expect(page.getByText(`À : ${FT_DPO}`)).toBeVisible();
  await expect(page.getByText("Violation de données — convention TCM-2020-DONNEES — information de l’autre partie").first()).toBeVisible();
});

test("a DPO grants a limitation, then lifts it: the answer says what Tandem applied", async ({ page }) => {
  test.setTimeout(180_000);
  await login(page, "dpo.troyes");
  await nav(page, "Droits des personnes").click();
  const person = await page.evaluate(async () => (await (await fetch("/api/privacy/people?q=ma")).json()).items[1] as { name: string; ftIdentifier: string });
  const form = page.getByRole("form", { name: "Enregistrer une demande reçue" });
  await form.getByLabel("Rechercher la personne").fill(person.ftIdentifier);
  await form.getByRole("button", { name: "Rechercher" }).click();
  await expect(form.getByLabel("Personne", { exact: true })).toHaveValue(/.+/);
  await form.getByLabel("Droit exercé").selectOption({ label: "Limitation" });
  await form.getByLabel("Canal de réception").selectOption({ label: "Courrier" });
  await form.getByLabel("Convention sous laquelle la demande est traitée").selectOption({ label: "TCM-2020-DONNEES — délai : 1 mois" });
  const today = new Date().toLocaleDateString("en-CA", { timeZone: "Europe/Paris" });
  await form.getByLabel("Reçue le").fill(today);
  await form.getByLabel("Ce que demande la personne").fill("Je conteste l’exactitude de mon adresse : gelez mon dossier le temps de vérifier.");
  await form.getByRole("button", { name: "Enregistrer la demande" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(`Demande de limitation — ${person.name}`);

  const answer = page.getByRole("form", { name: "Répondre" });
  await answer.getByLabel("Réponse faite à la personne").fill("Le traitement de vos données est limité pendant la vérification.");
  await answer.getByRole("button", { name: "Enregistrer la réponse" }).click();
  await answer.getByRole("button", { name: "Répondre", exact: true }).click();
  await expect(page.getByText(/^Traitement limité depuis le .* jusqu’à la levée par le délégué/)).toBeVisible();
  const lift = page.getByRole("form", { name: "Lever la limitation" });
  await lift.getByLabel("Levée le").fill("2026-01-01");
  await lift.getByLabel("Motif de la levée (personne informée)").fill("Adresse vérifiée, personne informée par courrier.");
  await lift.getByRole("button", { name: "Lever la limitation" }).click();
  await lift.getByRole("button", { name: "Lever", exact: true }).click();
  await expect(lift.getByText(/La levée ne peut pas précéder le début de la limitation/)).toBeVisible();
  await expectAccessible(page);
  await shots(page, "privacy-rights-limitation");
  await lift.getByLabel("Levée le").fill(today);
  await lift.getByRole("button", { name: "Lever la limitation" }).click();
  await lift.getByRole("button", { name: "Lever", exact: true }).click();
  await expect(page.getByText(/Limitation levée le .* : Adresse vérifiée/)).toBeVisible();
  await expect(page.getByRole("form", { name: "Lever la limitation" })).toHaveCount(0);
  await shots(page, "privacy-rights-limitation-lifted");
});
