import type { DataObligationKey } from "../../../domain/convention/dataClauses.js";
import { delayLabel } from "../../../domain/convention/delays.js";
import type { Delay } from "../../../shared/contracts/conventionFile.js";
import { dataClausesOf } from "../../convention/conventionTerms.js";
import { actsUnderConvention } from "../../convention/conventionsOfParty.js";
import type { Db } from "../../platform/db.js";
import { registerErrors } from "./registerErrors.js";

export type RegisterClock = { number: string; delay: Delay; label: string; source: string };

/**
 * Answering a person within one month is the law's own delay (RGPD art. 12.3) when the convention
 * says nothing: a party never answers later than that (ADR 0031). A breach notice to the other
 * party has no such default: without the convention's clause there is no clock to run.
 */
const RGPD_RIGHTS_ANSWER = { delay: { value: 1, unit: "months" } as Delay, source: "RGPD art. 12.3 — un mois à compter de la réception de la demande (la convention ne fixe pas de délai)" };

/**
 * The clock of a register entry from the convention the organisation acts under on the date: its
 * data clause in force then (delay in its own unit, with its article). A field error otherwise.
 */
export async function registerClock(db: Db, organisationId: string, conventionId: string, onDate: string, key: Extract<DataObligationKey, "rights_answer" | "breach_notice">): Promise<RegisterClock> {
  if (!(await actsUnderConvention(db, organisationId, conventionId, onDate))) throw registerErrors.conventionNotOfOrganisation();
  const clauses = await dataClausesOf(db, conventionId, onDate);
  if (!clauses) throw registerErrors.conventionNotOfOrganisation();
  const clause = clauses.obligations.find((o) => o.key === key);
  if (clause) return { number: clauses.number, delay: clause.delay, label: delayLabel(clause.delay), source: clause.source };
  if (key === "breach_notice") throw registerErrors.noBreachClause(clauses.number);
  return { number: clauses.number, delay: RGPD_RIGHTS_ANSWER.delay, label: delayLabel(RGPD_RIGHTS_ANSWER.delay), source: RGPD_RIGHTS_ANSWER.source };
}

/** The clock a form shows before anything is recorded (null: none). */
export async function clockOrNull(db: Db, organisationId: string, conventionId: string, onDate: string, key: "rights_answer" | "breach_notice") {
  try {
    const c = await registerClock(db, organisationId, conventionId, onDate, key);
    return { label: c.label, source: c.source };
  } catch {
    return null;
  }
}
