import type { Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";

/**
 * Issue 14: PEC's contract exits and candidacies on Rouen's indicators dashboard (ADR 0033, 0037),
 * read by the city's steering user on the demo; the drill-down of a PEC figure names nobody.
 */
const shots = async (page: Page, name: string) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `test-results/screens/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
};

test("Rouen's steering user sees the PEC exits and candidacies among the convention's indicators", async ({ page }) => {
  test.setTimeout(180_000);
  await login(page, "pilotage.rouen");
  const conventionId = await page.evaluate(async () => {
    const list = (await (await fetch("/api/conventions")).json()) as { items: { id: string; number: string }[] };
    return list.items.find((c) => c.number === "ROUEN-PARTENARIAT")?.id ?? "";
  });
  await page.goto(`/conventions/${conventionId}/indicateurs`);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Indicateurs — ROUEN-PARTENARIAT");
  const summary = page.getByRole("table", { name: /Synthèse/ });
  await expect(summary.getByRole("rowheader", { name: /Sorties de parcours emploi compétences par issue/ })).toBeVisible();
  await expect(summary.getByRole("rowheader", { name: /Candidatures PEC proposées et retenues/ })).toBeVisible();
  await expect(page.getByRole("region", { name: "Candidatures PEC proposées et retenues" })).toBeVisible();
  await expectAccessible(page);
  await shots(page, "pec-indicators");
  await page.getByRole("region", { name: "Candidatures PEC proposées et retenues" }).scrollIntoViewIfNeeded();
  await page.getByRole("region", { name: "Candidatures PEC proposées et retenues" }).screenshot({ path: "test-results/screens/pec-indicators-candidacies.png" });
  // The demo's candidacies of the quarter: counted, nobody named.
  await summary.getByRole("button", { name: /Candidatures PEC proposées et retenues : .*, voir les accompagnements/ }).click();
  await expect(page.getByRole("heading", { name: /derrière « Candidatures PEC proposées et retenues »/ })).toBeVisible();
  await expect(page.getByText(/Candidatures PEC, sans les noms \(\s*ce détail est donné en effectifs seulement/)).toBeVisible();
  await expectAccessible(page);
  await page.screenshot({ path: "test-results/screens/pec-indicators-drill-down.png" });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: "test-results/screens/pec-indicators-drill-down-390.png" });
});
