import { expect, expectAccessible, login, test } from "./fixtures";

type Loaded = { path: string; transferSize: number; encodedBodySize: number; decodedBodySize: number };
const loadedAssets = (page: import("@playwright/test").Page) =>
  page.evaluate(() =>
    (performance.getEntriesByType("resource") as PerformanceResourceTiming[])
      .map((e) => ({ path: new URL(e.name).pathname, transferSize: e.transferSize, encodedBodySize: e.encodedBodySize, decodedBodySize: e.decodedBodySize }))
      .filter((e) => e.path.startsWith("/assets/") && e.path.endsWith(".js")),
  ) as Promise<Loaded[]>;

test("the app's scripts arrive compressed, page by page, and a second visit fetches none of them again", async ({ page }) => {
  await page.goto("/connexion");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Connexion à Tandem");
  const first = await loadedAssets(page);
  const entry = first.find((e) => /^\/assets\/index-/.test(e.path));
  expect(entry, "le script d’entrée").toBeDefined();
  // Compressed on the wire: far fewer bytes received than the script holds.
  expect(entry!.encodedBodySize).toBeLessThan(entry!.decodedBodySize / 2);
  // The login page's own code is a chunk of its own; the case page's is not fetched here.
  expect(first.some((e) => e.path.startsWith("/assets/LoginPage-"))).toBe(true);
  expect(first.some((e) => e.path.startsWith("/assets/CasePage-"))).toBe(false);

  // Next visit: every script comes from the browser's cache, without even asking the server.
  await page.goto("about:blank");
  await page.goto("/connexion");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Connexion à Tandem");
  const again = await loadedAssets(page);
  expect(again.length).toBeGreaterThan(0);
  expect(again.filter((e) => e.transferSize > 0).map((e) => e.path)).toEqual([]);
});

test("a page whose code cannot be fetched (Tandem updated since the tab was opened) says so and offers a reload", async ({ page, consoleErrors }) => {
  await login(page, "conseiller.basrhin");
  // The case page's chunk is gone, as after an update: the server answers 404 for an old asset.
  await page.route(/\/assets\/CasePage-[^/]+\.js$/, (route) => route.fulfill({ status: 404, contentType: "application/json", body: '{"error":{"code":"ROUTE_NOT_FOUND","message":"Cette adresse n\'existe pas."}}' }));
  await page.getByRole("link", { name: "Mon portefeuille" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mon portefeuille");
  await page.locator("main table tbody tr a").first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("La page n’a pas pu s’afficher");
  await expect(page.getByRole("button", { name: "Recharger la page" })).toBeVisible();
  await expectAccessible(page);

  // Header and menu still work: another page opens normally.
  await page.getByRole("link", { name: "Accueil" }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Bonjour Conseiller Basrhin");
  // The failed import is reported in the console by the browser and React: expected here.
  expect(consoleErrors.every((e) => /CasePage|dynamically imported module|module script|Lazy|error occurred/i.test(e)), consoleErrors.join("\n")).toBe(true);
  consoleErrors.splice(0);
});
