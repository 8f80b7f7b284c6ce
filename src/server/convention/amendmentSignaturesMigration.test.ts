import fs from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Db } from "../platform/db.js";
import { createTestDatabase } from "../testing/testDatabase.js";

/**
 * Migration 011 (ADR 0008, « Avenants »): no amendment recorded before it was signed by every
 * party in Tandem. On an instance that has some, each becomes a proposal awaiting the parties
 * acting on its date, and the convention's dates go back to its signed terms.
 */
let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

it("an amendment recorded before migration 011 becomes a proposal awaiting the parties acting on its date; the convention's end goes back to its signed terms", async () => {
  const org = async (code: string, kind: string) => (await db.query<{ id: string }>("INSERT INTO organisations (name, kind, code) VALUES ($1, $2, $1) RETURNING id", [code, kind]))[0].id;
  const ft = await org("agence-x", "ft_agency");
  const before = await org("departement-y", "departement");
  const after = await org("collectivite-z", "departement");
  // The database as it was before migration 011.
  await db.exec(`
    DROP TABLE convention_amendment_signatures;
    ALTER TABLE convention_amendments DROP COLUMN stated_signed_on, DROP COLUMN signing_parties;
    ALTER TABLE convention_events DROP CONSTRAINT convention_events_kind_check;
    ALTER TABLE convention_events ADD CONSTRAINT convention_events_kind_check CHECK (kind IN ('imported','signature','amendment','termination_notice','succession','commitment_value','payment'));`);
  const terms = { period: { effective: { date: "2021-01-01" }, endsOn: "2021-12-31" } };
  const [convention] = await db.query<{ id: string }>(
    "INSERT INTO conventions (number, kind, title, base_terms, effective_on, ends_on, signed_on) VALUES ('N-1', 'partnership', 'T', $1, '2021-01-01', '2027-12-31', '2020-12-18') RETURNING id",
    [JSON.stringify(terms)],
  );
  await db.query(
    `INSERT INTO convention_parties (convention_id, organisation_id, side, valid_from, valid_to, succeeds, signatory) VALUES
       ($1, $2, 'france_travail', NULL, NULL, NULL, true), ($1, $3, 'partner', NULL, '2021-06-01', NULL, true), ($1, $4, 'partner', '2021-06-01', NULL, $3, false)`,
    [convention.id, ft, before, after],
  );
  await db.query(
    "INSERT INTO convention_amendments (convention_id, number, signed_on, effective_on, summary, changes) VALUES ($1, 'AV-1', '2021-11-30', '2021-12-31', 'Prolongation', $2)",
    [convention.id, JSON.stringify({ period: { endsOn: "2027-12-31" } })],
  );

  await db.transaction((tx) => tx.exec(fs.readFileSync("migrations/011_amendment_signatures.sql", "utf8")));

  const [amendment] = await db.query<{ signed_on: string | null; stated_signed_on: string; signing_parties: string[] }>(
    "SELECT signed_on, stated_signed_on, signing_parties FROM convention_amendments",
  );
  expect(amendment).toEqual({ signed_on: null, stated_signed_on: "2021-11-30", signing_parties: [ft, after].sort() });
  expect(await db.query("SELECT effective_on, ends_on, signed_on FROM conventions")).toEqual([{ effective_on: "2021-01-01", ends_on: "2021-12-31", signed_on: "2020-12-18" }]);
  // The history accepts the new kinds of lines.
  await db.query("INSERT INTO convention_events (convention_id, kind, occurred_on) VALUES ($1, 'amendment_signature', '2026-01-01')", [convention.id]);
});
