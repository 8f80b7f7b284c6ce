import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";
import { loadAgenda } from "./readReview.js";
import { distributionOf } from "./reviewDistribution.js";
import type { ReviewRow } from "./reviewRepository.js";

/**
 * The review page at any agenda size (issue 15): a page of the agenda in its order, filtered and
 * counted in SQL, the same refusal as before for whoever does not take part.
 * The agenda here is built by hand: 60 cases of the Strasbourg Meinau agency (advisor
 * conseiller.basrhin), their social worker alternating between social.basrhin (even k) and
 * social.strasbourg (odd k), put on the agenda in a known order, the first 12 of it decided.
 */

let t: TestApp;
let advisor: TestClient;
let reviewId: string;
let agencyId: string;
/** The agenda's case ids, in the agenda's order (as written below, not as read by the route). */
let agenda: string[];
/** k (the case's rank by France Travail identifier) of each case id. */
const rankOf = new Map<string, number>();
let people: { caseId: string; lastName: string; ftIdentifier: string }[];
let ids: Record<string, string>;

type Page = {
  items: { caseId: string; person: string; ftIdentifier: string; reasons: string[]; decision: { kind: string; decidedBy: string; decidedAt: string; version: number } | null }[];
  total: number;
  page: number;
  pageSize: number;
  counts: { items: number; decided: number; undecided: number; decidedInVersion: number };
  pairMembers: { id: string; name: string; side: string }[];
  myCasesOnAgenda: string[];
  distribution: { label: string; recipients: string[] }[];
};
const pageOf = async (query = "", client = advisor): Promise<Page> => {
  const res = await client.get(`/api/reviews/${reviewId}${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const caseIds = (p: Page) => p.items.map((i) => i.caseId);

beforeAll(async () => {
  t = await createTestApp();
  advisor = await t.loginAs("conseiller.basrhin");
  const [convention] = await t.db.query<{ id: string }>("SELECT id FROM conventions WHERE number = 'BAS-RHIN-2021-AG'");
  [{ id: agencyId }] = await t.db.query<{ id: string }>("SELECT id FROM organisations WHERE code = 'ft-strasbourg'");
  const users = await t.db.query<{ email: string; id: string }>("SELECT email, id FROM users WHERE email LIKE ANY($1::text[])", [
    ["conseiller.basrhin@%", "social.basrhin@%", "social.strasbourg@%", "pilotage.basrhin@%"],
  ]);
  ids = Object.fromEntries(users.map((u) => [u.email.split("@")[0], u.id]));
  const scheduled = await advisor.post("/api/reviews", { conventionId: convention.id, agencyIds: [agencyId], heldOn: parisToday() });
  expect(scheduled.statusCode, scheduled.body).toBe(201);
  reviewId = scheduled.json().id;
  const [review] = await t.db.query<{ held_on: string }>("SELECT held_on FROM portfolio_reviews WHERE id = $1", [reviewId]);

  // 60 running cases of people of the Bas-Rhin who have none, k = their rank by identifier.
  const added = await t.db.query<{ id: string; k: number; last_name: string; ft_identifier: string }>(
    `WITH people AS (
       SELECT js.id, js.last_name, js.ft_identifier, row_number() OVER (ORDER BY js.ft_identifier)::int - 1 AS k FROM job_seekers js
        WHERE js.commune_insee LIKE '67%' AND NOT EXISTS (SELECT 1 FROM support_cases x WHERE x.job_seeker_id = js.id)
        ORDER BY js.ft_identifier LIMIT 60),
     made AS (
       INSERT INTO support_cases (job_seeker_id, convention_id, status, origin, oriented_on, oriented_by, orienter_organisation_id,
                                  consent_given_on, consent_method, diagnosis_kind, diagnosis_on, advisor_id, social_worker_id,
                                  entered_on, period_ends_on, max_ends_on)
       SELECT p.id, $1, 'active', 'france_travail', $2::date - 200, $3, $4, $2::date - 200, 'in_person', 'shared', $2::date - 190,
              $3, CASE WHEN p.k % 2 = 0 THEN $5::uuid ELSE $6::uuid END, $2::date - 170, $2::date + 10, $2::date + 370
         FROM people p
       RETURNING id, job_seeker_id)
     SELECT m.id, p.k, p.last_name, p.ft_identifier FROM made m JOIN people p ON p.id = m.job_seeker_id ORDER BY p.k`,
    [convention.id, review.held_on, ids["conseiller.basrhin"], agencyId, ids["social.basrhin"], ids["social.strasbourg"]],
  );
  expect(added).toHaveLength(60);
  for (const a of added) rankOf.set(a.id, a.k);
  people = added.map((a) => ({ caseId: a.id, lastName: a.last_name, ftIdentifier: a.ft_identifier }));
  // The agenda: case k at position (7k mod 60), a permutation unlike the identifiers' order; its reasons by k mod 3.
  const position = (k: number) => (7 * k) % 60;
  await t.db.query("DELETE FROM portfolio_review_items WHERE review_id = $1", [reviewId]);
  await t.db.query(
    `INSERT INTO portfolio_review_items (review_id, case_id, reasons, position)
     SELECT $1, a.c, CASE a.k % 3 WHEN 0 THEN ARRAY['awaiting_entry'] WHEN 1 THEN ARRAY['renewal_due'] ELSE ARRAY['no_show','renewal_due'] END, a.p
       FROM unnest($2::uuid[], $3::int[], $4::int[]) AS a(c, k, p)`,
    [reviewId, added.map((a) => a.id), added.map((a) => a.k), added.map((a) => position(a.k))],
  );
  agenda = [...added].sort((a, b) => position(a.k) - position(b.k)).map((a) => a.id);
  // The first 12 of the agenda are decided (version 1).
  await t.db.query(
    `INSERT INTO portfolio_review_decisions (review_id, case_id, version, kind, note, decided_by)
     SELECT $1, c, 1, 'other', 'Point fait', $3 FROM unnest($2::uuid[]) AS c`,
    [reviewId, agenda.slice(0, 12), ids["conseiller.basrhin"]],
  );
}, 120_000);
afterAll(() => t?.close());

describe("the review page: a page of the agenda", () => {
  it("page 1 holds the first 50 items of the agenda, page 2 items 51 to 60, in the agenda's order", async () => {
    const first = await pageOf();
    expect(caseIds(first)).toEqual(agenda.slice(0, 50));
    expect([first.total, first.page, first.pageSize]).toEqual([60, 1, 50]);
    const second = await pageOf("?page=2");
    expect(caseIds(second)).toEqual(agenda.slice(50, 60));
    expect([second.total, second.page, second.pageSize]).toEqual([60, 2, 50]);
    expect(caseIds(await pageOf("?page=3"))).toEqual([]);
    expect(caseIds(await pageOf("?page=3&pageSize=7"))).toEqual(agenda.slice(14, 21));
    expect(caseIds(await pageOf("?pageSize=200"))).toEqual(agenda);
  });

  it("counts the whole agenda in its header, whatever the filters and the page", async () => {
    const counts = { items: 60, decided: 12, undecided: 48, decidedInVersion: 12 };
    expect((await pageOf("?page=2")).counts).toEqual(counts);
    expect((await pageOf(`?decision=undecided&pairWith=${ids["social.strasbourg"]}`)).counts).toEqual(counts);
  });

  it("shows each item's decision in force, with who took it and when", async () => {
    const [item] = (await pageOf("?pageSize=1")).items;
    expect(item.caseId).toBe(agenda[0]);
    expect(item.decision).toMatchObject({ kind: "other", version: 1, decidedBy: "Conseiller Basrhin" });
    expect(item.decision?.decidedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    expect((await pageOf("?page=13&pageSize=1")).items[0].decision).toBeNull();
  });

  it("filters by decision state: « sans décision » and decided", async () => {
    const undecided = await pageOf("?decision=undecided");
    expect(undecided.total).toBe(48);
    expect(caseIds(undecided)).toEqual(agenda.slice(12));
    const decided = await pageOf("?decision=decided");
    expect(decided.total).toBe(12);
    expect(caseIds(decided)).toEqual(agenda.slice(0, 12));
  });

  it("filters by reason, by member of the pair, by agency", async () => {
    const renewals = await pageOf("?reason=renewal_due");
    expect(renewals.total).toBe(40);
    expect(caseIds(renewals)).toEqual(agenda.filter((c) => rankOf.get(c)! % 3 !== 0).slice(0, 40));
    const noShows = await pageOf("?reason=no_show");
    expect(caseIds(noShows)).toEqual(agenda.filter((c) => rankOf.get(c)! % 3 === 2));
    expect(noShows.items[0].reasons).toEqual(["no_show", "renewal_due"]);

    const strasbourg = await pageOf(`?pairWith=${ids["social.strasbourg"]}`);
    expect(strasbourg.total).toBe(30);
    expect(caseIds(strasbourg)).toEqual(agenda.filter((c) => rankOf.get(c)! % 2 === 1));
    expect((await pageOf(`?pairWith=${ids["conseiller.basrhin"]}`)).total).toBe(60);
    expect((await pageOf(`?pairWith=${ids["pilotage.basrhin"]}`)).total).toBe(0);

    expect((await pageOf(`?agency=${agencyId}`)).total).toBe(60);
    const [other] = await t.db.query<{ id: string }>("SELECT id FROM organisations WHERE code = 'ft-metz-sebastopol'");
    expect((await pageOf(`?agency=${other.id}`)).total).toBe(0);

    // Filters add up, and the filtered list pages too.
    const both = await pageOf(`?pairWith=${ids["social.strasbourg"]}&decision=undecided&pageSize=10&page=2`);
    const expected = agenda.slice(12).filter((c) => rankOf.get(c)! % 2 === 1);
    expect(both.total).toBe(expected.length);
    expect(caseIds(both)).toEqual(expected.slice(10, 20));
  });

  it("lists the pair members of the agenda for the filter, and the reader's own cases on it", async () => {
    const p = await pageOf("?pageSize=1");
    expect(p.pairMembers).toEqual([
      { id: ids["conseiller.basrhin"], name: "Conseiller Basrhin", side: "advisor" },
      { id: ids["social.basrhin"], name: "Social Basrhin", side: "social_worker" },
      { id: ids["social.strasbourg"], name: "Social Strasbourg", side: "social_worker" },
    ]);
    expect([...p.myCasesOnAgenda].sort()).toEqual([...agenda].sort());
    const partner = await t.loginAs("social.strasbourg");
    expect([...(await pageOf("?pageSize=1", partner)).myCasesOnAgenda].sort()).toEqual(agenda.filter((c) => rankOf.get(c)! % 2 === 1).sort());
  });

  it("searches by name or by France Travail identifier", async () => {
    const someone = people[37];
    const byId = await pageOf(`?q=${someone.ftIdentifier.toLowerCase()}`);
    expect(caseIds(byId)).toEqual([someone.caseId]);
    const byName = await pageOf(`?q=${encodeURIComponent(someone.lastName)}`);
    expect(caseIds(byName)).toContain(someone.caseId);
    for (const item of byName.items) expect(item.person.toLowerCase()).toContain(someone.lastName.toLowerCase());
  });

  it("refuses bad paging and filters with 400 and the field in French, changing nothing", async () => {
    for (const query of ["?pageSize=201", "?page=0", "?decision=maybe", "?reason=birthday", "?pairWith=nobody", "?q=a", "?sort=name"]) {
      const res = await advisor.get(`/api/reviews/${reviewId}${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(res.json().error.code, query).toBe("VALIDATION_ERROR");
    }
    const res = await advisor.get(`/api/reviews/${reviewId}?q=a`);
    expect(res.json().error.details.issues).toEqual([{ path: "querystring.q", message: "Saisissez au moins 2 caractères (nom, prénom ou identifiant)." }]);
  });

  it("a decision recorded from the page shows in the counts at once", async () => {
    const target = agenda[30];
    expect((await advisor.put(`/api/reviews/${reviewId}/decisions/${target}`, { kind: "other", note: "Vu en revue" })).statusCode).toBe(200);
    const p = await pageOf("?decision=decided&pageSize=200");
    expect(p.counts).toEqual({ items: 60, decided: 13, undecided: 47, decidedInVersion: 13 });
    expect(caseIds(p)).toEqual([...agenda.slice(0, 12), target]);
  });

  it("names the same distribution list as the close does, from the whole agenda", async () => {
    const p = await pageOf("?pageSize=1");
    const [row] = await t.db.query<ReviewRow>("SELECT * FROM portfolio_reviews WHERE id = $1", [reviewId]);
    const full = await distributionOf(t.db, row, (await loadAgenda(t.db, row)).map((a) => a.row));
    expect(p.distribution).toEqual(full.map((l) => ({ label: l.label, recipients: l.recipients.map((r) => r.email) })));
    expect(p.distribution.flatMap((l) => l.recipients).sort()).toEqual(
      ["admin.strasbourg", "conseiller.basrhin", "pilotage.basrhin", "pilotage.ft-basrhin", "social.basrhin", "social.strasbourg"].map((l) => `${l}@demo.tandem.fr`),
    );
  });

  it("refuses whoever does not take part, as before, whatever the page or filters asked", async () => {
    for (const outsider of ["social.creuse", "conseiller.metz", "pilotage.basrhin", "admin.plateforme"]) {
      const c = await t.loginAs(outsider);
      for (const query of ["", "?page=2&decision=undecided", `?pairWith=${ids["social.strasbourg"]}`]) {
        const res = await c.get(`/api/reviews/${reviewId}${query}`);
        expect(res.statusCode, outsider).toBe(404);
        expect(res.json().error).toEqual({ code: "REVIEW_NOT_FOUND", message: "Revue de portefeuille introuvable." });
      }
    }
  });
});
