import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addDays, parisToday } from "../../domain/shared/calendarDate.js";
import { buildSupportCase } from "../demo/buildSupportCase.js";
import { createTestApp, type TestApp, type TestClient } from "../testing/testApp.js";

/**
 * Every write of a review runs on one command path: the review row is locked in the transaction
 * that changes it, so a close, a decision, a reopening or a scheduling that race each other end
 * with one winner and clean refusals — never two sets of e-mails, nor a decision after the close.
 */

let t: TestApp;
let advisor: TestClient;
let conventionId: string;
let agencyId: string;
const onServer = Boolean(process.env.DATABASE_URL);

/** Who receives the follow-up table of a Strasbourg Meinau review (the convention's distribution list). */
const RECIPIENTS = ["admin.strasbourg", "conseiller.basrhin", "pilotage.basrhin", "pilotage.ft-basrhin", "social.basrhin", "social.strasbourg"].map(
  (l) => `${l}@demo.tandem.fr`,
);

const schedule = async (heldOn = parisToday()) => {
  const res = await advisor.post("/api/reviews", { conventionId, agencyIds: [agencyId], heldOn });
  expect(res.statusCode, res.body).toBe(201);
  return res.json().id as string;
};
const close = (reviewId: string) => advisor.post(`/api/reviews/${reviewId}/close`);
const decide = (reviewId: string, caseId: string, body: object = { kind: "accept_entry" }) => advisor.put(`/api/reviews/${reviewId}/decisions/${caseId}`, body);
/** The follow-up e-mails of one review: each carries the link to it. */
/**
 * The follow-up e-mails sent since the review was scheduled (the tests run one after the other): only those
 * who take part get the review's link, so the e-mails are found by their subject and time, not by the link.
 */
const outbox = async (reviewId: string) =>
  (
    await t.db.query<{ to_address: string }>(
      `SELECT to_address FROM emails WHERE subject LIKE '%Tableau de suivi%'
          AND created_at >= (SELECT occurred_at FROM audit_events WHERE subject_id = $1 AND action = 'review.scheduled')
        ORDER BY to_address`,
      [reviewId],
    )
  ).map((m) => m.to_address);
const auditCount = async (reviewId: string, action: string) =>
  Number((await t.db.query<{ n: string }>("SELECT count(*) AS n FROM audit_events WHERE subject_id = $1 AND action = $2", [reviewId, action]))[0].n);
const decisionsOf = async (reviewId: string) =>
  (await t.db.query<{ case_id: string; version: number }>("SELECT case_id, version FROM portfolio_review_decisions WHERE review_id = $1", [reviewId]));
const caseState = async (caseId: string) =>
  (
    await t.db.query<{ status: string; events: string }>(
      "SELECT status, (SELECT count(*) FROM support_case_events e WHERE e.case_id = sc.id) AS events FROM support_cases sc WHERE sc.id = $1",
      [caseId],
    )
  )[0];
const personOf = async (caseId: string) =>
  (await t.db.query<{ name: string }>("SELECT js.last_name || ' ' || js.first_name AS name FROM support_cases sc JOIN job_seekers js ON js.id = sc.job_seeker_id WHERE sc.id = $1", [caseId]))[0]
    .name;
/** People awaiting entry at the Strasbourg Meinau agency, each with a Bas-Rhin social worker. */
const awaitingEntry = async (n: number) => {
  const ids: string[] = [];
  for (let i = 0; i < n; i++) {
    ids.push(await buildSupportCase(t.db, { advisor: "conseiller.basrhin", socialWorker: "social.basrhin", jobSeekerCommune: "67482", rsa: i % 2 === 0 }));
  }
  return ids;
};
const codes = (responses: { statusCode: number; json(): { error?: { code: string } } }[]) =>
  responses.map((r) => (r.statusCode === 200 ? "200" : `${r.statusCode} ${r.json().error?.code}`)).sort();

beforeAll(async () => {
  t = await createTestApp();
  advisor = await t.loginAs("conseiller.basrhin");
  const options = (await advisor.get("/api/reviews/options")).json();
  const convention = options.conventions.find((c: { number: string }) => c.number === "BAS-RHIN-2021-AG");
  conventionId = convention.id;
  agencyId = convention.agencies[0].id;
});
afterAll(() => t.close());

describe("review numbering", () => {
  it.skipIf(!onServer)("20 simultaneous schedulings of the same agency get 20 distinct consecutive numbers", async () => {
    const days = Array.from({ length: 20 }, (_, i) => addDays(parisToday(), i + 1));
    const responses = await Promise.all(days.map((heldOn) => advisor.post("/api/reviews", { conventionId, agencyIds: [agencyId], heldOn })));
    expect(responses.map((r) => r.statusCode)).toEqual(Array(20).fill(201));
    const rows = await t.db.query<{ sequence: number }>("SELECT sequence FROM portfolio_reviews WHERE convention_id = $1 AND $2 = ANY(agency_ids) ORDER BY sequence", [
      conventionId,
      agencyId,
    ]);
    // The demo holds no review of this agency: the first one is number 1.
    expect(rows.map((r) => r.sequence)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it("a review is numbered after the last one of its agency, whatever its date", async () => {
    const [{ last }] = await t.db.query<{ last: number | null }>("SELECT max(sequence) AS last FROM portfolio_reviews WHERE $1 = ANY(agency_ids)", [agencyId]);
    // Both within the month ahead a monthly review may be prepared [002 art. 5.2 a)].
    const later = await schedule(addDays(parisToday(), 27));
    const earlier = await schedule(addDays(parisToday(), 20));
    const seq = async (id: string) => (await advisor.get(`/api/reviews/${id}`)).json().sequence;
    expect(await seq(later)).toBe((last ?? 0) + 1);
    expect(await seq(earlier)).toBe((last ?? 0) + 2);
  });
});

describe("closing a review", () => {
  it("closing twice: the second close is refused with 409 and sends no second e-mail", async () => {
    const reviewId = await schedule();
    expect((await close(reviewId)).statusCode).toBe(200);
    expect(await outbox(reviewId)).toEqual(RECIPIENTS);
    const again = await close(reviewId);
    expect(again.statusCode).toBe(409);
    expect(again.json().error).toEqual({ code: "REVIEW_ALREADY_CLOSED", message: "La revue est déjà close : le compte rendu et le tableau de suivi ont déjà été envoyés." });
    expect(await outbox(reviewId)).toEqual(RECIPIENTS);
    expect(await auditCount(reviewId, "review.closed")).toBe(1);
  });

  it("two clicks on « Clore » at once: one close, one set of e-mails, one clean 409", async () => {
    const reviewId = await schedule();
    const responses = await Promise.all([close(reviewId), close(reviewId)]);
    expect(codes(responses)).toEqual(["200", "409 REVIEW_ALREADY_CLOSED"]);
    expect(await outbox(reviewId)).toEqual(RECIPIENTS);
    expect(await auditCount(reviewId, "review.closed")).toBe(1);
  });

  it.skipIf(!onServer)("20 simultaneous closes of the same review: exactly one close, one set of e-mails, 19 clean 409s", async () => {
    const reviewId = await schedule();
    const responses = await Promise.all(Array.from({ length: 20 }, () => close(reviewId)));
    expect(codes(responses)).toEqual(["200", ...Array(19).fill("409 REVIEW_ALREADY_CLOSED")]);
    // 6 recipients, each e-mailed once.
    expect((await outbox(reviewId)).length).toBe(6);
    expect(await outbox(reviewId)).toEqual(RECIPIENTS);
    expect(await auditCount(reviewId, "review.closed")).toBe(1);
    const [{ n }] = await t.db.query<{ n: string }>("SELECT count(*) AS n FROM portfolio_review_documents WHERE review_id = $1", [reviewId]);
    expect(Number(n)).toBe(3);
  });
});

describe("decisions and the close", () => {
  it("a decision on a closed review is refused with 409 and writes nothing", async () => {
    const [caseId] = await awaitingEntry(1);
    const reviewId = await schedule();
    expect((await close(reviewId)).statusCode).toBe(200);
    const before = await caseState(caseId);
    const res = await decide(reviewId, caseId);
    expect(res.statusCode).toBe(409);
    expect(res.json().error).toEqual({ code: "REVIEW_CLOSED", message: "La revue est close : rouvrez-la pour corriger une décision." });
    expect(await decisionsOf(reviewId)).toEqual([]);
    expect(await caseState(caseId)).toEqual(before);
    expect(before.status).toBe("awaiting_entry");
    expect(await auditCount(reviewId, "review.decision_recorded")).toBe(0);
  });

  it("the same decision sent twice at once: one is recorded, the other is a clean 409", async () => {
    const [caseId] = await awaitingEntry(1);
    const reviewId = await schedule();
    const responses = await Promise.all([decide(reviewId, caseId), decide(reviewId, caseId)]);
    expect(codes(responses)).toEqual(["200", "409 REVIEW_DECISION_ALREADY_RECORDED"]);
    expect(await decisionsOf(reviewId)).toEqual([{ case_id: caseId, version: 1 }]);
    expect(await auditCount(reviewId, "review.decision_recorded")).toBe(1);
    expect((await caseState(caseId)).status).toBe("active");
  });

  it.skipIf(!onServer)("20 simultaneous decisions while the review is closed in the middle: each one is in the closed table, or refused and not written", async () => {
    const cases = await awaitingEntry(20);
    const reviewId = await schedule();
    const before = new Map(await Promise.all(cases.map(async (c) => [c, await caseState(c)] as const)));
    const requests = cases.map((c) => () => decide(reviewId, c));
    requests.splice(10, 0, () => close(reviewId));
    const responses = await Promise.all(requests.map((r) => r()));
    const closeResponse = responses.splice(10, 1)[0];
    expect(closeResponse.statusCode).toBe(200);

    const recorded = cases.filter((_, i) => responses[i].statusCode === 200);
    const refused = cases.filter((_, i) => responses[i].statusCode !== 200);
    for (const r of responses.filter((r) => r.statusCode !== 200)) expect(r.json().error.code).toBe("REVIEW_CLOSED");
    expect((await decisionsOf(reviewId)).map((d) => d.case_id).sort()).toEqual([...recorded].sort());
    for (const c of refused) expect(await caseState(c)).toEqual(before.get(c));
    for (const c of recorded) expect((await caseState(c)).status).toBe("active");

    // None after the close: the table the close produced shows every recorded decision, and only those.
    const csv = (await advisor.get(`/api/reviews/${reviewId}/documents/1/table_csv`)).body;
    const decisionIn = async (c: string) => {
      const person = await personOf(c);
      const lines = csv.replace(/^\uFEFF/, "").split(/\r?\n/);
      const line = lines.find((l) => l.startsWith(`${person};`));
      return line?.split(";")[lines[0].split(";").indexOf("Décision")];
    };
    for (const c of recorded) expect(await decisionIn(c), c).toBe("Entrée acceptée");
    for (const c of refused) expect(await decisionIn(c), c).toBe("Pas de décision");
    const [{ late }] = await t.db.query<{ late: string }>(
      "SELECT count(*) AS late FROM portfolio_review_decisions d JOIN portfolio_reviews r ON r.id = d.review_id WHERE r.id = $1 AND d.decided_at > r.closed_at",
      [reviewId],
    );
    expect(Number(late)).toBe(0);
    expect(await outbox(reviewId)).toEqual(RECIPIENTS);
  });
});

describe("reopening", () => {
  it("two reopenings at once: one new version, one clean 409", async () => {
    const reviewId = await schedule();
    expect((await close(reviewId)).statusCode).toBe(200);
    const responses = await Promise.all([advisor.post(`/api/reviews/${reviewId}/reopen`), advisor.post(`/api/reviews/${reviewId}/reopen`)]);
    expect(codes(responses)).toEqual(["200", "409 REVIEW_NOT_CLOSED"]);
    const review = (await advisor.get(`/api/reviews/${reviewId}`)).json();
    expect(review).toMatchObject({ status: "open", version: 2 });
    expect(await auditCount(reviewId, "review.reopened")).toBe(1);
  });
});
