import { createHash } from "node:crypto";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../app.js";
import { loadConfig } from "../platform/config.js";
import { createMailer } from "../platform/mail.js";
import { createTestApp, type TestApp } from "../testing/testApp.js";

/**
 * The iCalendar feed's address is a credential (calendar applications cannot log in): Tandem keeps
 * only its SHA-256, shows it once, and never writes it to the request log.
 */
let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");
const tokenOf = (feedUrl: string) => /\/api\/calendar\/([\w-]+)\.ics$/.exec(feedUrl)![1];

describe("the iCalendar feed address", () => {
  it("is created on demand, shown once, and kept only as a hash", async () => {
    const creuse = await t.loginAs("pilotage.creuse");
    expect((await creuse.get("/api/calendar")).json()).toMatchObject({ hasFeed: false });
    const created = await creuse.post("/api/calendar/feed");
    expect(created.statusCode, created.body).toBe(200);
    const { feedUrl } = created.json();
    const token = tokenOf(feedUrl);
    expect(token.length).toBeGreaterThanOrEqual(32);

    const page = await creuse.get("/api/calendar");
    expect(page.json().hasFeed).toBe(true);
    expect(page.body).not.toContain(token);
    const [row] = await t.db.query<Record<string, unknown>>("SELECT * FROM users WHERE email = 'pilotage.creuse@demo.tandem.fr'");
    expect(row.calendar_token_hash).toBe(sha256(token));
    expect(JSON.stringify(row)).not.toContain(token);

    const feed = await t.client().get(new URL(feedUrl).pathname);
    expect(feed.statusCode).toBe(200);
    expect(feed.body).toContain("SUMMARY:CREUSE-2023-AG");
    // Only the hash is stored: the hash itself opens nothing.
    expect((await t.client().get(`/api/calendar/${sha256(token)}.ics`)).statusCode).toBe(404);
  });

  it("« Régénérer l'adresse » gives a new address and the old one stops working at once", async () => {
    const creuse = await t.loginAs("pilotage.creuse");
    const first = (await creuse.post("/api/calendar/feed")).json().feedUrl;
    const second = (await creuse.post("/api/calendar/feed")).json().feedUrl;
    expect(second).not.toBe(first);
    expect((await t.client().get(new URL(first).pathname)).statusCode).toBe(404);
    expect((await t.client().get(new URL(second).pathname)).statusCode).toBe(200);
    const [event] = await t.db.query<{ action: string; details: Record<string, unknown> }>(
      "SELECT action, details FROM audit_events WHERE actor_user_id = (SELECT id FROM users WHERE email = 'pilotage.creuse@demo.tandem.fr') AND action = 'calendar.feed_created' ORDER BY id DESC LIMIT 1",
    );
    expect(event).toEqual({ action: "calendar.feed_created", details: { replacedPrevious: true } });
    expect(JSON.stringify(event)).not.toContain(tokenOf(second));
  });

  it("lists only the deadlines of conventions the policy lets the user read", async () => {
    const creuse = await t.loginAs("pilotage.creuse");
    const feed = (await t.client().get(new URL((await creuse.post("/api/calendar/feed")).json().feedUrl).pathname)).body;
    expect(feed).toContain("CREUSE-2023-AG");
    expect(feed).not.toMatch(/BAS-RHIN|METZ|TROYES|ROUEN/);
  });
});

describe("the request log", () => {
  it("never contains the feed's secret: its URL is written /api/calendar/***.ics", async () => {
    const lines: string[] = [];
    const stream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const config = { ...loadConfig({ NODE_ENV: "test" }), logLevel: "info" as const };
    const logged = await buildApp({ db: t.db, config, mailer: createMailer(t.db, { from: config.mailFrom }) }, { logStream: stream });
    await logged.ready();
    try {
      const creuse = await t.loginAs("pilotage.creuse");
      const token = tokenOf((await creuse.post("/api/calendar/feed")).json().feedUrl);
      expect((await logged.inject({ method: "GET", url: `/api/calendar/${token}.ics` })).statusCode).toBe(200);
      expect((await logged.inject({ method: "GET", url: `/api/calendar/${token}x.ics?x=1` })).statusCode).toBe(404);
      const log = lines.join("");
      expect(log).toContain('"url":"/api/calendar/***.ics"');
      expect(log).toContain('"url":"/api/calendar/***.ics?x=1"');
      expect(log).not.toContain(token);
    } finally {
      await logged.close();
    }
  });
});
