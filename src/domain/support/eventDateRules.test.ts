import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { GlobalSupportTerms } from "../convention/globalSupportTerms.js";
import { type DatedEvent, eventDateProblems, orientationDateProblems, reviewDateProblem } from "./eventDateRules.js";
import type { SupportCaseFacts } from "./lifecycle.js";
import type { ProgrammeRules } from "./rules.js";

/** The programme's terms exactly as the seed convention file writes them. */
function seedRules(file: string): ProgrammeRules {
  const doc = parse(fs.readFileSync(path.resolve(import.meta.dirname, "../../../conventions", file), "utf8"));
  return { conventionNumber: doc.convention.number, terms: doc.convention.programmes.globalSupport as GlobalSupportTerms };
}
const basRhin = seedRules("bas-rhin-2021-accompagnement-global.yaml");
const creuse = seedRules("creuse-2023-accompagnement-global.yaml");

const today = "2026-11-30";
/** Oriented on 12 March 2026, consent on the 14th, diagnosis on the 20th. */
const beforeEntry: SupportCaseFacts = {
  status: "diagnosed",
  origin: "france_travail",
  orientedOn: "2026-03-12",
  registered: true,
  barriers: [],
  consent: { givenOn: "2026-03-14", method: "in_person" },
  diagnosis: { kind: "shared", on: "2026-03-20", disagreement: false },
  pair: { advisorId: "a1", socialWorkerId: "s1" },
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
};
/** Entered on 1 April 2026 under Bas-Rhin's terms (6 months + 6, at the latest on 31 March 2027). */
const running: SupportCaseFacts = { ...beforeEntry, status: "active", enteredOn: "2026-04-01", periodEndsOn: "2026-09-30", maxEndsOn: "2027-03-31" };
const socialOnly: SupportCaseFacts = { ...running, status: "social_only", socialOnlyStartedOn: "2026-06-15", socialOnlyEndsBy: "2026-12-14" };
const exited: SupportCaseFacts = { ...running, status: "exited", exitedOn: "2026-10-15", exitType: "training" };

/** The first problem as « CODE: message », or "ok". */
const verdict = (c: SupportCaseFacts, e: DatedEvent, rules: ProgrammeRules = basRhin) => {
  const [p] = eventDateProblems(c, e, { today, rules });
  return p ? `${p.code}: ${p.message}` : "ok";
};

describe("the date of each event, against the case's own dates", () => {
  it.each<[string, SupportCaseFacts, DatedEvent, string]>([
    // Nothing before the orientation
    ["consent the day of the orientation", beforeEntry, { kind: "consent", on: "2026-03-12" }, "ok"],
    ["consent in 2019", beforeEntry, { kind: "consent", on: "2019-05-14" }, "DATE_BEFORE_ORIENTATION: Le consentement ne peut pas précéder l’orientation (12/03/2026)."],
    ["diagnosis before orientation", beforeEntry, { kind: "diagnosis", on: "2026-03-01" }, "DATE_BEFORE_ORIENTATION: Le diagnostic ne peut pas précéder l’orientation (12/03/2026)."],
    ["barrier observed before orientation", beforeEntry, { kind: "barrier_observed", on: "2025-12-01" }, "DATE_BEFORE_ORIENTATION: Le constat d’un frein ne peut pas précéder l’orientation (12/03/2026)."],
    ["refusal before orientation", beforeEntry, { kind: "refusal", on: "2026-03-11" }, "DATE_BEFORE_ORIENTATION: Le refus d’entrée ne peut pas précéder l’orientation (12/03/2026)."],
    // A barrier is lifted or admitted after it was observed
    ["barrier lifted before it was observed", running, { kind: "barrier_resolved", on: "2026-04-02", observedOn: "2026-05-10" }, "DATE_BEFORE_OBSERVATION: La levée du frein ne peut pas précéder le constat du frein (10/05/2026)."],
    ["barrier admitted the day it was observed", running, { kind: "barrier_admitted", on: "2026-05-10", observedOn: "2026-05-10" }, "ok"],
    // The entry follows what it needs
    ["entry after the diagnosis", beforeEntry, { kind: "entry", on: "2026-04-01" }, "ok"],
    [
      "entry before the consent (collected after the diagnosis)",
      { ...beforeEntry, consent: { givenOn: "2026-03-25", method: "phone" } },
      { kind: "entry", on: "2026-03-22" },
      "DATE_BEFORE_CONSENT: L’entrée en accompagnement ne peut pas précéder le consentement de la personne (25/03/2026).",
    ],
    ["entry before the diagnosis", beforeEntry, { kind: "entry", on: "2026-03-15" }, "DATE_BEFORE_DIAGNOSIS: L’entrée en accompagnement ne peut pas précéder le diagnostic (20/03/2026)."],
    ["entry in 2015: the latest date it precedes names the rule", beforeEntry, { kind: "entry", on: "2015-01-01" }, "DATE_BEFORE_DIAGNOSIS: L’entrée en accompagnement ne peut pas précéder le diagnostic (20/03/2026)."],
    ["entry tomorrow", beforeEntry, { kind: "entry", on: "2026-12-01" }, "DATE_IN_FUTURE: L’entrée en accompagnement ne peut pas être datée après aujourd’hui (30/11/2026)."],
    // Nothing of the support before its entry
    ["an appointment from 2015", running, { kind: "appointment", on: "2015-03-10", status: "attended" }, "DATE_BEFORE_ENTRY: Un rendez-vous ne peut pas précéder l’entrée en accompagnement (01/04/2026)."],
    ["an appointment held today", running, { kind: "appointment", on: today, status: "attended" }, "ok"],
    ["an appointment missed tomorrow", running, { kind: "appointment", on: "2026-12-01", status: "missed" }, "DATE_IN_FUTURE: Un rendez-vous qui a eu lieu (ou manqué) ne peut pas être daté après aujourd’hui (30/11/2026)."],
    ["an appointment planned next week", running, { kind: "appointment", on: "2026-12-07", status: "planned" }, "ok"],
    ["an appointment planned last week", running, { kind: "appointment", on: "2026-11-23", status: "planned" }, "DATE_IN_PAST: Un rendez-vous prévu ne peut pas être daté avant aujourd’hui (30/11/2026) : indiquez si la personne est venue."],
    ["an appointment planned after the hard stop", running, { kind: "appointment", on: "2027-04-01", status: "planned" }, "DATE_AFTER_SUPPORT_END: Un rendez-vous ne peut pas suivre la fin au plus tard de l’accompagnement (31/03/2027)."],
    ["a renewal before the entry", running, { kind: "renewal", on: "2026-03-31" }, "DATE_BEFORE_ENTRY: Le renouvellement ne peut pas précéder l’entrée en accompagnement (01/04/2026)."],
    ["social-only support from the day of the entry", running, { kind: "social_only_start", on: "2026-04-01" }, "ok"],
    ["social-only support from next month", running, { kind: "social_only_start", on: "2026-12-01" }, "DATE_IN_FUTURE: Le début de l’accompagnement social exclusif ne peut pas être daté après aujourd’hui (30/11/2026)."],
    ["resuming before social-only support began", socialOnly, { kind: "social_only_end", on: "2026-06-01" }, "DATE_BEFORE_SOCIAL_ONLY_START: La reprise du parcours emploi ne peut pas précéder le début de l’accompagnement social exclusif (15/06/2026)."],
    // The exit
    ["exit before the entry", running, { kind: "exit", on: "2026-03-31", latestFact: null }, "DATE_BEFORE_ENTRY: La sortie ne peut pas précéder l’entrée en accompagnement (01/04/2026)."],
    [
      "exit before the last appointment held",
      running,
      { kind: "exit", on: "2026-11-01", latestFact: { on: "2026-11-10", label: "Rendez-vous social honoré" } },
      "DATE_BEFORE_LAST_EVENT: La sortie ne peut pas précéder le dernier fait enregistré, «\u00a0Rendez-vous social honoré\u00a0» (10/11/2026).",
    ],
    ["exit the day of the last fact", running, { kind: "exit", on: "2026-11-10", latestFact: { on: "2026-11-10", label: "Renouvellement n° 1" } }, "ok"],
    ["exit tomorrow", running, { kind: "exit", on: "2026-12-01", latestFact: null }, "DATE_IN_FUTURE: La sortie ne peut pas être datée après aujourd’hui (30/11/2026)."],
    // Nothing after the exit
    ["an appointment after the exit", exited, { kind: "appointment", on: "2026-10-20", status: "attended" }, "DATE_AFTER_EXIT: Un rendez-vous ne peut pas suivre la sortie de l’accompagnement (15/10/2026)."],
    ["an appointment before the exit", exited, { kind: "appointment", on: "2026-10-14", status: "attended" }, "ok"],
  ])("%s", (_name, c, e, expected) => {
    expect(verdict(c, e)).toBe(expected);
  });
});

describe("a short job or training lasts less than the convention's limit", () => {
  it.each<[string, string, string | null, string]>([
    ["5 months", "2026-06-01", "2026-10-31", "ok"],
    ["one day short of 6 months", "2026-06-01", "2026-11-29", "ok"],
    ["6 months exactly", "2026-06-01", "2026-11-30", "SHORT_ACTIVITY_TOO_LONG"],
    ["8 months", "2026-06-01", "2027-01-31", "SHORT_ACTIVITY_TOO_LONG"],
    ["an end not known yet", "2026-06-01", null, "ok"],
    ["an end before its start", "2026-06-01", "2026-05-31", "DATE_BEFORE_START"],
    ["starting before the entry", "2026-03-01", "2026-05-31", "DATE_BEFORE_ENTRY"],
    ["starting next week", "2026-12-07", "2027-02-28", "DATE_IN_FUTURE"],
  ])("%s", (_name, on, endsOn, expected) => {
    const [p] = eventDateProblems(running, { kind: "short_activity", on, endsOn }, { today, rules: basRhin });
    expect(p?.code ?? "ok").toBe(expected);
  });

  it("says the limit, where the convention writes it, and the last day the activity may end; on the end date's field", () => {
    expect(eventDateProblems(running, { kind: "short_activity", on: "2026-06-01", endsOn: "2027-01-31" }, { today, rules: basRhin })).toEqual([
      {
        code: "SHORT_ACTIVITY_TOO_LONG",
        message:
          "Un emploi court ou une formation courte dure moins de 6 mois (convention n° BAS-RHIN-2021-AG, 002 art. 2 g) — formation courte ou emploi d’une durée inférieure à 6 mois) : commencée le 01/06/2026, l’activité doit finir au plus tard le 29/11/2026.",
        field: "endsOn",
      },
    ]);
    expect(
      eventDateProblems(running, { kind: "short_activity", on: "2026-12-07", endsOn: "2026-12-20" }, { today, rules: basRhin }).map((p) => [p.code, p.message]),
    ).toEqual([
      [
        "DATE_IN_FUTURE",
        "Le début de l’activité ne peut pas être daté après aujourd’hui (30/11/2026) : un emploi court ou une formation courte s’enregistre une fois commencé.",
      ],
    ]);
  });

  it("reads the limit from the terms: a convention with 3 months refuses 4; one that sets none checks only the order of the dates", () => {
    const threeMonths: ProgrammeRules = { conventionNumber: "TEST-1", terms: { ...creuse.terms, shortActivityUnderMonths: 3, sources: { shortActivityUnderMonths: "art. 4" } } };
    const [p] = eventDateProblems(running, { kind: "short_activity", on: "2026-06-01", endsOn: "2026-09-30" }, { today, rules: threeMonths });
    expect(p.message).toBe(
      "Un emploi court ou une formation courte dure moins de 3 mois (convention n° TEST-1, art. 4) : commencée le 01/06/2026, l’activité doit finir au plus tard le 30/08/2026.",
    );
    const none: ProgrammeRules = { conventionNumber: "TEST-2", terms: { ...creuse.terms, shortActivityUnderMonths: null } };
    expect(eventDateProblems(running, { kind: "short_activity", on: "2026-06-01", endsOn: "2027-05-31" }, { today, rules: none })).toEqual([]);
  });
});

describe("the orientation and the portfolio review", () => {
  it("an orientation is not dated in the future, nor before its convention applies", () => {
    const convention = { number: "CREUSE-2023-AG", effectiveOn: "2023-01-01" };
    expect(orientationDateProblems(today, today, convention)).toEqual([]);
    expect(orientationDateProblems("2023-01-01", today, convention)).toEqual([]);
    expect(orientationDateProblems("2026-12-01", today, convention).map((p) => p.message)).toEqual(["L’orientation ne peut pas être datée après aujourd’hui (30/11/2026)."]);
    expect(orientationDateProblems("2022-12-31", today, convention).map((p) => `${p.code}: ${p.message}`)).toEqual([
      "DATE_BEFORE_CONVENTION: L’orientation ne peut pas précéder l’entrée en vigueur de la convention n° CREUSE-2023-AG (01/01/2023).",
    ]);
  });

  const convention = { number: "BAS-RHIN-2021-AG", effectiveOn: "2021-01-01", endsOn: "2027-12-31" };
  it.each<[string, string, string]>([
    ["today", today, "ok"],
    ["held last week, recorded today", "2026-11-23", "ok"],
    ["one month back", "2026-10-30", "ok"],
    ["one month and a day back", "2026-10-29", "REVIEW_DATE_TOO_OLD"],
    ["next month", "2026-12-30", "ok"],
    ["a month and a day ahead", "2026-12-31", "REVIEW_DATE_TOO_FAR_AHEAD"],
    ["2019, before the convention applies", "2019-06-03", "REVIEW_DATE_OUTSIDE_CONVENTION"],
    ["2030, after it ends", "2030-06-03", "REVIEW_DATE_OUTSIDE_CONVENTION"],
  ])("a review %s", (_name, heldOn, expected) => {
    expect(reviewDateProblem({ heldOn, today, convention, rules: basRhin })?.code ?? "ok").toBe(expected);
  });

  it("says the period, or the cadence with its source and the first or last day allowed", () => {
    expect(reviewDateProblem({ heldOn: "2019-06-03", today, convention, rules: basRhin })?.message).toBe(
      "Une revue de portefeuille se tient pendant l’application de la convention n° BAS-RHIN-2021-AG (du 01/01/2021 au 31/12/2027) : le 03/06/2019 est en dehors.",
    );
    expect(reviewDateProblem({ heldOn: "2026-08-01", today, convention, rules: basRhin })?.message).toBe(
      "Les revues de portefeuille se tiennent chaque mois (convention n° BAS-RHIN-2021-AG, 002 art. 5.2 a) — revues de portefeuille mensuelles) : une revue passée s’enregistre au plus 1 mois après, soit une date à partir du 30/10/2026.",
    );
    const quarterly: ProgrammeRules = { conventionNumber: "TEST-3", terms: { ...basRhin.terms, reviewCadenceMonths: 3, sources: {} } };
    expect(reviewDateProblem({ heldOn: "2027-03-15", today, convention, rules: quarterly })?.message).toBe(
      "Les revues de portefeuille se tiennent tous les 3 mois (convention n° TEST-3) : une revue se prépare au plus 3 mois à l’avance, soit une date jusqu’au 28/02/2027.",
    );
    expect(reviewDateProblem({ heldOn: "2027-02-28", today, convention, rules: quarterly })).toBeNull();
  });
});
