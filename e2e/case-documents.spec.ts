import { expect, expectAccessible, login, test } from "./fixtures";

test("a social worker files a social document on a case; the advisor of the pair never sees it", async ({ page }) => {
  await login(page, "social.strasbourg");
  await page.getByRole("link", { name: "Mon portefeuille" }).first().click();
  await page.locator("main table a").first().click();
  await expect(page.getByRole("heading", { level: 2, name: "Documents" })).toBeVisible();
  const caseUrl = new URL(page.url()).pathname;
  await page.getByLabel("Joindre un document").setInputFiles({ name: "evaluation-sociale.txt", mimeType: "text/plain", buffer: Buffer.from("Hébergement d’urgence depuis mars.") });
  await page.getByLabel("Visible par (document)").selectOption({ label: "Travailleurs sociaux seulement (secret professionnel)" });
  await page.getByRole("button", { name: "Joindre le document" }).click();
  await expect(page.getByRole("link", { name: "evaluation-sociale.txt" })).toBeVisible();
  await page.getByLabel("Joindre un document").setInputFiles({ name: "cv.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4") });
  await page.getByLabel("Visible par (document)").selectOption({ index: 0 });
  await page.getByRole("button", { name: "Joindre le document" }).click();
  await expect(page.getByRole("link", { name: "cv.pdf" })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  await login(page, "conseiller.basrhin");
  await page.goto(caseUrl);
  await expect(page.getByRole("link", { name: "cv.pdf" })).toBeVisible();
  await expect(page.getByText("evaluation-sociale.txt")).toHaveCount(0);
});
