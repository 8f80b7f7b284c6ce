import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { countStatements, type StatementCounter } from "../testing/statementCounter.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";

/**
 * How many SQL statements each listed route sends per request (issue 15), counted through the `Db`
 * interface the application is given: a route that starts sending one more statement (a query per
 * item, per participant, per row) fails here, on the demo data, whatever the database.
 * The budgets are the counts the routes had when this test was written; lower them when a route
 * gets cheaper. Where the issue asks for less, its target is written next to the budget.
 * Speed itself is measured by `npm run bench`, never by a timed assertion.
 */

/**
 * The review page, whatever its agenda, its page and its filters: session, the review, its partner
 * parties (who takes part), the page of items with their cases (persons, pair names) and decisions,
 * the header (the agenda's counts, the filtered total, the convention's number, the agencies, the
 * documents, the pair members, the reader's cases on the agenda), the distribution list in 3 (the
 * terms, the listed staff, the acting parties) and the audit row. It was 12 when the page held
 * the whole agenda (its items, then its decisions, then the convention, agencies and documents apart).
 */
const REVIEW_PAGE_STATEMENTS = 9;

/**
 * The routes added by issues 11, 12, 13 and 14 (issue 15's budgets for them): each is measured with
 * 2 and with 20 items of its page — services, meetings, agenda items and actions, register rows,
 * purge rows, a list's reported lines, cases — and must send the same statements both times.
 * The budgets are the counts measured when they were written.
 */
/** Session, the convention's terms and the indicators' figures for the period, by agency and breakdown. Helper B's route: measured, not changed here. */
const INDICATOR_DASHBOARD_STATEMENTS = 20;
/** Session, the convention, the cases of the cell in one statement, the hidden counts, the audit row. */
const INDICATOR_DRILL_DOWN_STATEMENTS = 5;
/**
 * Session, the caller's conventions, their periods (one statement), their parties (one), the page,
 * the caller's structures. It read each convention's period and parties one by one before (2 per convention).
 */
const DIRECTORY_SEARCH_STATEMENTS = 6;
const DIRECTORY_SHEET_STATEMENTS = 5;
const GOVERNANCE_OVERVIEW_STATEMENTS = 8;
/**
 * The meeting page: bounded by its items (agenda items, decisions, actions, invitees each in one
 * statement), but 41 statements, most of them its figures (the indicators of the period computed
 * for the agenda, meetingFigures): to lower when the indicators expose one reading of all their figures.
 */
const GOVERNANCE_MEETING_STATEMENTS = 41;
const RIGHTS_REGISTER_STATEMENTS = 3;
const BREACH_REGISTER_STATEMENTS = 3;
const LIST_REPORT_STATEMENTS = 5;
const LIST_IMPORT_STATEMENTS = 4;
/** The purges page: the planned purges, the journal, the legal holds… 16 whatever the journal's length. */
const PURGES_PAGE_STATEMENTS = 16;

let t: TestApp;
let counter!: StatementCounter;
let advisor: TestClient;
let socialWorker: TestClient;
let dpo: TestClient;
let caseId: string;
let reviewId: string;
let reviewItems: number;
let indicatorUrls: string[] = [];
let indicatorCounts: number[] = [];
let casesBefore = 0;
let steeringFt: TestClient;

beforeAll(async () => {
  t = await createTestApp({
    wrapDb: (db) => {
      counter = countStatements(db);
      return counter.db;
    },
  });
  advisor = await t.loginAs("conseiller.basrhin");
  socialWorker = await t.loginAs("social.basrhin");
  dpo = await t.loginAs("dpo.basrhin");
  const portfolio = await advisor.get("/api/support/portfolio");
  expect(portfolio.statusCode, portfolio.body).toBe(200);
  caseId = portfolio.json().items[0].id;
  const [convention] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'BAS-RHIN-2021-AG'");
  const [agency] = await t.db.query<{ id: string }>("SELECT id FROM organisations WHERE code = 'ft-strasbourg'");
  const scheduled = await advisor.post("/api/reviews", { conventionId: convention.id, agencyIds: [agency.id], heldOn: parisToday() });
  expect(scheduled.statusCode, scheduled.body).toBe(201);
  reviewId = scheduled.json().id;
  [{ n: reviewItems }] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM portfolio_review_items WHERE review_id = $1", [reviewId]);
}, 120_000);

afterAll(async () => {
  await t?.close();
});

/**
 * Round trips of one request to the database: its statements, plus BEGIN and COMMIT of each
 * transaction it opens (each is a round trip too). The route has answered once before (a session
 * touched on its first use is not the route's cost).
 */
async function statementsOf(client: TestClient | null, url: string): Promise<number> {
  const send = () => (client ? client.get(url) : t.app.inject({ method: "GET", url }));
  const first = await send();
  expect(first.statusCode, first.body).toBe(200);
  const { result, statements, transactions } = await counter.measure(send);
  expect(result.statusCode, result.body).toBe(200);
  return statements.length + 2 * transactions;
}

describe("statements per request of the routes of issue 15 (demo data)", () => {
  it("the bare route sends one statement", async () => {
    expect(await statementsOf(null, "/api/health")).toBe(1);
  });

  it("« Mon portefeuille » stays within its budget, for an advisor and for a social worker", async () => {
    // 9 before issue 15's work (the conventions' terms in 3 per convention, the page, the load and the
    // partners apart, in a transaction: 11 round trips); now 4 whatever the portfolio: session, the user's
    // conventions with their terms, the page with its count, the load and the partners in one statement,
    // the audit row (group-committed with other reads' rows, no transaction of its own).
    expect(await statementsOf(advisor, "/api/support/portfolio")).toBeLessThanOrEqual(4);
    expect(await statementsOf(socialWorker, "/api/support/portfolio")).toBeLessThanOrEqual(4);
    expect(await statementsOf(advisor, "/api/support/portfolio?status=exited&pageSize=5")).toBeLessThanOrEqual(4);
  });

  it("the case page stays within its budget", async () => {
    // 24 before issue 15's work (the policy's facts three times over, each name, each list apart, in a
    // transaction: 26 round trips); now 5, no transaction,
    // whatever the case holds: session, the case with its person, names and policy facts, the terms of
    // its convention, every list of the page (barriers, appointments, notes, documents, timeline), the audit row.
    expect(await statementsOf(advisor, `/api/support/cases/${caseId}`)).toBeLessThanOrEqual(5);
    expect(await statementsOf(socialWorker, `/api/support/cases/${caseId}`)).toBeLessThanOrEqual(5);
  });

  it("the review agenda and the review page stay within their budgets", async () => {
    // The agenda list asked the parties of each review's convention once per review; now once for the
    // whole list: 3 (session, the list, the partner parties of every listed review on its day).
    expect(await statementsOf(advisor, "/api/reviews")).toBeLessThanOrEqual(3);
    // The demo review lists 11 cases. Its page cost about 10 statements per case (each case's policy
    // facts and each participant read one by one): 119 at 11 items, 10 577 at 436 items in the bench.
    // Now REVIEW_PAGE_STATEMENTS whatever the agenda (see the test at the end of this file).
    expect(reviewItems).toBe(11);
    expect(await statementsOf(advisor, `/api/reviews/${reviewId}`)).toBeLessThanOrEqual(REVIEW_PAGE_STATEMENTS);
  });

  it("the job-seeker search, the conventions register and the audit search stay within their budgets", async () => {
    // The search read each result's open case and asked the policy per case (16 statements for this
    // page, 13 in the bench); it now reads the page with its open cases' facts in one statement and
    // the parties of their conventions in one more: 8 here (session, the user's conventions 4, the
    // page, the audit row, the parties), the same whatever the page.
    expect(await statementsOf(advisor, "/api/job-seekers?q=ma")).toBeLessThanOrEqual(5);
    // Bounded whatever the page: 200 results cost what 50 do (no statement per result).
    expect(await statementsOf(advisor, "/api/job-seekers?q=ma&pageSize=200")).toBeLessThanOrEqual(5);
    expect(await statementsOf(advisor, "/api/conventions")).toBeLessThanOrEqual(2);
    expect(await statementsOf(dpo, "/api/audit-events")).toBeLessThanOrEqual(3);
  });

  it("the indicators dashboard and drill-down stay within their budgets (the demo's cases; compared with many more at the end)", async () => {
    const [{ id: conventionId }] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'BAS-RHIN-2021-AG'");
    indicatorUrls = [`/api/conventions/${conventionId}/indicators`, `/api/conventions/${conventionId}/indicators/accompagnements_en_cours/cases`];
    steeringFt = await t.loginAs("pilotage.ft-basrhin");
    casesBefore = await activeCases(conventionId);
    indicatorCounts = [];
    for (const url of indicatorUrls) indicatorCounts.push(await statementsOf(steeringFt, url));
    expect(indicatorCounts[0]).toBeLessThanOrEqual(INDICATOR_DASHBOARD_STATEMENTS);
    expect(indicatorCounts[1]).toBeLessThanOrEqual(INDICATOR_DRILL_DOWN_STATEMENTS);
  });

  // Last: it grows the demo review (more cases, more pair members, a decision) and adds reviews.
  it("the review page and the agenda list cost the same at 11 items and at many more, whatever the participants", async () => {
    const atEleven = await statementsOf(advisor, `/api/reviews/${reviewId}`);
    const listOfOne = await statementsOf(advisor, "/api/reviews");
    const [review] = await t.db.query<{ convention_id: string; held_on: string }>("SELECT convention_id, held_on FROM portfolio_reviews WHERE id = $1", [reviewId]);
    // Twelve more pairs, each a participant of its own cases (the page once read each participant on its own).
    await t.db.query(
      `INSERT INTO users (organisation_id, email, first_name, last_name, roles)
       SELECT (SELECT organisation_id FROM users WHERE email = $1), 'conseiller.echelle' || g || '@demo.tandem.fr', 'Conseiller', 'Échelle ' || g, ARRAY['advisor']
         FROM generate_series(1, 12) g
       UNION ALL
       SELECT (SELECT organisation_id FROM users WHERE email = $2), 'social.echelle' || g || '@demo.tandem.fr', 'Travailleur social', 'Échelle ' || g, ARRAY['social_worker']
         FROM generate_series(1, 12) g`,
      ["conseiller.basrhin@demo.tandem.fr", "social.basrhin@demo.tandem.fr"],
    );
    const added = await t.db.query<{ id: string }>(
      `WITH people AS (
         SELECT js.id, row_number() OVER (ORDER BY js.ft_identifier) AS n FROM job_seekers js
          WHERE js.commune_insee LIKE '67%' AND NOT EXISTS (SELECT 1 FROM support_cases x WHERE x.job_seeker_id = js.id)
          ORDER BY js.ft_identifier LIMIT 80),
       advisors AS (SELECT id, organisation_id, row_number() OVER (ORDER BY email) - 1 AS n FROM users WHERE email LIKE 'conseiller.echelle%'),
       workers AS (SELECT id, row_number() OVER (ORDER BY email) - 1 AS n FROM users WHERE email LIKE 'social.echelle%')
       INSERT INTO support_cases (job_seeker_id, convention_id, status, origin, oriented_on, oriented_by, orienter_organisation_id,
                                  consent_given_on, consent_method, diagnosis_kind, diagnosis_on, advisor_id, social_worker_id,
                                  entered_on, period_ends_on, max_ends_on)
       SELECT p.id, $1, 'active', 'france_travail', $2::date - 200, a.id, a.organisation_id, $2::date - 200, 'in_person', 'shared', $2::date - 190,
              a.id, w.id, $2::date - 170, $2::date + 10, $2::date + 370
         FROM people p JOIN advisors a ON a.n = p.n % 12 JOIN workers w ON w.n = (p.n + 5) % 12
       RETURNING id`,
      [review.convention_id, review.held_on],
    );
    expect(added.length).toBeGreaterThanOrEqual(60);
    await t.db.query(
      `INSERT INTO portfolio_review_items (review_id, case_id, reasons, position)
       SELECT $1, c, ARRAY['added_by_participant'], 100 + n FROM unnest($2::uuid[]) WITH ORDINALITY AS a(c, n)`,
      [reviewId, added.map((a) => a.id)],
    );
    await t.db.query(
      `INSERT INTO portfolio_review_decisions (review_id, case_id, version, kind, note, decided_by)
       SELECT $1, c, 1, 'other', 'Point fait', (SELECT id FROM users WHERE email = 'conseiller.basrhin@demo.tandem.fr') FROM unnest($2::uuid[]) AS c`,
      [reviewId, added.slice(0, 20).map((a) => a.id)],
    );
    const [{ n: items }] = await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM portfolio_review_items WHERE review_id = $1", [reviewId]);
    expect(items).toBeGreaterThanOrEqual(71);
    const page = (await advisor.get(`/api/reviews/${reviewId}?pageSize=200`)).json();
    expect(page.items).toHaveLength(items);
    expect(page.counts.items).toBe(items);
    // The new pair members are on the distribution list, each with their own cases.
    expect(page.distribution[0].recipients).toEqual(expect.arrayContaining(["conseiller.echelle1@demo.tandem.fr", "social.echelle1@demo.tandem.fr"]));
    expect(await statementsOf(advisor, `/api/reviews/${reviewId}`)).toBe(atEleven);
    // Any page, any page size, any filter: the same statements (each page bounded by its size).
    expect(await statementsOf(advisor, `/api/reviews/${reviewId}?page=2`)).toBe(atEleven);
    expect(await statementsOf(advisor, `/api/reviews/${reviewId}?pageSize=200`)).toBe(atEleven);
    expect(await statementsOf(advisor, `/api/reviews/${reviewId}?decision=undecided&reason=added_by_participant&q=ma&page=1&pageSize=10`)).toBe(atEleven);
    expect((await advisor.get(`/api/reviews/${reviewId}`)).json().items).toHaveLength(50);

    // More reviews in the list (past months): still one statement for all their parties.
    await t.db.query(
      `INSERT INTO portfolio_reviews (convention_id, agency_ids, held_on, sequence, secretariat, status, created_by)
       SELECT r.convention_id, r.agency_ids, r.held_on - 30 * g, 1000 + g, 'advisor', 'closed', r.created_by FROM portfolio_reviews r, generate_series(1, 8) g WHERE r.id = $1`,
      [reviewId],
    );
    expect((await advisor.get("/api/reviews")).json().items.length).toBeGreaterThanOrEqual(9);
    expect(await statementsOf(advisor, "/api/reviews")).toBe(listOfOne);
  });

  // Last: it adds agencies to the Bas-Rhin convention.
  it("the review options cost the same whatever the number of agencies", async () => {
    // One query per convention and per agency before (issue 15); now 5: session, the conventions the
    // organisation runs, their France Travail parties, their partner parties, the agencies' names.
    const before = await statementsOf(advisor, "/api/reviews/options");
    expect(before).toBeLessThanOrEqual(5);
    const [convention] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'BAS-RHIN-2021-AG'");
    await t.db.query(
      `WITH added AS (INSERT INTO organisations (code, name, kind) SELECT 'ft-budget-' || n, 'Agence ' || n, 'ft_agency' FROM generate_series(1, 6) n RETURNING id),
       parties AS (INSERT INTO convention_parties (convention_id, organisation_id, side) SELECT $1, id, 'france_travail' FROM added)
       -- Signed, as every party of a convention in force.
       INSERT INTO convention_signatures (convention_id, organisation_id, signatory_name, signatory_title, signed_on, mode)
       SELECT $1, id, 'Camille Martin', 'Directrice d’agence', '2021-01-01', 'scanned_copy' FROM added`,
      [convention.id],
    );
    expect(await statementsOf(advisor, "/api/reviews/options")).toBe(before);
  });
});

/**
 * Measures a route with 2 items, adds 18 more, measures it again: the same count, within its budget.
 * `items` says how many the page shows (checked, so that the growth is real).
 */
const activeCases = async (conventionId: string) =>
  (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM support_cases WHERE convention_id = $1 AND status = 'active'", [conventionId]))[0].n;

async function sameWith2And20(client: TestClient, url: string, items: () => Promise<number>, grow: (n: number) => Promise<void>): Promise<number> {
  const before = await items();
  if (before < 2) await grow(2 - before);
  expect(await items()).toBe(2);
  const atTwo = await statementsOf(client, url);
  await grow(18);
  expect(await items()).toBe(20);
  expect(await statementsOf(client, url)).toBe(atTwo);
  return atTwo;
}

describe("statements per request of the routes added since (issue 15): the same with 2 and with 20 items", () => {
  it("the indicators dashboard and drill-down: the same once the convention holds many more cases", async () => {
    // The review test above added 60 and more active cases to the Bas-Rhin convention.
    const [{ id: conventionId }] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'BAS-RHIN-2021-AG'");
    expect(await activeCases(conventionId)).toBeGreaterThanOrEqual(casesBefore + 20);
    for (const [i, url] of indicatorUrls.entries()) expect(await statementsOf(steeringFt, url)).toBe(indicatorCounts[i]);
  });

  it("the directory search and a service's sheet", async () => {
    const admin = await t.loginAs("admin.basrhin");
    const [structure] = await t.db.query<{ id: string; organisation_id: string; di_id: string }>(
      "SELECT id, organisation_id, di_id FROM directory_structures WHERE di_id = 'tandem--cea-uts-strasbourg-sud'",
    );
    let n = 0;
    const grow = async (k: number) => {
      await t.db.query(
        `WITH added AS (
           INSERT INTO directory_services (organisation_id, structure_id, di_id, record, thematiques, national, date_maj)
           SELECT $1, $2, 'tandem--budget-' || ($4 + g), jsonb_build_object('source', 'tandem', 'id', 'tandem--budget-' || ($4 + g), 'structure_id', $3::text,
                  'nom', 'Service de mesure ' || ($4 + g), 'description', 'Un service pour compter les requêtes.', 'date_maj', current_date::text,
                  'thematiques', jsonb_build_array('tandem-budget'), 'zone_eligibilite', jsonb_build_array('67')),
                  ARRAY['tandem-budget'], false, current_date
             FROM generate_series(1, $5::int) g RETURNING id)
         INSERT INTO directory_service_communes (service_id, insee_code) SELECT id, '67482' FROM added`,
        [structure.organisation_id, structure.id, structure.di_id, n, k],
      );
      n += k;
    };
    const search = "/api/directory?thematique=tandem-budget&commune=67482";
    const listed = async () => (await admin.get(search)).json().items.length;
    const searchCount = await sameWith2And20(admin, search, listed, grow);
    expect(searchCount).toBeLessThanOrEqual(DIRECTORY_SEARCH_STATEMENTS);
    // A partner sees them too (the city acts with the Département under the Bas-Rhin convention): its search costs the same.
    const partner = await t.loginAs("admin.strasbourg");
    expect(await statementsOf(partner, search)).toBe(searchCount);
    const [service] = await t.db.query<{ id: string }>("SELECT id FROM directory_services WHERE di_id = 'tandem--cea-fsl-acces'");
    expect(await statementsOf(admin, `/api/directory/services/${service.id}`)).toBeLessThanOrEqual(DIRECTORY_SHEET_STATEMENTS);
    expect(await statementsOf(partner, `/api/directory/services/${service.id}`)).toBeLessThanOrEqual(DIRECTORY_SHEET_STATEMENTS);
  });

  it("the convention's governance (its meetings) and a meeting's page (its agenda items, decisions, actions)", async () => {
    const steering = await t.loginAs("pilotage.ft-basrhin");
    const [convention] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'BAS-RHIN-2021-AG'");
    const year = Number(parisToday().slice(0, 4));
    const scheduled = await steering.post(`/api/conventions/${convention.id}/governance/meetings`, {
      bodyKey: "comite_pilotage",
      slotDueOn: `${year + 1}-06-30`,
      heldOn: `${year + 1}-06-16`,
      heldAt: "14:30",
      place: "Hôtel du Département, Strasbourg",
    });
    expect(scheduled.statusCode, scheduled.body).toBe(201);
    const meetingId = scheduled.json().id;
    const overview = `/api/conventions/${convention.id}/governance`;
    let m = 0;
    // More meetings of the body, each on a slot of its own (past Decembers), as the history of a long convention.
    const growMeetings = async (k: number) => {
      await t.db.query(
        `INSERT INTO governance_meetings (convention_id, body_key, slot_due_on, held_on, held_at, place, secretariat_organisation_id, scheduled_by, minutes_version, minutes_recorded_on, minutes_adopted_on)
         SELECT convention_id, body_key, make_date(1900 + $2 + g, 12, 31), make_date(1900 + $2 + g, 12, 10), held_at, place, secretariat_organisation_id, scheduled_by, 1,
                make_date(1900 + $2 + g, 12, 10), make_date(1900 + $2 + g, 12, 10)
           FROM governance_meetings, generate_series(1, $3::int) g WHERE id = $1`,
        [meetingId, m, k],
      );
      m += k;
    };
    const meetings = async () => (await steering.get(overview)).json().meetings.length;
    expect(await sameWith2And20(steering, overview, meetings, growMeetings)).toBeLessThanOrEqual(GOVERNANCE_OVERVIEW_STATEMENTS);

    const page = `/api/governance/meetings/${meetingId}`;
    let a = 0;
    const growItems = async (k: number) => {
      await t.db.query(
        `WITH items AS (INSERT INTO governance_agenda_items (meeting_id, text, author_id) SELECT $1, 'Point ' || ($2 + g), scheduled_by FROM governance_meetings, generate_series(1, $3::int) g WHERE id = $1),
              decisions AS (INSERT INTO governance_decisions (meeting_id, position, text) SELECT $1, $2 + g, 'Décision ' || ($2 + g) FROM generate_series(1, $3::int) g)
         INSERT INTO governance_actions (meeting_id, convention_id, text, owner_id, due_on)
         SELECT $1, convention_id, 'Action ' || ($2 + g), scheduled_by, held_on + 30 FROM governance_meetings, generate_series(1, $3::int) g WHERE id = $1`,
        [meetingId, a, k],
      );
      a += k;
    };
    const items = async () => {
      const body = (await steering.get(page)).json();
      expect(body.actions.length).toBe(body.agenda.items.length);
      return body.agenda.items.length;
    };
    expect(await sameWith2And20(steering, page, items, growItems)).toBeLessThanOrEqual(GOVERNANCE_MEETING_STATEMENTS);
  });

  it("the rights requests and breaches registers", async () => {
    const dpo = await t.loginAs("dpo.troyes");
    const [convention] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'TCM-2020-DONNEES'");
    const [me] = await t.db.query<{ id: string; organisation_id: string }>("SELECT id, organisation_id FROM users WHERE email = 'dpo.troyes@demo.tandem.fr'");
    const growRequests = async (k: number) => {
      await t.db.query(
        `INSERT INTO rights_requests (organisation_id, person_name, convention_id, kind, channel, request, received_on, due_on, delay_label, delay_source, recorded_by)
         SELECT $1, 'Personne ' || g, $2, 'access', 'letter', 'Copie de mes données', current_date - g, current_date - g + 30, '1 mois', '003 (annexe) art. 7', $3
           FROM generate_series(1, $4::int) g`,
        [me.organisation_id, convention.id, me.id, k],
      );
    };
    const requests = async () => (await dpo.get("/api/privacy/rights-requests")).json().items.length;
    expect(await sameWith2And20(dpo, "/api/privacy/rights-requests", requests, growRequests)).toBeLessThanOrEqual(RIGHTS_REGISTER_STATEMENTS);
    const growBreaches = async (k: number) => {
      await t.db.query(
        `INSERT INTO breaches (organisation_id, convention_id, kind, discovered_at, deadline_at, delay_label, delay_source, description, data_concerned, people_concerned, recorded_by)
         SELECT $1, $2, 'breach', now() - g * interval '1 day', now() - g * interval '1 day' + interval '36 hours', '36 heures', '003 (annexe) art. 7',
                'Courriel mal adressé', 'Liste des inscrits', 'Trois personnes', $3
           FROM generate_series(1, $4::int) g`,
        [me.organisation_id, convention.id, me.id, k],
      );
    };
    const breaches = async () => (await dpo.get("/api/privacy/breaches")).json().items.length;
    expect(await sameWith2And20(dpo, "/api/privacy/breaches", breaches, growBreaches)).toBeLessThanOrEqual(BREACH_REGISTER_STATEMENTS);
  });

  it("a received list's report (its reported lines) and the purges page (its journal)", async () => {
    const agent = await t.loginAs("agent.troyes");
    const dpo = await t.loginAs("dpo.troyes");
    const [convention] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'TCM-2020-DONNEES'");
    const [me] = await t.db.query<{ id: string; organisation_id: string }>("SELECT id, organisation_id FROM users WHERE email = 'agent.troyes@demo.tandem.fr'");
    const newImport = async (status: string) => {
      const [row] = await t.db.query<{ id: string }>(
        `INSERT INTO list_imports (source, convention_id, organisation_id, created_by, file_name, file_format, file_bytes, status, rows_total, rows_done, issue_count, purge_on, purge_rule)
         VALUES ('new_registrants', $1, $2, $3, 'inscrits.csv', 'csv', 1000, $4, 40, 40, 0, current_date + 60, '003 (annexe) art. 4.2') RETURNING id`,
        [convention.id, me.organisation_id, me.id, status],
      );
      return row.id;
    };
    const importId = await newImport("checked");
    let issues = 0;
    const growIssues = async (k: number) => {
      await t.db.query(
        `INSERT INTO list_import_issues (import_id, seq, line, column_name, value, message) SELECT $1, $2 + g, $2 + g + 1, 'date_naissance', '31/02/1990', 'Date invalide.' FROM generate_series(1, $3::int) g`,
        [importId, issues, k],
      );
      issues += k;
      await t.db.query("UPDATE list_imports SET issue_count = $2 WHERE id = $1", [importId, issues]);
    };
    const report = `/api/list-imports/${importId}/issues`;
    const reported = async () => (await agent.get(report)).json().items.length;
    expect(await sameWith2And20(agent, report, reported, growIssues)).toBeLessThanOrEqual(LIST_REPORT_STATEMENTS);
    expect(await statementsOf(agent, `/api/list-imports/${importId}`)).toBeLessThanOrEqual(LIST_IMPORT_STATEMENTS);

    const growPurges = async (k: number) => {
      for (let i = 0; i < k; i++) {
        const listId = await newImport("applied");
        await t.db.query(
          `INSERT INTO purge_journal (kind, list_import_id, convention_id, label, convention_number, rule, organisation_ids, due_on, status, counts, started_at, finished_at)
           VALUES ('received_list', $1, $2, 'Liste reçue inscrits.csv', 'TCM-2020-DONNEES', '003 (annexe) art. 4.2', ARRAY[$3::uuid], current_date - 1, 'done', '{"listRows": 40}', now(), now())`,
          [listId, convention.id, me.organisation_id],
        );
      }
    };
    const journal = async () => (await dpo.get("/api/privacy/purges")).json().journal.length;
    expect(await sameWith2And20(dpo, "/api/privacy/purges", journal, growPurges)).toBeLessThanOrEqual(PURGES_PAGE_STATEMENTS);
  });
});
