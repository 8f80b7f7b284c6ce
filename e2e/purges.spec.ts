import fs from "node:fs";
import path from "node:path";
import { type APIRequestContext, type Page, request as playwrightRequest } from "@playwright/test";
import { addDays, addMonths, frenchDate, parisToday } from "../src/domain/shared/calendarDate";
import { DEMO_PASSWORD, expect, expectAccessible, login, test } from "./fixtures";

/**
 * Issue 12 — retention with proof (ADR 0032): a list of new registrants received by Troyes
 * Champagne Métropole under its data-exchange annex (003 (annexe) art. 4.2: deleted two months after
 * receipt) appears in the DPO's planned purges with what it will remove; the DPO records a legal
 * hold on it (a date error shown next to its field first) and the purge reads « suspendue ».
 */
const shots = async (page: Page, name: string) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: `test-results/screens/${name}.png`, fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: `test-results/screens/${name}-390.png`, fullPage: true });
  await page.setViewportSize({ width: 1280, height: 900 });
};

const baseURL = `http://localhost:${process.env.E2E_PORT ?? 3100}`;
const seed = (file: string) => fs.readFileSync(path.join("conventions", file), "utf8");
const year = new Date().getFullYear();

async function apiAs(local: string) {
  const api: APIRequestContext = await playwrightRequest.newContext({ baseURL });
  await api.get("/api/session");
  const csrf = async () => (await api.storageState()).cookies.find((c) => c.name === "tandem_csrf")?.value ?? "";
  const post = async (url: string, data: unknown, headers: Record<string, string> = {}) => {
    const res = await api.post(url, { data: data as object, headers: { "x-csrf-token": await csrf(), ...headers } });
    expect(res.ok(), await res.text()).toBe(true);
    return res.json();
  };
  await post("/api/auth/login", { email: `${local}@demo.tandem.fr`, password: DEMO_PASSWORD });
  return { api, post };
}

/** The Troyes annex as it would run today, signed by both parties; returns the annex's id. */
async function troyesAnnexInForce(): Promise<string> {
  const troyes = await apiAs("admin.troyes");
  const ft = await apiAs("admin.ft-troyes");
  const signature = { name: "Signataire", title: "Qualité", signedOn: `${year - 1}-01-02` };
  const importAndSign = async (yaml: string) => {
    const { id } = (await troyes.post("/api/conventions/import", { content: yaml })) as { id: string };
    await ft.post(`/api/conventions/${id}/signatures`, { ...signature, organisation: "ft-troyes" });
    await troyes.post(`/api/conventions/${id}/signatures`, { ...signature, organisation: "troyes-champagne-metropole" });
    return id;
  };
  const period = (yaml: string) => yaml.replace("endsOn: 2020-12-31", `endsOn: ${year + 1}-12-31`);
  await importAndSign(period(seed("troyes-2020-cooperation.yaml").replace("number: TCM-2020", "number: TCM-PURGE").replace("effective: { date: 2020-01-01 }", `effective: { date: ${year - 1}-01-01 }`)));
  const annex = await importAndSign(
    period(
      seed("troyes-2020-echange-donnees.yaml")
        .replace("number: TCM-2020-DONNEES", "number: TCM-PURGE-DONNEES")
        .replace("annexOf: TCM-2020", "annexOf: TCM-PURGE")
        .replace("effective: { rule: last_signature }", `effective: { date: ${year - 1}-01-01 }`),
    ),
  );
  await troyes.api.dispose();
  await ft.api.dispose();
  return annex;
}

/** The partner agent receives the list through the API: upload, background check, confirmation. */
async function receiveList(annexId: string, fileName: string) {
  const agent = await apiAs("agent.troyes");
  const body = Buffer.from(
    [
      "Identifiant;Nom;Prénom;Adresse;Code INSEE;Date d'inscription",
      "5010203A;Lefèvre;Hélène;3 rue de l’Église;10387;02/03/2025",
      "5020304B;Garnier;Louis;12 avenue Foch;10387;15/01/2025",
      "5030405C;Moreau;Inès;5 place du Marché;10387;15/01/2025",
    ].join("\r\n"),
    "utf8",
  );
  const csrf = (await agent.api.storageState()).cookies.find((c) => c.name === "tandem_csrf")?.value ?? "";
  const res = await agent.api.post(`/api/conventions/${annexId}/list-imports/new_registrants?fileName=${encodeURIComponent(fileName)}`, {
    data: body,
    headers: { "content-type": "text/csv", "x-csrf-token": csrf },
  });
  expect(res.status(), await res.text()).toBe(201);
  const { id } = await res.json();
  await expect.poll(async () => (await (await agent.api.get(`/api/list-imports/${id}`)).json()).status, { timeout: 30_000 }).toBe("checked");
  await agent.post(`/api/list-imports/${id}/confirmation`, {});
  await agent.api.dispose();
}

test("the DPO sees the planned purge of a received list, then suspends it with a legal hold", async ({ page }) => {
  test.setTimeout(180_000);
  const annexId = await troyesAnnexInForce();
  await receiveList(annexId, "nouveaux-inscrits-purge.csv");
  const purgeOn = frenchDate(addMonths(parisToday(), 2));

  await login(page, "dpo.troyes");
  await page.getByRole("navigation", { name: "Menu principal" }).getByRole("link", { name: "Purges", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Purges et conservation");
  const planned = page.getByRole("table", { name: /purge(s)? prévue/ });
  const row = planned.getByRole("row", { name: /nouveaux-inscrits-purge\.csv/ });
  await expect(row).toContainText(purgeOn);
  await expect(row).toContainText("3 lignes de la liste");
  await expect(row).toContainText("à venir");
  await expect(row).toContainText("003 (annexe) art. 4.2");
  await expect(row).toContainText("TCM-PURGE-DONNEES");
  await expectAccessible(page);
  await shots(page, "purges-planned");

  // A hold ending before it starts: refused, said next to « Jusqu’au ».
  await page.getByLabel("Ce que la conservation couvre").selectOption({ label: "Une liste reçue" });
  const listField = page.getByLabel("Liste reçue", { exact: true });
  await listField.selectOption((await listField.locator("option", { hasText: "nouveaux-inscrits-purge.csv" }).getAttribute("value")) ?? "");
  await page.getByLabel("Motif").selectOption({ label: "Contentieux" });
  await page.getByLabel("Précisions").fill("Recours n° 2701234 devant le tribunal administratif de Châlons-en-Champagne");
  const until = addDays(parisToday(), 400);
  await page.getByLabel("Jusqu’au").fill(addDays(parisToday(), -1));
  await page.getByRole("button", { name: "Enregistrer la conservation" }).click();
  await expect(page.getByText(/La fin de la conservation doit suivre son début/)).toBeVisible();
  await page.getByLabel("Jusqu’au").fill(until);
  await page.getByRole("button", { name: "Enregistrer la conservation" }).click();
  await expect(page.getByText("Conservation enregistrée : la purge de ce qu’elle couvre est suspendue jusqu’à sa fin.")).toBeVisible();
  await expect(planned.getByRole("row", { name: /nouveaux-inscrits-purge\.csv/ })).toContainText(`suspendue (conservation légale jusqu’au ${frenchDate(until)})`);
  const holds = page.getByRole("table", { name: /conservation(s)? légale/ });
  await expect(holds.getByRole("row", { name: /nouveaux-inscrits-purge\.csv/ })).toContainText("Contentieux");
  await expectAccessible(page);
  await shots(page, "purges-hold");
});
