import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../testing/testDatabase.js";
import { type Db, openServer } from "./db.js";
import { createMailer } from "./mail.js";

const url = process.env.DATABASE_URL;

// Two dispatchers = two instances of the application: two pools on the same server database.
describe.skipIf(!url)("two mail dispatchers on one PostgreSQL server", () => {
  let db: Db;
  let other: Db;
  let server: SMTPServer;
  let port: number;
  const received: string[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    const [{ name }] = await db.query<{ name: string }>("SELECT current_database() AS name");
    const sameDatabase = new URL(url as string);
    sameDatabase.pathname = `/${name}`;
    other = openServer(sameDatabase.toString());
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      onData(stream, session, callback) {
        stream.on("data", () => {});
        stream.on("end", () => {
          received.push(session.envelope.rcptTo.map((r) => r.address).join(","));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await other.close();
    await db.close();
  });

  it("send each queued message once", async () => {
    const smtpUrl = `smtp://127.0.0.1:${port}?ignoreTLS=true`;
    const a = createMailer(db, { smtpUrl, from: "tandem@exemple.fr" });
    const b = createMailer(other, { smtpUrl, from: "tandem@exemple.fr" });
    await db.transaction(async (tx) => {
      for (let i = 1; i <= 30; i++) await a.enqueue(tx, { to: `p${i}@exemple.fr`, subject: `Message ${i}`, text: "Bonjour" });
    });
    const [sentByA, sentByB] = await Promise.all([a.dispatch(), b.dispatch()]);
    expect(sentByA + sentByB).toBe(30);
    expect(received).toHaveLength(30);
    expect(new Set(received).size).toBe(30);
    const [counts] = await db.query<{ sent: string; other: string }>(
      "SELECT count(*) FILTER (WHERE status = 'sent') AS sent, count(*) FILTER (WHERE status <> 'sent') AS other FROM emails",
    );
    expect(counts).toEqual({ sent: "30", other: "0" });
  });

  it("a claim left by a dispatcher stopped mid-send is marked failed, never sent again", async () => {
    const mailer = createMailer(db, { smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`, from: "tandem@exemple.fr" });
    await db.query("INSERT INTO emails (to_address, subject, body_text, status, claimed_at) VALUES ('stale@exemple.fr', 'Ancien', '…', 'sending', now() - interval '20 minutes')");
    expect(await mailer.dispatch()).toBe(0);
    const [row] = await db.query<{ status: string; error: string }>("SELECT status, error FROM emails WHERE to_address = 'stale@exemple.fr'");
    expect(row).toEqual({ status: "failed", error: "Envoi interrompu : le message a pu partir, il n’est pas renvoyé." });
    expect(received).not.toContain("stale@exemple.fr");
  });
});
