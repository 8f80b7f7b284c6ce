import type { ImmersionRefusal } from "../../domain/immersion/immersionRules.js";
import { AppError } from "../platform/errors.js";

/** A refusal about a field of the request body (`body.<field>`: the form shows it next to that field). */
const field = (status: number, code: string, path: string, message: string) => new AppError(status, code, message, { issues: [{ path: `body.${path}`, message }] });

/** The immersion context's refusals (ADR 0036): stable codes, French messages, the field they concern. */
export const immersionErrors = {
  notFound: () => new AppError(404, "IMMERSION_NOT_FOUND", "Immersion introuvable."),
  conventionNotFound: () => new AppError(404, "CONVENTION_NOT_FOUND", "Convention introuvable."),
  noImmersionTerms: (number: string) =>
    field(409, "IMMERSION_NOT_IN_CONVENTION", "conventionId", `La convention ${number} ne prévoit pas d’immersions professionnelles (PMSMP) : son fichier n’a pas de section « programmes.immersion ».`),
  conventionNotInForce: (number: string) => field(409, "IMMERSION_CONVENTION_NOT_IN_FORCE", "conventionId", `La convention ${number} n’est pas en vigueur aujourd’hui : aucune immersion ne s’y enregistre.`),
  forbidden: () =>
    new AppError(403, "IMMERSION_FORBIDDEN", "Seul un conseiller France Travail agissant sous la convention prescrit une immersion ; la structure d’accueil en fait le bilan avec lui."),
  hostTradesForbidden: () => new AppError(403, "IMMERSION_HOST_TRADES_FORBIDDEN", "Seul l’administrateur de la structure d’accueil déclare les métiers qu’elle exerce."),
  personNotFound: () => field(404, "IMMERSION_PERSON_NOT_FOUND", "jobSeekerId", "Aucune personne de votre territoire ne correspond : choisissez-la dans la recherche."),
  personLimited: () =>
    field(409, "PROCESSING_LIMITED", "jobSeekerId", "Le traitement des données de cette personne est limité à sa demande (RGPD art. 18) : aucune immersion ne peut être enregistrée."),
  hostNotInTerms: (number: string) => field(400, "IMMERSION_HOST_NOT_IN_TERMS", "hostOrganisationId", `Cette structure n’est pas une structure d’accueil prévue par la convention ${number}.`),
  unknownTrades: (codes: string[]) =>
    field(400, "IMMERSION_TRADE_UNKNOWN", "romeCodes", `Code(s) ROME absent(s) du référentiel chargé : ${codes.join(", ")}.`),
  unknownSkills: (codes: string[]) => field(400, "IMMERSION_SKILL_UNKNOWN", "skillsObserved", `Compétence(s) absente(s) du référentiel ROME : ${codes.join(", ")}.`),
  refused: (refusals: ImmersionRefusal[]) =>
    new AppError(400, refusals[0].code, refusals[0].message, { issues: refusals.map((r) => ({ path: `body.${r.path}`, message: r.message, code: r.code })) }),
};
