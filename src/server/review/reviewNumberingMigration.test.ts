import fs from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { Db } from "../platform/db.js";
import { createTestDatabase } from "../testing/testDatabase.js";

/**
 * Migration 008 puts a unique number per (convention, agency) under every review. Reviews
 * numbered before it by the old racy rule may share a number: the migration must renumber
 * them rather than fail on an instance that has some.
 */
let db: Db;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.close());

it("reviews that shared a number before migration 008 get distinct numbers per agency, in date order", async () => {
  const org = async (code: string) => (await db.query<{ id: string }>("INSERT INTO organisations (name, kind, code) VALUES ($1, 'ft_agency', $1) RETURNING id", [code]))[0].id;
  const x = await org("agence-x");
  const y = await org("agence-y");
  const [user] = await db.query<{ id: string }>(
    "INSERT INTO users (organisation_id, email, first_name, last_name, roles, password_hash) VALUES ($1, 'conseiller@agence-x.fr', 'A', 'B', ARRAY['advisor'], 'x') RETURNING id",
    [x],
  );
  const [convention] = await db.query<{ id: string }>("INSERT INTO conventions (number, kind, title, base_terms, ends_on) VALUES ('N-1', 'partnership', 'T', '{}', '2027-01-01') RETURNING id");
  // The database as it was before migration 008.
  await db.exec("DROP TABLE portfolio_review_agencies; ALTER TABLE portfolio_reviews DROP CONSTRAINT portfolio_reviews_numbering_key;");
  const review = (agencies: string[], heldOn: string, sequence: number) =>
    db.query("INSERT INTO portfolio_reviews (convention_id, agency_ids, held_on, sequence, secretariat, status, created_by) VALUES ($1, $2, $3, $4, 'advisor', 'closed', $5)", [
      convention.id,
      agencies,
      heldOn,
      sequence,
      user.id,
    ]);
  await review([x], "2025-01-06", 1);
  await review([x], "2025-02-03", 1); // scheduled at the same time as the one before
  await review([x], "2025-03-03", 2);
  await review([x, y], "2025-04-07", 1);
  await review([y], "2025-05-05", 5);

  await db.transaction((tx) => tx.exec(fs.readFileSync("migrations/008_review_numbering.sql", "utf8")));

  expect(await db.query("SELECT held_on, sequence FROM portfolio_reviews ORDER BY held_on")).toEqual([
    { held_on: "2025-01-06", sequence: 1 },
    { held_on: "2025-02-03", sequence: 2 },
    { held_on: "2025-03-03", sequence: 3 },
    { held_on: "2025-04-07", sequence: 4 },
    { held_on: "2025-05-05", sequence: 5 },
  ]);
  expect(await db.query("SELECT o.code, a.sequence FROM portfolio_review_agencies a JOIN organisations o ON o.id = a.agency_id ORDER BY o.code, a.sequence")).toEqual([
    { code: "agence-x", sequence: 1 },
    { code: "agence-x", sequence: 2 },
    { code: "agence-x", sequence: 3 },
    { code: "agence-x", sequence: 4 },
    { code: "agence-y", sequence: 4 },
    { code: "agence-y", sequence: 5 },
  ]);
  // From now on a second number 5 for agence-y is refused by the database itself.
  await review([y], "2025-06-02", 5);
  const duplicate = db.query(
    "INSERT INTO portfolio_review_agencies (review_id, convention_id, agency_id, sequence) SELECT id, convention_id, $1, sequence FROM portfolio_reviews WHERE held_on = '2025-06-02'",
    [y],
  );
  await expect(duplicate).rejects.toMatchObject({ code: "23505" });
});
