import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase } from "../testing/testDatabase.js";
import type { Db } from "./db.js";
import { createMailer } from "./mail.js";

let db: Db;
let server: SMTPServer;
let port: number;
const received: { to: string; data: string }[] = [];

beforeAll(async () => {
  db = await createTestDatabase();
  // A real SMTP server on loopback: the mailer talks the protocol, nothing is mocked.
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    onData(stream, session, callback) {
      let data = "";
      stream.on("data", (chunk) => {
        data += chunk;
      });
      stream.on("end", () => {
        received.push({ to: session.envelope.rcptTo.map((r) => r.address).join(","), data });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.server.address() as AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await db.close();
});

describe("e-mail", () => {
  it("without SMTP_URL, keeps every message in the outbox", async () => {
    const mailer = createMailer(db, { from: "Tandem <no-reply@tandem.local>" });
    await db.transaction((tx) => mailer.enqueue(tx, { to: "a@exemple.fr", subject: "Bonjour", text: "Texte" }));
    const [row] = await db.query<{ status: string }>("SELECT status FROM emails WHERE to_address = 'a@exemple.fr'");
    expect(row.status).toBe("outbox");
    expect(await mailer.dispatch()).toBe(0);
  });

  it("with SMTP_URL, sends through the SMTP server and records it as sent", async () => {
    const mailer = createMailer(db, { smtpUrl: `smtp://127.0.0.1:${port}?ignoreTLS=true`, from: "Tandem <no-reply@tandem.local>" });
    await db.transaction((tx) => mailer.enqueue(tx, { to: "b@exemple.fr", subject: "Échéance proche", text: "Une échéance approche." }));
    expect(await mailer.dispatch()).toBe(1);
    expect(received.at(-1)?.to).toBe("b@exemple.fr");
    expect(received.at(-1)?.data).toContain("Une =C3=A9ch=C3=A9ance approche.");
    const [row] = await db.query<{ status: string; sent_at: Date | null }>("SELECT status, sent_at FROM emails WHERE to_address = 'b@exemple.fr'");
    expect(row.status).toBe("sent");
    expect(row.sent_at).not.toBeNull();
  });

  it("a message enqueued in a transaction that rolls back is never recorded nor sent", async () => {
    const mailer = createMailer(db, { from: "x@y.fr" });
    await expect(
      db.transaction(async (tx) => {
        await mailer.enqueue(tx, { to: "c@exemple.fr", subject: "Annulé", text: "..." });
        throw new Error("échec de la modification");
      }),
    ).rejects.toThrow();
    expect(await db.query("SELECT 1 FROM emails WHERE to_address = 'c@exemple.fr'")).toHaveLength(0);
  });
});
