import { expect, expectAccessible, login, test } from "./fixtures";

test("an implausible date is refused with the rule shown next to its field: an appointment before the entry, a review in 2030", async ({ page }) => {
  await login(page, "conseiller.basrhin");
  // A running case of the advisor's portfolio.
  const portfolio = await (await page.request.get("/api/support/portfolio?status=active&pageSize=1")).json();
  const caseId = portfolio.items[0].id as string;
  await page.goto(`/accompagnements/${caseId}`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Accompagnement de");

  // The appointment form: the case's primary action when the first appointments are due, else one click away.
  await expect(page.getByRole("heading", { level: 2, name: "Autres actions" })).toBeVisible();
  const appointment = page.getByRole("form", { name: "Rendez-vous" });
  if (!(await appointment.isVisible())) await page.locator("section[aria-labelledby=autres-actions]").getByRole("button", { name: "Rendez-vous", exact: true }).click();
  const appointmentRows = page.locator("section[aria-labelledby=rdv] > ul > li");
  const before = await appointmentRows.count();
  await appointment.getByLabel("Date du rendez-vous").fill("2015-03-10");
  await appointment.getByLabel("Présence").selectOption({ label: "La personne est venue" });
  await appointment.getByRole("button", { name: "Enregistrer le rendez-vous" }).click();
  const rule = appointment.getByText(/^Un rendez-vous ne peut pas précéder l’entrée en accompagnement \(\d\d\/\d\d\/\d{4}\)\.$/);
  await expect(rule).toBeVisible();
  // Next to its field, in DSFR error style, and the field has the focus; no code, no raw field name.
  await expect(appointment.locator(".fr-input-group--error")).toHaveCount(1);
  await expect(appointment.getByLabel("Date du rendez-vous")).toBeFocused();
  await expect(appointment.getByRole("alert")).toHaveCount(0);
  await expect(appointment).not.toContainText("scheduledOn");
  await expect(appointmentRows).toHaveCount(before);
  await expectAccessible(page);
  await appointment.screenshot({ path: "test-results/screens/date-rule-appointment.png" });
  await page.setViewportSize({ width: 390, height: 844 });
  await appointment.scrollIntoViewIfNeeded();
  await appointment.screenshot({ path: "test-results/screens/date-rule-appointment-390.png" });
  await page.setViewportSize({ width: 1280, height: 900 });

  // Once the date is right, the appointment is recorded.
  await appointment.getByLabel("Date du rendez-vous").fill(new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date()));
  await appointment.getByRole("button", { name: "Enregistrer le rendez-vous" }).click();
  await expect(appointmentRows).toHaveCount(before + 1);
  await expect(rule).toHaveCount(0);

  // A review in 2030, after the convention ends.
  await page.goto("/revues");
  const conventionSelect = page.getByLabel("Convention");
  await conventionSelect.selectOption((await conventionSelect.locator("option", { hasText: "BAS-RHIN-2021-AG" }).getAttribute("value"))!);
  await page.getByRole("group", { name: /Agences concernées/ }).getByText("France Travail — Agence Strasbourg Meinau").click();
  await page.getByLabel("Date de la revue").fill("2030-06-03");
  await page.getByRole("button", { name: "Préparer la revue" }).click();
  await expect(page.getByText(/^Une revue de portefeuille se tient pendant l’application de la convention n° BAS-RHIN-2021-AG \(du 01\/01\/2021 au 31\/12\/\d{4}\) : le 03\/06\/2030 est en dehors\.$/)).toBeVisible();
  await expect(page.getByLabel("Date de la revue")).toBeFocused();
  await expectAccessible(page);
  await page.locator("form").screenshot({ path: "test-results/screens/date-rule-review.png" });
});
