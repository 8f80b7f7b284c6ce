import type { Browser, Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";

/**
 * Issue 14, the PEC follow-up booklet (ADR 0038): the demo's Rouen contract (src/server/pec/demoBooklet.ts) has
 * its month-1 booklet due; the employee and the tutor fill it through the links e-mailed to them, each in a fresh
 * browser without an account; the referent advisor then sees both answers side by side.
 */
const TUTOR = "tutrice.espaces-verts@demo.tandem.fr";

type Email = { to: string; subject: string; body: string };

/** The booklet links of the outbox, read by the platform admin: the tutor's and the employee's. */
async function bookletLinks(page: Page): Promise<{ tutor: string; employee: string }> {
  await login(page, "admin.plateforme");
  const found: Email[] = [];
  for (let p = 1; p <= 20; p++) {
    const res = await page.request.get(`/api/outbox?page=${p}&pageSize=200`);
    const items: Email[] = (await res.json()).items;
    found.push(...items.filter((e) => e.subject.includes("Livret de suivi") && /\/livret\/[\w-]+/.test(e.body)));
    if (items.length < 200) break;
  }
  const path = (e: Email | undefined) => new URL(/http:\/\/\S+\/livret\/[\w-]+/.exec(e?.body ?? "")![0]).pathname;
  const tutor = found.find((e) => e.to === TUTOR && e.body.includes("Agent d’entretien des espaces verts"));
  const employee = found.find((e) => e.to !== TUTOR && e.body.includes("de votre parcours emploi compétences (Agent d’entretien des espaces verts"));
  return { tutor: path(tutor), employee: path(employee) };
}

/** A browser with no account and no cookie: only the link. */
async function answerWithoutAccount(browser: Browser, link: string, fill: (page: Page) => Promise<void>, shot: string) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, locale: "fr-FR", timezoneId: "Europe/Paris" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  await page.goto(link);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Livret de suivi — 1er mois du contrat");
  await expect(page.getByRole("heading", { name: "Qui voit vos réponses ?" })).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath(`pec-booklet-${shot}-390.png`), fullPage: true });
  await fill(page);
  await page.getByRole("button", { name: "Envoyer mes réponses" }).click();
  await expect(page.getByText("Merci, vos réponses sont enregistrées.")).toBeVisible();
  // The link is spent: opened again, it shows only why.
  await page.goto(link);
  await expect(page.getByText(/Ce lien n’est plus valable/)).toBeVisible();
  await expect(page.getByText("Qui voit vos réponses ?")).toHaveCount(0);
  expect(errors).toEqual([]);
  await context.close();
}

const choose = (page: Page, question: string | RegExp, answer: string) => page.getByRole("group", { name: question }).getByText(answer, { exact: true }).click();

test("the month-1 booklet is filled by the employee and the tutor through their links, and the advisor sees both", async ({ page, browser }) => {
  test.setTimeout(240_000);
  const links = await bookletLinks(page);

  await answerWithoutAccount(
    browser,
    links.employee,
    async (p) => {
      await expect(p.getByText(/Votre tuteur et votre employeur ne les voient pas/)).toBeVisible();
      // Sent incomplete: refused next to the question, nothing kept.
      await p.getByRole("button", { name: "Envoyer mes réponses" }).click();
      await expect(p.getByText("Choisissez une réponse.").first()).toBeVisible();
      await choose(p, /engagements pris lors de l’entretien tripartite/, "Oui");
      await choose(p, /votre évolution/, "Nette progression");
      await choose(p, /compétences fixées/, "En cours d’acquisition");
      await choose(p, /formation ou une action/, "Prévue, pas encore suivie");
      await choose(p, /perspective d’emploi/, "Je ne sais pas");
      await choose(p, /être contacté·e/, "Oui, par téléphone");
      await choose(p, "Avec qui ? *", "Moi seul·e avec le conseiller");
      await p.getByLabel(/Précisez les compétences/).fill("Taille des haies en cours d’apprentissage");
    },
    "salarie",
  );

  await answerWithoutAccount(
    browser,
    links.tutor,
    async (p) => {
      await expect(p.getByText(/Le salarié ne les voit pas/)).toBeVisible();
      await expect(p.getByText("Taille des haies")).toHaveCount(0);
      await choose(p, /engagements pris lors de l’entretien tripartite/, "Oui");
      await choose(p, /l’évolution du salarié/, "Progression légère");
      await choose(p, /compétences fixées/, "En cours d’acquisition");
      await choose(p, /formation ou une action/, "Prévue, pas encore suivie");
      await choose(p, /perspective d’emploi/, "Je ne sais pas");
      await choose(p, /être contacté·e/, "Non");
      await p.getByLabel(/difficultés/).fill("Quelques retards le lundi matin");
    },
    "tuteur",
  );

  // The referent advisor: the contact asked for is in their notifications, with the booklet's page.
  await page.context().clearCookies();
  await login(page, "conseiller.rouen");
  const notifications = (await (await page.request.get("/api/notifications")).json()).items as { kind: string; body: string }[];
  const contact = notifications.find((n) => n.kind === "pec_booklet_contact");
  const bookletPath = /\/pec\/contrats\/[\w-]+\/livret/.exec(contact?.body ?? "")![0];
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(bookletPath);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Livret de suivi du contrat PEC");
  const table = page.getByRole("table", { name: "Réponses « 1er mois du contrat » côte à côte" });
  await expect(table).toBeVisible();
  await expect(table.getByRole("row", { name: /évolution/ })).toContainText("Nette progression");
  await expect(table.getByRole("row", { name: /évolution/ })).toContainText("Progression légère");
  await expect(table.getByRole("row", { name: /évolution/ })).toContainText("Réponses différentes");
  await expect(table).toContainText("Taille des haies en cours d’apprentissage");
  await expect(table).toContainText("Quelques retards le lundi matin");
  await expect(page.getByText(/Contact demandé par le ou la salarié·e/)).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: test.info().outputPath("pec-booklet-conseiller-1280.png"), fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: test.info().outputPath("pec-booklet-conseiller-390.png"), fullPage: true });
  await page.getByRole("button", { name: "Marquer le contact comme fait" }).click();
  await expect(page.getByText(/Fait le/)).toBeVisible();
});
