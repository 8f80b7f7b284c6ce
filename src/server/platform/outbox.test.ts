import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../testing/testApp.js";
import { createMailer } from "./mail.js";

/** « Boîte d’envoi »: the platform admin finds a message among many by the start of its recipient's address. */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ demo: true });
  const mailer = createMailer(t.db, { from: "x@y.fr" });
  await t.db.transaction(async (tx) => {
    for (let i = 0; i < 30; i++) await mailer.enqueue(tx, { to: `copil${i}@exemple.fr`, subject: `Échéance ${i}`, text: "…" });
    await mailer.enqueue(tx, { to: "Jeanne.Essai@Metz.fr", subject: "Votre compte Tandem", text: "Lien" });
    await mailer.enqueue(tx, { to: "jeanne_essai@metz.fr", subject: "Homonyme", text: "…" });
    await mailer.enqueue(tx, { to: "copil%@exemple.fr", subject: "Adresse avec %", text: "…" });
  });
});
afterAll(() => t.close());

describe("the outbox", () => {
  it("filters by the start of the recipient's address, whatever the case", async () => {
    const admin = await t.loginAs("admin.plateforme");
    const page = (await admin.get("/api/outbox?to=jeanne.essai@")).json();
    expect(page.total).toBe(1);
    expect(page.items.map((m: { to: string; subject: string }) => [m.to, m.subject])).toEqual([["Jeanne.Essai@Metz.fr", "Votre compte Tandem"]]);
  });

  it("takes % and _ literally", async () => {
    const admin = await t.loginAs("admin.plateforme");
    expect((await admin.get("/api/outbox?to=jeanne_")).json().items.map((m: { to: string }) => m.to)).toEqual(["jeanne_essai@metz.fr"]);
    expect((await admin.get("/api/outbox?to=copil%25")).json().items.map((m: { to: string }) => m.to)).toEqual(["copil%@exemple.fr"]);
  });

  it("pages the filtered list and counts it whole", async () => {
    const admin = await t.loginAs("admin.plateforme");
    const page = (await admin.get("/api/outbox?to=copil&pageSize=20&page=2")).json();
    expect(page.total).toBe(31);
    expect(page.items).toHaveLength(11);
    expect(page.items.every((m: { to: string }) => m.to.startsWith("copil"))).toBe(true);
  });

  it("refuses an address longer than an e-mail address can be, and anyone but the platform admin", async () => {
    const admin = await t.loginAs("admin.plateforme");
    const tooLong = await admin.get(`/api/outbox?to=${"a".repeat(255)}`);
    expect(tooLong.statusCode).toBe(400);
    const other = await t.loginAs("admin.metz");
    expect((await other.get("/api/outbox?to=jeanne")).statusCode).toBe(403);
  });
});
