import { delayInterval } from "../../domain/convention/delays.js";
import { type IndicatorDefinition, INDICATOR_DEFINITIONS, NATIONAL_INDICATOR_KEYS } from "../../domain/indicators/definitions.js";
import { conventionReaderOrganisationIds, termsInForce } from "../convention/conventionTerms.js";
import type { ConventionTerms } from "../../shared/contracts/conventionFile.js";
import type { Db } from "../platform/db.js";
import { AppError } from "../platform/errors.js";
import { can } from "../platform/policies.js";
import type { SessionUser } from "../platform/requestContext.js";
import { type ComputableDefinition, INDICATOR_RULES } from "./indicatorSql.js";

export const indicatorErrors = {
  conventionNotFound: () => new AppError(404, "CONVENTION_NOT_FOUND", "Convention introuvable."),
  forbidden: () =>
    new AppError(403, "INDICATORS_FORBIDDEN", "Les indicateurs d’une convention sont réservés au pilotage de ses parties."),
  periodInvalid: () =>
    new AppError(400, "INDICATOR_PERIOD_INVALID", "Période attendue : 2026-T4 (trimestre), 2026-S2 (semestre) ou 2026 (année)."),
  territoryUnknown: () =>
    new AppError(400, "INDICATOR_TERRITORY_UNKNOWN", "Intercommunalité inconnue du référentiel officiel.", {
      issues: [{ path: "querystring.territory", message: "Intercommunalité inconnue du référentiel officiel." }],
    }),
  indicatorUnknown: (key: string) => new AppError(404, "INDICATOR_UNKNOWN", `Indicateur inconnu pour cette convention : « ${key} ».`),
  alreadyFrozen: (period: string) =>
    new AppError(409, "INDICATORS_ALREADY_FROZEN", `Les indicateurs de la période ${period} ont déjà été figés : ils ne changent plus.`),
  periodNotOver: () =>
    new AppError(409, "INDICATOR_PERIOD_NOT_OVER", "Une période ne peut être figée qu’une fois terminée."),
};

/** The current definitions with their SQL rules: what the dashboard computes live. */
export const CURRENT_DEFINITIONS: readonly ComputableDefinition[] = INDICATOR_DEFINITIONS.map((d) => ({ ...d, rule: INDICATOR_RULES[d.key] ?? null }));

/** The convention's terms the dashboard needs, read through the convention context, on the period's last day. */
export type IndicatorConvention = {
  id: string;
  number: string;
  title: string;
  keys: string[];
  /** The commitments an indicator measures (`commitments[].indicator` in the file), with their terms. */
  commitments: ConventionTerms["commitments"];
  orientDelay: string | null;
  firstDelay: string | null;
};

export async function indicatorConvention(db: Db, conventionId: string, onDate: string): Promise<IndicatorConvention> {
  const terms = await termsInForce(db, conventionId, onDate);
  if (!terms) throw indicatorErrors.conventionNotFound();
  const gs = terms.programmes.globalSupport;
  const listed = terms.indicators.map((i) => i.key);
  const commitments = terms.commitments.filter((c) => c.indicator !== undefined);
  // The national indicators of global support, shown for every convention that runs it; then those measuring a commitment.
  const keys = [...new Set([...listed, ...(gs ? NATIONAL_INDICATOR_KEYS : []), ...commitments.map((c) => c.indicator as string)])];
  return {
    id: conventionId,
    number: terms.number,
    title: terms.title,
    keys,
    commitments,
    orientDelay: gs ? delayInterval(gs.orientationToStart) : null,
    firstDelay: gs ? delayInterval(gs.entryToFirstAppointments) : null,
  };
}

/** Refuses anyone but the steering users of the convention's parties (their child organisations included); gives those parties. */
export async function authorizeIndicators(db: Db, user: SessionUser, conventionId: string, action: "indicators.read" | "indicators.freeze") {
  const readers = await conventionReaderOrganisationIds(db, conventionId);
  if (readers.length === 0) throw indicatorErrors.conventionNotFound();
  if (!can(user, action, { partyOrganisationIds: readers })) throw indicatorErrors.forbidden();
  return readers;
}

/** The convention's definitions, in its file's order then the national ones. */
export const definitionsFor = (keys: string[], definitions: readonly ComputableDefinition[] = CURRENT_DEFINITIONS) =>
  keys.map((k) => definitions.find((d) => d.key === k)).filter((d): d is ComputableDefinition => d !== undefined);

export type { IndicatorDefinition };
