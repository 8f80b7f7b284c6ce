import type { Page } from "@playwright/test";
import { expect, expectAccessible, login, test } from "./fixtures";

const shots = async (page: Page, name: string) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `test-results/screens/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
};

test("the platform admin sees the background jobs: the daily jobs done at start-up, none failed", async ({ page }) => {
  await login(page, "admin.plateforme");
  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Tâches de fond", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Tâches de fond");
  // Failed jobs first: none after a clean start.
  await expect(page.getByText("Aucune tâche en échec ces 7 derniers jours.")).toBeVisible();
  await expectAccessible(page);
  // The daily jobs enqueued at start-up ran once each (the first of the day).
  await page.getByLabel("État").selectOption({ label: "Terminée" });
  const table = page.getByRole("table");
  await expect(table.getByRole("cell", { name: "Conservation du journal d’audit", exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(table.getByRole("cell", { name: "Récapitulatif quotidien des professionnels", exact: true })).toHaveCount(1);
  await expect(table.getByRole("cell", { name: "1 sur 5" }).first()).toBeVisible();
  await expectAccessible(page);
  await shots(page, "background-jobs");
});

test("others do not reach the background jobs", async ({ page }) => {
  await login(page, "dpo.basrhin");
  await expect(page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Tâches de fond", exact: true })).toHaveCount(0);
  const status = await page.evaluate(async () => (await fetch("/api/background-jobs")).status);
  expect(status).toBe(403);
});

test("a dead job shows its failure and the button to relaunch it (the list served as the server would)", async ({ page }) => {
  // A dead job cannot be made to happen in the demo: the list is answered here, the relaunch goes to the real server.
  const id = "00000000-0000-4000-8000-000000000029";
  await page.route("**/api/background-jobs?state=failed", (route) =>
    route.fulfill({
      json: {
        counts: { completed: 8, failed: 1 },
        items: [
          {
            id,
            queue: "daily-support-digest",
            label: "Récapitulatif quotidien des professionnels",
            state: "failed",
            attempts: 5,
            maxAttempts: 5,
            createdAt: "2026-11-30T05:00:00.000Z",
            startedAt: "2026-11-30T05:00:01.000Z",
            completedAt: "2026-11-30T07:31:00.000Z",
            error: "Connection timeout",
          },
        ],
      },
    }),
  );
  await login(page, "admin.plateforme");
  await page.goto("/administration/taches-de-fond");
  await expect(page.getByText("Terminée : 8 · En échec (essais épuisés) : 1")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Connection timeout" })).toBeVisible();
  await expect(page.getByRole("cell", { name: "5 sur 5" })).toBeVisible();
  await expectAccessible(page);
  await shots(page, "background-jobs-failed");
  await page.getByRole("button", { name: "Relancer « Récapitulatif quotidien des professionnels »" }).click();
  // The server knows no such job: its French message is shown.
  await expect(page.getByText("Tâche de fond introuvable.")).toBeVisible();
});
