import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { GlobalSupportTerms } from "../convention/globalSupportTerms.js";
import { deadlinesOf, nextDeadline } from "./deadlines.js";
import { checkEligibility } from "./eligibility.js";
import * as lifecycle from "./lifecycle.js";
import type { SupportCaseFacts } from "./lifecycle.js";
import type { ProgrammeRules } from "./rules.js";
import { SupportRuleViolation } from "./rules.js";

/** The programme's terms exactly as the seed convention files write them. */
function seedRules(file: string): ProgrammeRules {
  const doc = parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../../conventions", file), "utf8"));
  return { conventionNumber: doc.convention.number, terms: doc.convention.programmes.globalSupport as GlobalSupportTerms };
}
const creuse = seedRules("creuse-2023-accompagnement-global.yaml");
const basRhin = seedRules("bas-rhin-2021-accompagnement-global.yaml");

const oriented = (over: Partial<SupportCaseFacts> = {}): SupportCaseFacts => ({
  status: "oriented",
  origin: "france_travail",
  orientedOn: "2026-01-15",
  registered: true,
  barriers: [],
  consent: null,
  diagnosis: null,
  pair: null,
  enteredOn: null,
  periodEndsOn: null,
  maxEndsOn: null,
  renewalsUsed: 0,
  socialOnlyStartedOn: null,
  socialOnlyEndsBy: null,
  firstSocialAppointmentOn: null,
  firstProfessionalAppointmentOn: null,
  exitedOn: null,
  exitType: null,
  ...over,
});
const apply = (c: SupportCaseFacts, change: Partial<SupportCaseFacts>): SupportCaseFacts => ({ ...c, ...change });

const twoBarriers = [
  { category: "social" as const, code: "housing" as const, jointDecisionOn: null, resolvedOn: null },
  { category: "professional" as const, code: "mobility" as const, jointDecisionOn: null, resolvedOn: null },
];
const pair = { advisor: { id: "a1", isAdvisor: true }, socialWorker: { id: "s1", isSocialWorker: true } };
const review = (reviewedOn: string) => ({ kind: "review" as const, reviewId: null, reviewedOn });

/** Runs a command and returns the refusal it must produce. */
function refusal(fn: () => unknown): SupportRuleViolation {
  try {
    fn();
  } catch (e) {
    if (e instanceof SupportRuleViolation) return e;
    throw e;
  }
  throw new Error("la transition aurait dû être refusée");
}

/** Oriented, consented, barriers, pair, shared diagnosis: ready for the review. */
function readyCase(): SupportCaseFacts {
  let c = oriented({ barriers: twoBarriers });
  c = apply(c, lifecycle.recordConsent(c, { givenOn: "2026-01-16", method: "in_person" }));
  c = apply(c, lifecycle.assignPair(c, pair));
  c = apply(c, lifecycle.recordDiagnosis(c, { kind: "shared", on: "2026-01-20", disagreement: false }));
  return c;
}

describe.each([
  { name: "Creuse (12 mois + un renouvellement de 6 au plus, 18 au maximum)", rules: creuse, periodEnd: "2027-01-31", renewedEnd: "2027-07-31", article: "001 art. 2.2" },
  { name: "Bas-Rhin (6 mois + 6, 12 au maximum)", rules: basRhin, periodEnd: "2026-07-31", renewedEnd: "2027-01-31", article: "002 art. 2 g)" },
])("the same flow under $name", ({ rules, periodEnd, renewedEnd, article }) => {
  it("orientation → diagnosis → submission → entry at the review → renewal once → exit", () => {
    let c = readyCase();
    expect(c.status).toBe("diagnosed");
    c = apply(c, lifecycle.submitForEntry(c));
    expect(c.status).toBe("awaiting_entry");
    c = apply(c, lifecycle.enter(c, { on: "2026-02-01", source: review("2026-02-01") }, rules));
    expect(c).toMatchObject({ status: "active", enteredOn: "2026-02-01", periodEndsOn: periodEnd, maxEndsOn: renewedEnd });

    c = apply(c, lifecycle.renew(c, { on: "2026-06-30" }, rules));
    expect(c).toMatchObject({ renewalsUsed: 1, periodEndsOn: renewedEnd });

    const second = refusal(() => lifecycle.renew(c, { on: "2026-07-15" }, rules));
    expect(second.code).toBe("RENEWAL_LIMIT_REACHED");
    expect(second.message).toContain("n’autorise que 1 renouvellement");
    expect(second.message).toContain(rules.conventionNumber);
    expect(second.message).toContain(article);

    c = apply(c, lifecycle.exit(c, { on: "2026-09-01", type: "sustainable_job" }));
    expect(c).toMatchObject({ status: "exited", exitedOn: "2026-09-01", exitType: "sustainable_job" });
    expect(refusal(() => lifecycle.exit(c, { on: "2026-09-02", type: "move" })).code).toBe("CASE_CLOSED");
  });

  it("refuses a direct entry: both seed conventions act entries at the monthly review, and say where", () => {
    const e = refusal(() => lifecycle.enter(readyCase(), { on: "2026-02-01", source: { kind: "pair" } }, rules));
    expect(e.code).toBe("ENTRY_REQUIRES_REVIEW");
    expect(e.message).toMatch(/revue de portefeuille/);
    expect(e.message).toContain(rules.terms.sources.directEntryAllowed!.slice(0, 10));
  });

  it("computes the deadlines from the terms: start, first appointments, renewal decision, hard stop", () => {
    const c = readyCase();
    expect(nextDeadline(c, rules)).toMatchObject({ kind: "start", dueOn: "2026-02-05" }); // 15 January + 21 days
    const running = apply(c, lifecycle.enter(c, { on: "2026-02-01", source: review("2026-02-01") }, rules));
    const kinds = deadlinesOf(running, rules).map((d) => [d.kind, d.dueOn]);
    expect(kinds).toEqual([
      ["first_appointments", "2026-03-01"], // « dans le mois » [002 art. 2 e)]: 1 February + 1 month, not + 30 days (3 March)
      ["renewal_decision", periodEnd],
      ["hard_stop", renewedEnd],
    ]);
  });
});

describe("a convention Tandem has never seen", () => {
  const odd: ProgrammeRules = {
    conventionNumber: "TEST-1",
    terms: {
      ...creuse.terms,
      initialMonths: 4,
      renewalsAllowed: 2,
      monthsPerRenewal: 3,
      maxTotalMonths: 9,
      directEntryAllowed: true,
      sources: { renewalsAllowed: "art. 7", maxTotalMonths: "art. 8" },
    },
  };
  it("allows a direct entry, two renewals, the second capped at the maximum", () => {
    let c = readyCase();
    c = apply(c, lifecycle.enter(c, { on: "2026-03-01", source: { kind: "pair" } }, odd));
    expect(c.periodEndsOn).toBe("2026-06-30");
    c = apply(c, lifecycle.renew(c, { on: "2026-06-01" }, odd));
    expect(c.periodEndsOn).toBe("2026-09-30");
    expect(refusal(() => lifecycle.renew(c, { on: "2026-09-01", months: 3 }, odd)).code).toBe("RENEWAL_BEYOND_MAXIMUM");
    c = apply(c, lifecycle.renew(c, { on: "2026-09-01" }, odd));
    expect(c).toMatchObject({ renewalsUsed: 2, periodEndsOn: "2026-11-30", maxEndsOn: "2026-11-30" });
    expect(deadlinesOf(c, odd).find((d) => d.kind === "exit_decision")?.dueOn).toBe("2026-11-30");
    const third = refusal(() => lifecycle.renew(c, { on: "2026-10-01" }, odd));
    expect(third.code).toBe("RENEWAL_LIMIT_REACHED");
    expect(third.message).toContain("n’autorise que 2 renouvellements");
    expect(third.message).toContain("art. 7");
  });
  it("refuses a renewal longer than the terms allow, or decided after the period", () => {
    const c = apply(readyCase(), lifecycle.enter(readyCase(), { on: "2026-03-01", source: { kind: "pair" } }, odd));
    expect(refusal(() => lifecycle.renew(c, { on: "2026-04-01", months: 4 }, odd)).code).toBe("RENEWAL_TOO_LONG");
    expect(refusal(() => lifecycle.renew(c, { on: "2026-07-01" }, odd)).code).toBe("RENEWAL_TOO_LATE");
  });
  it("refuses a direct entry when the pair disagrees", () => {
    let c = oriented({ barriers: twoBarriers, consent: { givenOn: "2026-01-15", method: "phone" } });
    c = apply(c, lifecycle.assignPair(c, pair));
    c = apply(c, lifecycle.recordDiagnosis(c, { kind: "shared", on: "2026-01-20", disagreement: true }));
    expect(refusal(() => lifecycle.enter(c, { on: "2026-02-01", source: { kind: "pair" } }, odd)).code).toBe("ENTRY_DISAGREEMENT_TO_REVIEW");
    // Tandem's wording follows the convention's cadence; the Bas-Rhin text it cites is quoted as written.
    const bimonthly = { ...odd, terms: { ...odd.terms, reviewCadenceMonths: 2 } };
    expect(refusal(() => lifecycle.enter(c, { on: "2026-02-01", source: { kind: "pair" } }, bimonthly)).message).toBe(
      "Le binôme est en désaccord : l’entrée se décide en revue de portefeuille bimestrielle [002 art. 2 e) : « en cas de désaccord, la situation est débattue en commission mensuelle »].",
    );
    const noDirectEntry = { ...bimonthly, terms: { ...bimonthly.terms, directEntryAllowed: false } };
    expect(refusal(() => lifecycle.enter(c, { on: "2026-02-01", source: { kind: "pair" } }, noDirectEntry)).message).toBe(
      "Entrée directe impossible : les entrées sont actées en revue de portefeuille bimestrielle (convention n° TEST-1).",
    );
    expect(lifecycle.enter(c, { on: "2026-02-01", source: review("2026-02-01") }, odd).status).toBe("active");
  });
});

describe("illegal transitions, each with its code and the rule in words", () => {
  it("exiting a case never started", () => {
    const e = refusal(() => lifecycle.exit(readyCase(), { on: "2026-02-01", type: "drop_out" }));
    expect(e.code).toBe("EXIT_BEFORE_ENTRY");
    expect(e.message).toMatch(/n’a jamais commencé/);
  });
  it("entering without consent: what is missing is said plainly", () => {
    let c = oriented({ barriers: twoBarriers });
    c = apply(c, lifecycle.assignPair(c, pair));
    c = apply(c, lifecycle.recordDiagnosis(c, { kind: "shared", on: "2026-01-20", disagreement: false }));
    const e = refusal(() => lifecycle.enter(c, { on: "2026-02-01", source: review("2026-02-01") }, creuse));
    expect(e.code).toBe("ENTRY_NOT_ELIGIBLE");
    expect(e.message).toBe(
      "Conditions d’éligibilité non remplies [002 art. 2 b)] : le consentement de la personne (date et manière de le recueillir) n’est pas enregistré.",
    );
  });
  it("entering without a diagnosis (an entry dated before the orientation is eventDateRules' to refuse)", () => {
    const c = oriented({ barriers: twoBarriers, consent: { givenOn: "2026-01-15", method: "phone" } });
    expect(refusal(() => lifecycle.enter(c, { on: "2026-02-01", source: review("2026-02-01") }, creuse)).code).toBe("ENTRY_WITHOUT_DIAGNOSIS");
  });
  it("a pair of two advisors, or one person twice", () => {
    const c = oriented();
    expect(refusal(() => lifecycle.assignPair(c, { advisor: pair.advisor, socialWorker: { id: "a2", isSocialWorker: false } })).code).toBe("PAIR_NEEDS_SOCIAL_WORKER");
    expect(refusal(() => lifecycle.assignPair(c, { advisor: { id: "s1", isAdvisor: false }, socialWorker: pair.socialWorker })).code).toBe("PAIR_NEEDS_ADVISOR");
    expect(refusal(() => lifecycle.assignPair(c, { advisor: { id: "x", isAdvisor: true }, socialWorker: { id: "x", isSocialWorker: true } })).code).toBe("PAIR_SAME_PERSON");
  });
  it("changing the pair once the support has started", () => {
    const c = apply(readyCase(), lifecycle.enter(readyCase(), { on: "2026-02-01", source: review("2026-02-01") }, creuse));
    const e = refusal(() => lifecycle.assignPair(c, { advisor: { id: "a9", isAdvisor: true }, socialWorker: pair.socialWorker }));
    expect(e.code).toBe("PAIR_FIXED");
    expect(e.message).toContain("002 art. 3.1");
    expect(lifecycle.assignPair(c, pair)).toEqual({ pair: { advisorId: "a1", socialWorkerId: "s1" } });
  });
  it("a shared diagnosis for a PF1 or PF2 orientation", () => {
    const c = apply(oriented({ origin: "pf1" }), lifecycle.assignPair(oriented({ origin: "pf1" }), pair));
    expect(refusal(() => lifecycle.recordDiagnosis(c, { kind: "shared", on: "2026-01-20", disagreement: false })).code).toBe("DIAGNOSIS_TRUST_REQUIRED");
    expect(lifecycle.recordDiagnosis(c, { kind: "trust", on: "2026-01-20", disagreement: false }).status).toBe("diagnosed");
  });
  it("a shared diagnosis before the pair is chosen", () => {
    expect(refusal(() => lifecycle.recordDiagnosis(oriented(), { kind: "shared", on: "2026-01-20", disagreement: false })).code).toBe("DIAGNOSIS_SHARED_NEEDS_PAIR");
  });
  it("renewing, recording an appointment or starting social-only support before entry", () => {
    expect(refusal(() => lifecycle.renew(readyCase(), { on: "2026-02-01" }, creuse)).code).toBe("RENEWAL_BEFORE_ENTRY");
    expect(refusal(() => lifecycle.recordAppointment(readyCase(), { kind: "social", on: "2026-02-01", status: "attended" })).code).toBe("APPOINTMENT_BEFORE_ENTRY");
    expect(refusal(() => lifecycle.startSocialOnly(readyCase(), { on: "2026-02-01", personConsents: true, jointDecision: true }, creuse)).code).toBe(
      "SOCIAL_ONLY_BEFORE_ENTRY",
    );
  });
  it("refusing an entry after the support started", () => {
    const c = apply(readyCase(), lifecycle.enter(readyCase(), { on: "2026-02-01", source: review("2026-02-01") }, creuse));
    expect(refusal(() => lifecycle.refuseEntry(c)).code).toBe("CASE_ALREADY_ENTERED");
    expect(lifecycle.refuseEntry(readyCase())).toEqual({ status: "refused" });
  });
});

describe("eligibility", () => {
  it("lists everything missing", () => {
    const r = checkEligibility({ registered: false, barriers: [], consent: null });
    expect(r.missing.map((g) => g.code)).toEqual(["NOT_REGISTERED", "NO_SOCIAL_BARRIER", "NO_PROFESSIONAL_BARRIER", "NO_CONSENT"]);
  });
  it("counts another barrier only once the two professionals have agreed, and not once lifted", () => {
    const other = { category: "social" as const, code: "other" as const, jointDecisionOn: null, resolvedOn: null };
    const prof = twoBarriers[1];
    const consent = { givenOn: "2026-01-15", method: "written" as const };
    const pending = checkEligibility({ registered: true, barriers: [other, prof], consent });
    expect(pending.eligible).toBe(false);
    expect(pending.missing[0].message).toMatch(/décision commune/);
    expect(checkEligibility({ registered: true, barriers: [{ ...other, jointDecisionOn: "2026-01-18" }, prof], consent }).eligible).toBe(true);
    expect(checkEligibility({ registered: true, barriers: [{ ...twoBarriers[0], resolvedOn: "2026-01-18" }, prof], consent }).eligible).toBe(false);
  });
});

describe("social-only support and appointments", () => {
  const running = () => apply(readyCase(), lifecycle.enter(readyCase(), { on: "2026-02-01", source: review("2026-02-01") }, basRhin));
  it("pauses job search for at most the convention's maximum, never past the hard stop; then resumes", () => {
    let c = running();
    expect(refusal(() => lifecycle.startSocialOnly(c, { on: "2026-03-01", personConsents: false, jointDecision: true }, basRhin)).code).toBe(
      "SOCIAL_ONLY_CONSENT_REQUIRED",
    );
    expect(refusal(() => lifecycle.startSocialOnly(c, { on: "2026-03-01", personConsents: true, jointDecision: false }, basRhin)).code).toBe(
      "SOCIAL_ONLY_JOINT_DECISION_REQUIRED",
    );
    c = apply(c, lifecycle.startSocialOnly(c, { on: "2026-03-01", personConsents: true, jointDecision: true }, basRhin));
    expect(c).toMatchObject({ status: "social_only", socialOnlyEndsBy: "2026-08-31" });
    expect(deadlinesOf(c, basRhin).map((d) => d.kind)).toContain("social_only_end");
    c = apply(c, lifecycle.endSocialOnly(c, { on: "2026-05-01" }));
    expect(c.status).toBe("active");
    expect(refusal(() => lifecycle.endSocialOnly(c, { on: "2026-05-02" })).code).toBe("SOCIAL_ONLY_NOT_RUNNING");
    const late = apply(c, { maxEndsOn: "2026-06-30" });
    expect(lifecycle.startSocialOnly(late, { on: "2026-06-01", personConsents: true, jointDecision: true }, basRhin).socialOnlyEndsBy).toBe("2026-06-30");
  });
  it("a missed first appointment is reported; an attended one meets the target", () => {
    let c = running();
    expect(lifecycle.recordAppointment(c, { kind: "social", on: "2026-02-10", status: "missed" }).missedFirst).toBe(true);
    const held = lifecycle.recordAppointment(c, { kind: "social", on: "2026-02-12", status: "attended" });
    c = apply(c, held.change);
    expect(c.firstSocialAppointmentOn).toBe("2026-02-12");
    expect(lifecycle.recordAppointment(c, { kind: "social", on: "2026-03-01", status: "missed" }).missedFirst).toBe(false);
    expect(deadlinesOf(c, basRhin)[0].label).toMatch(/Premier rendez-vous professionnel/);
  });
  it("a short job does not end the support; one that ends after the hard stop is flagged", () => {
    const c = running();
    expect(lifecycle.recordShortActivity(c, { startsOn: "2026-03-01", endsOn: "2026-05-31" })).toEqual({ beyondMaximum: false });
    expect(lifecycle.recordShortActivity(c, { startsOn: "2026-12-01", endsOn: "2027-03-31" })).toEqual({ beyondMaximum: true });
  });
});
