import { expect, expectAccessible, login, test } from "./fixtures";

test("the calendar feed's address is shown once, then only regenerated", async ({ page }) => {
  await login(page, "pilotage.creuse");
  await page.goto("/echeances");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mes échéances");
  await expect(page.getByLabel("Adresse de mon flux iCalendar")).toHaveCount(0);
  await page.getByRole("button", { name: "Créer l’adresse de mon agenda" }).click();
  const address = page.getByLabel("Adresse de mon flux iCalendar");
  await expect(address).toHaveValue(/\/api\/calendar\/[\w-]{43}\.ics$/);
  const first = await address.inputValue();
  await expect(page.getByText("Copiez cette adresse maintenant dans votre agenda : elle ne sera plus affichée.")).toBeVisible();
  await expectAccessible(page);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.getByRole("heading", { level: 2, name: "Dans mon agenda" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/screens/calendar-feed-shown-${width}.png` });
  }
  await page.setViewportSize({ width: 1280, height: 900 });

  // Back on the page: the address is not shown again, it can only be regenerated (the old one stops working).
  await page.reload();
  await expect(page.getByLabel("Adresse de mon flux iCalendar")).toHaveCount(0);
  await expect(page.getByText("Votre adresse existe déjà.")).toBeVisible();
  await expectAccessible(page);
  for (const width of [1280, 390]) {
    await page.setViewportSize({ width, height: 900 });
    await page.getByRole("heading", { level: 2, name: "Dans mon agenda" }).scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/screens/calendar-feed-existing-${width}.png` });
  }
  await page.getByRole("button", { name: "Régénérer l’adresse" }).click();
  await expect(address).toHaveValue(/\/api\/calendar\/[\w-]{43}\.ics$/);
  expect(await address.inputValue()).not.toBe(first);
  expect((await page.request.get(new URL(first).pathname)).status()).toBe(404);
  expect((await page.request.get(new URL(await address.inputValue()).pathname)).status()).toBe(200);
});
