import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { GlobalSupportTerms } from "../convention/globalSupportTerms.js";
import { conventionEndWarningDay, requireConventionRunning } from "./conventionEnd.js";
import { deadlinesOf } from "./deadlines.js";
import * as lifecycle from "./lifecycle.js";
import type { SupportCaseFacts } from "./lifecycle.js";
import { type ProgrammeRules, SupportRuleViolation } from "./rules.js";

/**
 * Issue 10: the social-only cap as the convention says it (per episode or in total), enforced at
 * the cap; and a support never planned past the end of the convention that runs it (ADR 0024).
 * Every expected date is written out.
 */
function seedRules(file: string): ProgrammeRules {
  const doc = parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../../conventions", file), "utf8"));
  return { conventionNumber: doc.convention.number, terms: doc.convention.programmes.globalSupport as GlobalSupportTerms };
}
/** Bas-Rhin writes 6 months of social-only support, « pour 6 mois maximum » each time (002 art. 2). */
const basRhin = seedRules("bas-rhin-2021-accompagnement-global.yaml");
/** Creuse runs 12 months + one renewal of at most 6 (max 18). */
const creuse = seedRules("creuse-2023-accompagnement-global.yaml");
const inTotal: ProgrammeRules = { ...basRhin, terms: { ...basRhin.terms, socialOnlyCap: "in_total" } };

/** A Bas-Rhin case entered on 15 January 2025: first period to 14 July 2025, hard stop 14 January 2026. */
const active = (over: Partial<SupportCaseFacts> = {}): SupportCaseFacts => ({
  status: "active",
  origin: "france_travail",
  orientedOn: "2025-01-06",
  registered: true,
  barriers: [
    { category: "social", code: "housing", jointDecisionOn: null, resolvedOn: null },
    { category: "professional", code: "mobility", jointDecisionOn: null, resolvedOn: null },
  ],
  consent: { givenOn: "2025-01-06", method: "in_person" },
  diagnosis: { kind: "shared", on: "2025-01-06", disagreement: false },
  pair: { advisorId: "a1", socialWorkerId: "s1" },
  enteredOn: "2025-01-15",
  periodEndsOn: "2025-07-14",
  maxEndsOn: "2026-01-14",
  renewalsUsed: 0,
  socialOnlyStartedOn: null,
  socialOnlyEndsBy: null,
  firstSocialAppointmentOn: null,
  firstProfessionalAppointmentOn: null,
  exitedOn: null,
  exitType: null,
  ...over,
});
const consenting = { personConsents: true, jointDecision: true };

function refusal(fn: () => unknown): SupportRuleViolation {
  try {
    fn();
  } catch (e) {
    if (e instanceof SupportRuleViolation) return e;
    throw e;
  }
  throw new Error("la transition aurait dû être refusée");
}

describe("social-only support capped per episode (the default, Bas-Rhin)", () => {
  it("each episode runs at most 6 months from its own first day, whatever the earlier ones used", () => {
    expect(basRhin.terms.socialOnlyCap ?? "per_episode").toBe("per_episode");
    expect(lifecycle.startSocialOnly(active(), { on: "2025-02-15", ...consenting }, basRhin)).toMatchObject({ socialOnlyEndsBy: "2025-08-14" });
    // A second episode after a first one of 5 months still gets its 6 months (within the hard stop).
    const second = lifecycle.startSocialOnly(active({ periodEndsOn: "2026-01-14" }), { on: "2025-09-01", ...consenting }, basRhin, [{ from: "2025-02-15", to: "2025-07-15" }]);
    expect(second).toMatchObject({ socialOnlyEndsBy: "2026-01-14" });
    const early = lifecycle.startSocialOnly(active(), { on: "2025-03-01", ...consenting }, basRhin, [{ from: "2025-02-01", to: "2025-02-20" }]);
    expect(early).toMatchObject({ socialOnlyEndsBy: "2025-08-31" });
  });
});

describe("social-only support capped in total", () => {
  const first = { from: "2025-02-15", to: "2025-04-25" }; // 69 days
  it("the episodes share the 181 days of the 6 months from the first episode's first day (15/02/2025 → 14/08/2025)", () => {
    expect(lifecycle.startSocialOnly(active(), { on: "2025-02-15", ...consenting }, inTotal)).toMatchObject({ socialOnlyEndsBy: "2025-08-14" });
    // 181 − 69 = 112 days left: from 1 June to 20 September.
    expect(lifecycle.startSocialOnly(active({ periodEndsOn: "2026-01-14" }), { on: "2025-06-01", ...consenting }, inTotal, [first])).toMatchObject({
      socialOnlyEndsBy: "2025-09-20",
    });
  });

  it("at the cap a new episode is refused with the rule cited: the person resumes or exits", () => {
    const second = { from: "2025-06-01", to: "2025-09-21" }; // 112 days: all 181 used
    const refused = refusal(() => lifecycle.startSocialOnly(active({ periodEndsOn: "2026-01-14" }), { on: "2025-10-01", ...consenting }, inTotal, [first, second]));
    expect(refused.code).toBe("SOCIAL_ONLY_CAP_REACHED");
    expect(refused.message).toBe(
      "Nouvel accompagnement social exclusif refusé : la convention le limite à 6 mois au total sur l’accompagnement (181 jours à compter du 15/02/2025, début du premier épisode), et les 181 jours ont été utilisés (convention n° BAS-RHIN-2021-AG, 002 art. 2 — suspendu temporairement et pour 6 mois maximum). La personne poursuit son parcours vers l’emploi ou sort de l’accompagnement.",
    );
    // One day left: an episode of one day.
    expect(
      lifecycle.startSocialOnly(active({ periodEndsOn: "2026-01-14" }), { on: "2025-10-01", ...consenting }, inTotal, [first, { from: "2025-06-01", to: "2025-09-20" }]),
    ).toMatchObject({ socialOnlyEndsBy: "2025-10-01" });
  });

  it("never past the support's hard stop", () => {
    expect(lifecycle.startSocialOnly(active({ maxEndsOn: "2025-05-31" }), { on: "2025-05-01", ...consenting }, inTotal, [first])).toMatchObject({
      socialOnlyEndsBy: "2025-05-31",
    });
  });
});

describe("at the cap the case resumes or exits", () => {
  const atCap = active({ status: "social_only", socialOnlyStartedOn: "2025-02-15", socialOnlyEndsBy: "2025-08-14" });
  it("the deadline says it, with the convention's words", () => {
    expect(deadlinesOf(atCap, inTotal).find((d) => d.kind === "social_only_end")).toMatchObject({
      dueOn: "2025-08-14",
      label: "Fin de l’accompagnement social exclusif (au plus 6 mois au total) : reprise ou sortie",
    });
  });
  it("a renewal dated after the cap is refused; the resumption is dated the day after the cap at the latest", () => {
    const renewal = refusal(() => lifecycle.renew(atCap, { on: "2025-08-20" }, basRhin));
    expect(renewal.code).toBe("SOCIAL_ONLY_CAP_PASSED");
    expect(renewal.message).toBe(
      "Renouvellement impossible : l’accompagnement social exclusif a atteint sa durée maximale le 14/08/2025 (convention n° BAS-RHIN-2021-AG, 002 art. 2 — suspendu temporairement et pour 6 mois maximum). La personne reprend son parcours vers l’emploi (au plus tard le 15/08/2025) ou sort de l’accompagnement.",
    );
    expect(refusal(() => lifecycle.endSocialOnly(atCap, { on: "2025-08-16" }, basRhin)).code).toBe("SOCIAL_ONLY_CAP_PASSED");
    expect(lifecycle.endSocialOnly(atCap, { on: "2025-08-15" }, basRhin)).toMatchObject({ status: "active" });
    expect(lifecycle.exit(atCap, { on: "2025-08-20", type: "drop_out" })).toMatchObject({ status: "exited" });
  });
});

describe("a support is not planned past the end of the convention that runs it", () => {
  const ready = active({ status: "awaiting_entry", enteredOn: null, periodEndsOn: null, maxEndsOn: null });
  const endsOn = (rules: ProgrammeRules, on: string): ProgrammeRules => ({ ...rules, conventionEndsOn: on });

  it("an entry whose first period would run past the end is refused, with the dates", () => {
    const review = { kind: "review" as const, reviewId: null, reviewedOn: "2025-07-02" };
    const refused = refusal(() => lifecycle.enter(ready, { on: "2025-07-02", source: review }, endsOn(basRhin, "2025-12-31")));
    expect(refused.code).toBe("SUPPORT_PAST_CONVENTION_END");
    expect(refused.message).toBe(
      "Entrée refusée : la première période dure 6 mois (convention n° BAS-RHIN-2021-AG, 002 art. 2 g) — durée de 6 mois) : la période irait jusqu’au 01/01/2026, au-delà de la fin de la convention n° BAS-RHIN-2021-AG le 31/12/2025 (un accompagnement ne se prévoit pas au-delà de la convention qui le porte). Renouvelez d’abord la convention par avenant.",
    );
    expect(lifecycle.enter(ready, { on: "2025-07-01", source: review }, endsOn(basRhin, "2025-12-31"))).toMatchObject({ periodEndsOn: "2025-12-31" });
  });

  it("a renewal past the end is refused, saying how long a renewal still fits", () => {
    // Creuse: entered 15/01/2025, first period to 14/01/2026; a 6-month renewal would end 14/07/2026.
    const c = active({ periodEndsOn: "2026-01-14", maxEndsOn: "2026-07-14" });
    const refused = refusal(() => lifecycle.renew(c, { on: "2026-01-05" }, endsOn(creuse, "2026-05-31")));
    expect(refused.code).toBe("SUPPORT_PAST_CONVENTION_END");
    expect(refused.message).toContain("la période irait jusqu’au 14/07/2026, au-delà de la fin de la convention n° CREUSE-2023-AG le 31/05/2026");
    expect(refused.message).toContain("Un renouvellement de 4 mois au plus y tient.");
    expect(lifecycle.renew(c, { on: "2026-01-05", months: 4 }, endsOn(creuse, "2026-05-31"))).toMatchObject({ periodEndsOn: "2026-05-14" });
  });

  it("after the end, no new act: CONVENTION_ENDED names the convention and its last day", () => {
    expect(() => requireConventionRunning(endsOn(basRhin, "2025-12-31"), "2025-12-31")).not.toThrow();
    const refused = refusal(() => requireConventionRunning(endsOn(basRhin, "2025-12-31"), "2026-01-01"));
    expect(refused.code).toBe("CONVENTION_ENDED");
    expect(refused.message).toBe(
      "La convention n° BAS-RHIN-2021-AG a pris fin le 31/12/2025 : les accompagnements qu’elle porte ne prennent plus de nouvel acte. Enregistrez la sortie (datée au plus tard du 31/12/2025) ou renouvelez la convention par avenant.",
    );
  });

  it("the parties are warned 3 months before the end (the day after the last day, 3 months back)", () => {
    expect(conventionEndWarningDay("2025-12-31")).toBe("2025-10-01");
    expect(conventionEndWarningDay("2026-06-30")).toBe("2026-04-01");
    expect(conventionEndWarningDay("2026-02-28")).toBe("2025-12-01");
    // 31 May less 3 months: there is no 31 February, so 1 March (never clamped, ADR 0006).
    expect(conventionEndWarningDay("2028-05-30")).toBe("2028-03-01");
    expect(conventionEndWarningDay("2028-05-28")).toBe("2028-02-29");
  });
});
