import fs from "node:fs";
import type { Page } from "@playwright/test";
import ExcelJS from "exceljs";
import { periodContaining, previousPeriod } from "../src/domain/indicators/periods";
import { parisToday } from "../src/domain/shared/calendarDate";
import { pdfText } from "../src/server/testing/pdfText";
import { expect, expectAccessible, login, test } from "./fixtures";

/**
 * The steering dashboard of ADR 0033 on the demo: the Bas-Rhin convention's last complete quarter (the
 * current one may have no entry yet in its first days: the demo's entries are 12, 40 and 100 days old), its entries by
 * origin, the cases behind a figure (counted, masked under 5: a steering user reads no case), the
 * XLSX read back; a steering user of the Creuse, not a party, sees none of it.
 */
const shots = async (page: Page, name: string) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `test-results/screens/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
};

test("a Bas-Rhin steering user reads the quarter's indicators, drills down and downloads them; the Creuse's cannot", async ({ page }) => {
  test.setTimeout(300_000);
  await login(page, "pilotage.basrhin");
  const conventionId = await page.evaluate(async () => {
    const list = (await (await fetch("/api/conventions")).json()) as { items: { id: string; number: string }[] };
    return list.items.find((c) => c.number === "BAS-RHIN-2021-AG")?.id ?? "";
  });
  await page.goto(`/conventions/${conventionId}#indicateurs`);
  await page.getByRole("link", { name: "Tableau de bord des indicateurs" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Indicateurs — BAS-RHIN-2021-AG");
  const quarter = previousPeriod(periodContaining("quarter", parisToday()));
  await page.getByRole("combobox", { name: "Période" }).selectOption({ label: quarter.label });
  await expect(page.getByRole("table", { name: new RegExp(`Synthèse — ${quarter.label}`) })).toBeVisible();

  const summary = page.getByRole("table", { name: /Synthèse/ });
  await expect(summary.getByRole("rowheader", { name: /Orientations par origine/ })).toBeVisible();
  await expect(summary.getByRole("row", { name: /Rapport annuel d’évaluation/ })).toContainText("Données non disponibles dans Tandem");

  // Entries by origin, in the origin section's breakdown.
  const origins = page.getByRole("region", { name: "Orientations par origine" });
  await origins.getByRole("button", { name: /^Origine de l’orientation —/ }).click();
  const byOrigin = origins.getByRole("table", { name: "Orientations par origine — Origine de l’orientation" });
  type Board = {
    indicators: { key: string; series: { cell: { value: number | null } }[]; breakdowns: { dim: string; rows: { label: string; cell: { display: string } }[] }[] }[];
  };
  const dashboard = await page.evaluate(async ({ id, key }) => (await (await fetch(`/api/conventions/${id}/indicators?period=${key}`)).json()) as Board, { id: conventionId, key: quarter.key });
  const originRows = dashboard.indicators.find((i) => i.key === "origine_orientations")?.breakdowns.find((b) => b.dim === "origin")?.rows ?? [];
  expect(originRows.length).toBeGreaterThan(0);
  for (const r of originRows) await expect(byOrigin.getByRole("row", { name: `${r.label} ${r.cell.display} — voir les accompagnements` })).toBeVisible();
  await expectAccessible(page);
  await shots(page, "indicators-dashboard");

  // Drill down from the quarter's entries: counts only, small cells masked.
  const entries = dashboard.indicators.find((i) => i.key === "entrees")?.series.at(-1)?.cell.value ?? 0;
  expect(entries).toBeGreaterThan(0);
  await summary.getByRole("button", { name: /Entrées en accompagnement global : .*, voir les accompagnements/ }).click();
  const drill = page.getByRole("heading", { name: /Accompagnements derrière « Entrées en accompagnement global »/ });
  await expect(drill).toBeVisible();
  await expect(page.getByText(/vous n’avez pas accès à ces dossiers/)).toBeVisible();
  await expectAccessible(page);
  await shots(page, "indicators-drill-down");

  // The territory filter: the figures of the people living in the Eurométropole, said in the synthesis.
  await page.getByRole("combobox", { name: /^Territoire/ }).selectOption({ label: "Eurométropole de Strasbourg" });
  await expect(page.getByRole("table", { name: /Synthèse — .* \(Eurométropole de Strasbourg\)/ })).toBeVisible();
  // The cases behind a filtered figure say the filter too.
  await summary.getByRole("button", { name: /Entrées en accompagnement global : .*, voir les accompagnements/ }).click();
  await expect(page.getByRole("heading", { name: /Accompagnements derrière « Entrées en accompagnement global » — .* \(Eurométropole de Strasbourg\)$/ })).toBeVisible();
  await shots(page, "indicators-territory-filter");
  await page.getByRole("combobox", { name: /^Territoire/ }).selectOption({ label: "Toutes les intercommunalités" });
  await expect(page.getByRole("table", { name: /Synthèse — .*précédentes$/ })).toBeVisible();

  // The XLSX: a definitions sheet, one sheet per indicator; the quarter's entries as on the page.
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: /Télécharger les indicateurs/ }).click();
  const file = await (await download).path();
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(fs.readFileSync(file) as unknown as ArrayBuffer);
  expect(workbook.getWorksheet("Définitions")?.getRow(6).getCell(1).value).toBe("entrees");
  const sheet = workbook.worksheets.find((w) => w.name.startsWith("Entrées en accompagnement"));
  // Rows 5 to 8: the four quarters, the selected one last.
  expect(sheet?.getRow(8).getCell(2).value).toBe(entries);

  // The CSV: French (BOM, « ; »), one row per indicator × period × breakdown value; the quarter's entries as on the page.
  const csvDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: /Télécharger les chiffres \(CSV/ }).click();
  const csv = fs.readFileSync((await (await csvDownload).path()) ?? "", "utf8");
  expect(csv.startsWith("\uFEFFClé;Indicateur;Version de la définition;")).toBe(true);
  const entriesRow = csv.split("\r\n").find((l) => l.startsWith(`entrees;Entrées en accompagnement global;1;personnes;${quarter.label};`) && l.includes(";Total;"));
  expect(entriesRow?.split(";")[9]).toBe(String(entries));

  // The commitment of 70 active cases per advisor (002 art. 3.2): the target against each quarter.
  const perAdvisor = page.getByRole("region", { name: "Accompagnements en cours par conseiller" });
  await expect(perAdvisor.getByText(/Engagement de la convention.*au moins 70 par conseiller/)).toBeVisible();
  const againstTarget = perAdvisor.getByRole("table", { name: "Valeurs par période" });
  await expect(againstTarget.getByRole("columnheader", { name: "Engagement : au moins 70 par conseiller" })).toBeVisible();
  await expect(againstTarget.getByText(/^(Atteint|Non atteint|Données non disponibles)$/).first()).toBeVisible();
  await perAdvisor.scrollIntoViewIfNeeded();
  await shots(page, "indicators-commitment");

  // The steering committee's PDF report: the convention, the quarter's entries above their bar, the definitions' versions.
  const pdfDownload = page.waitForEvent("download");
  await page.getByRole("link", { name: /Télécharger le rapport du comité de pilotage/ }).click();
  const pdf = fs.readFileSync((await (await pdfDownload).path()) ?? "");
  expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
  const text = pdfText(pdf);
  expect(text).toContain("Rapport au comité de pilotage");
  expect(text).toContain("Convention n°\u00a0BAS-RHIN-2021-AG");
  expect(text).toMatch(new RegExp(`Entrées en accompagnement global \\(personnes\\) Définition version 1\\. .* ${entries} `));
  // The definitions' pages (« clé entrees, version 1 ») are checked by indicators.test.ts on a small data set.

  await page.getByRole("button", { name: /Se déconnecter|Déconnexion/ }).first().click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Connexion à Tandem");
  await login(page, "pilotage.creuse");
  await page.goto(`/conventions/${conventionId}/indicateurs`);
  await expect(page.getByText("Les indicateurs d’une convention sont réservés au pilotage de ses parties.")).toBeVisible();
  await expect(page.getByRole("table", { name: /Synthèse/ })).toHaveCount(0);
  await shots(page, "indicators-refused");
});

test("a France Travail territorial director sees the conventions of the territory side by side", async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, "pilotage.ft-rouen");
  await page.goto("/indicateurs/territoire");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Indicateurs du territoire");
  await expect(page.getByText("France Travail — Direction territoriale Seine-Maritime : les conventions où la direction ou ses agences agissent.")).toBeVisible();
  const table = page.getByRole("table", { name: /Chiffres principaux/ });
  await expect(table.getByRole("columnheader", { name: "Entrées en accompagnement global (personnes)" })).toBeVisible();
  await expectAccessible(page);
  await shots(page, "indicators-territory");
});
