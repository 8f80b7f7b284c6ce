import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, parisToday } from "../../../domain/shared/calendarDate.js";
import { createTestApp, type TestApp } from "../../testing/testApp.js";
import { runDuePurges } from "./runPurges.js";

/**
 * Issue 12 — a received list's purge deletes the people it alone brought (ADR 0032), but a PEC
 * (candidacy or contract, ADR 0037) or an immersion (PMSMP) justifies a person as a support case does:
 * a person the list created and who then entered one of those programmes is kept, and the journal
 * says why. On the demo: Rouen's PEC contract and immersion people, marked as created by a list.
 */
let t: TestApp;
const today = parisToday();
const one = async <T>(sql: string, params: unknown[] = []) => (await t.db.query<T>(sql, params))[0];
const exists = async (id: string) => (await t.db.query("SELECT 1 FROM job_seekers WHERE id = $1", [id])).length === 1;
const people = { pec: "", immersion: "", alone: "" };
let listId = "";

beforeAll(async () => {
  t = await createTestApp();
  people.pec = (await one<{ id: string }>("SELECT job_seeker_id AS id FROM pec_contracts ORDER BY created_at LIMIT 1")).id;
  people.immersion = (await one<{ id: string }>("SELECT job_seeker_id AS id FROM immersions WHERE job_seeker_id NOT IN (SELECT job_seeker_id FROM pec_candidacies) ORDER BY created_at LIMIT 1")).id;
  people.alone = (
    await one<{ id: string }>(
      "INSERT INTO job_seekers (ft_identifier, last_name, first_name, birth_date, commune_insee, registered_at) VALUES ('9100001A', 'PurgeSeul', 'Test', '1990-05-04', '76540', '2025-01-10') RETURNING id",
    )
  ).id;
  const rouen = (await one<{ id: string }>("SELECT id FROM conventions WHERE number = 'ROUEN-PARTENARIAT'")).id;
  const agent = await one<{ id: string; organisation_id: string }>("SELECT id, organisation_id FROM users WHERE email LIKE 'agent.rouen@%'");
  listId = (
    await one<{ id: string }>(
      `INSERT INTO list_imports (source, convention_id, organisation_id, created_by, file_name, file_format, file_bytes, status, received_at, applied_at, purge_on, purge_rule, rows_total, rows_valid)
       VALUES ('new_registrants', $1, $2, $3, 'inscrits-rouen.csv', 'csv', 1000, 'applied', now() - interval '2 months', now() - interval '2 months', $4, 'Règle de test', 3, 3)
       RETURNING id`,
      [rouen, agent.organisation_id, agent.id, today],
    )
  ).id;
  for (const id of Object.values(people)) {
    const [{ has }] = await t.db.query<{ has: boolean }>("SELECT EXISTS (SELECT 1 FROM support_cases WHERE job_seeker_id = $1) AS has", [id]);
    expect(has).toBe(false); // the programmes alone justify them
    await t.db.query("INSERT INTO list_import_people (import_id, job_seeker_id, created) VALUES ($1, $2, true)", [listId, id]);
  }
}, 120_000);
afterAll(async () => t?.close());

describe("the purge of a received list and the programmes", () => {
  it("keeps the people under a PEC or an immersion, deletes the one the list alone justified, and says so in the journal", async () => {
    await runDuePurges({ db: t.db, batchSize: 2 }, addDays(today, 1));
    expect(await exists(people.alone)).toBe(false);
    expect(await exists(people.pec)).toBe(true);
    expect(await exists(people.immersion)).toBe(true);
    expect((await t.db.query("SELECT 1 FROM pec_contracts WHERE job_seeker_id = $1", [people.pec])).length).toBe(1);
    expect((await t.db.query("SELECT 1 FROM list_import_people WHERE import_id = $1", [listId])).length).toBe(0);
    const journal = await one<{ status: string; counts: Record<string, number>; kept: Record<string, number> }>(
      "SELECT status, counts, kept FROM purge_journal WHERE list_import_id = $1",
      [listId],
    );
    expect(journal).toEqual({ status: "done", counts: { links: 3, people: 1 }, kept: { peopleInSupport: 0, peopleInOtherLists: 0, peopleOnHold: 0, peopleInProgrammes: 2 } });
  });
});
