import type { Page } from "@playwright/test";
import { metzTrialConvention } from "../src/server/testing/metzTrialConvention";
import { expect, expectAccessible, login, test } from "./fixtures";

/**
 * Issue 10, ADR 0024: a convention ended early (by mutual agreement) leaves its cases open; they take
 * no new act and are listed for a decision on « Mon portefeuille », and the case page offers only
 * the exit. Screenshots at 1280 and 390 px in test-results/convention-end.
 */
const shots = "test-results/convention-end";
const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

/** A JSON request from the page, with the session's CSRF token. */
async function call(page: Page, method: string, url: string, body?: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const csrf = document.cookie.split("; ").find((c) => c.startsWith("tandem_csrf="))?.slice("tandem_csrf=".length) ?? "";
      const res = await fetch(url, { method, headers: { "content-type": "application/json", "x-csrf-token": csrf }, body: body === undefined ? undefined : JSON.stringify(body) });
      return { status: res.status, json: await res.json().catch(() => ({})) };
    },
    { method, url, body },
  );
}

/** The Metz trial convention (the tests' own fixture), ending in a year, which the parties may end by mutual agreement. */
const yaml = metzTrialConvention({ number: "METZ-E2E-FIN", endsOn: day(365), mutualAgreement: true });

test("a convention ended early: its open cases are listed for a decision and take only their exit", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, "pilotage.metz");
  const imported = await call(page, "POST", "/api/conventions/import", { content: yaml });
  expect(imported.status, JSON.stringify(imported.json)).toBe(201);
  const conventionId = imported.json.id as string;
  const sign = (organisation: string, signedOn: string) => call(page, "POST", `/api/conventions/${conventionId}/signatures`, { organisation, name: "Signataire", title: "Qualité", signedOn });
  expect((await sign("ville-metz", day(-30))).status).toBe(200);
  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await login(page, "pilotage.ft-metz");
  expect((await sign("ft-metz-sebastopol", day(-20))).status).toBe(200);
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  // The advisor orients a person of Metz under it, and the pair enters the case directly.
  await login(page, "conseiller.metz");
  const found = await call(page, "GET", "/api/job-seekers?q=ma&pageSize=50");
  const [person, second] = (found.json.items as { id: string; lastName: string; firstName: string; openCase: unknown }[]).filter((p) => p.openCase === null);
  const oriented = await call(page, "POST", "/api/support/cases", { jobSeekerId: person.id, origin: "france_travail", barriers: [{ code: "housing" }, { code: "mobility" }], conventionId });
  expect(oriented.status, JSON.stringify(oriented.json)).toBe(201);
  const caseId = oriented.json.id as string;
  // A second person enters support under it the same day (consent, pair, shared diagnosis, direct entry).
  const running = await call(page, "POST", "/api/support/cases", { jobSeekerId: second.id, origin: "france_travail", orientedOn: day(-3), barriers: [{ code: "housing" }, { code: "mobility" }], conventionId });
  expect(running.status, JSON.stringify(running.json)).toBe(201);
  const runningId = running.json.id as string;
  const step = async (path: string, body: unknown) => {
    const res = await call(page, "POST", `/api/support/cases/${runningId}/${path}`, body);
    expect(res.status, JSON.stringify(res.json)).toBe(200);
  };
  const candidates = (await call(page, "GET", `/api/support/cases/${runningId}/pair-candidates`)).json as { advisors: { id: string }[]; socialWorkers: { id: string }[] };
  await step("consent", { givenOn: day(-3), method: "in_person" });
  await step("pair", { advisorId: candidates.advisors[0].id, socialWorkerId: candidates.socialWorkers[0].id });
  await step("diagnosis", { kind: "shared", on: day(-3) });
  await step("entry", { on: day(-3), source: { kind: "pair" } });
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  // The parties end it by mutual agreement, yesterday.
  await login(page, "pilotage.metz");
  const ended = await call(page, "POST", `/api/conventions/${conventionId}/termination`, { receivedOn: day(-2), reason: "mutual", agreedEndOn: day(-1) });
  expect(ended.status, JSON.stringify(ended.json)).toBe(200);
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  await login(page, "conseiller.metz");
  await page.goto("/accompagnements");
  const section = page.getByRole("region", { name: "Convention terminée : décision à prendre" });
  await expect(section).toBeVisible();
  await expect(section.getByText(/La convention n° METZ-E2E-FIN a pris fin le .* \(résiliation\) : ses 2 accompagnements encore ouverts ne prennent plus de nouvel acte\./)).toBeVisible();
  const link = section.getByRole("link", { name: `${person.firstName} ${person.lastName}` });
  await expect(link).toBeVisible();
  await expectAccessible(page);
  await page.setViewportSize({ width: 1280, height: 900 });
  await section.screenshot({ path: `${shots}/portefeuille-1280.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await section.screenshot({ path: `${shots}/portefeuille-390.png` });
  await page.setViewportSize({ width: 1280, height: 900 });

  // The case takes no new act: an attempt through the API is refused, with the convention named.
  const refused = await call(page, "POST", `/api/support/cases/${caseId}/consent`, { givenOn: day(0), method: "in_person" });
  expect(refused.status).toBe(409);
  expect((refused.json.error as { code: string; message: string }).code).toBe("CONVENTION_ENDED");
  expect((refused.json.error as { message: string }).message).toContain("La convention n° METZ-E2E-FIN a pris fin le");

  await link.click();
  await expect(page.getByText(/^Convention n° METZ-E2E-FIN terminée le .* : décision à prendre$/)).toBeVisible();
  // The only action left is the one that closes it, dated by default on the convention's last day.
  await expect(page.getByRole("heading", { name: "À faire maintenant : refus d’entrée" })).toBeVisible();
  await expect(page.getByLabel("Date du refus")).toHaveValue(day(-1));
  await expectAccessible(page);
  await page.screenshot({ path: `${shots}/accompagnement-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${shots}/accompagnement-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });

  // A running case: a notice says why and what remains — the exit — and no form for any other act is shown.
  await page.goto(`/accompagnements/${runningId}`);
  await expect(page.getByText(/^La convention a pris fin le \d{2}\/\d{2}\/\d{4} : seule la sortie peut être enregistrée/)).toBeVisible();
  await expect(page.getByRole("heading", { name: "À faire maintenant : sortie" })).toBeVisible();
  // One form on the page, the exit's: no appointment, note, document, barrier, renewal or social-only form.
  await expect(page.locator("main form")).toHaveCount(1);
  await expect(page.locator("main form").getByRole("button", { name: "Enregistrer la sortie" })).toBeVisible();
  await expect(page.getByLabel("Joindre un document")).toHaveCount(0);
  await expectAccessible(page);
  await page.screenshot({ path: `${shots}/accompagnement-en-cours-1280.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `${shots}/accompagnement-en-cours-390.png`, fullPage: true });
});
