import { Ajv2020, type ErrorObject } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { openingHoursProblem } from "../../domain/directory/openingHours.js";
import serviceSchema from "./schema/service.json" with { type: "json" };
import structureSchema from "./schema/structure.json" with { type: "json" };

/**
 * The data·inclusion schema 1.x, as published (src/server/directory/schema, see its README),
 * checked by a real JSON Schema validator (Ajv, draft 2020-12, with the `date`, `email` and `uri`
 * formats the schema uses), and the OSM opening_hours syntax its description requires of
 * `horaires_accueil`. Every record Tandem writes, imports or exports goes through here.
 */
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats.default(ajv);
const validators = { structures: ajv.compile(structureSchema), services: ajv.compile(serviceSchema) };
export type Collection = keyof typeof validators;

export type RecordIssue = { field: string; value: unknown; message: string };

/** The record's problems against the schema, one per field, in French; none when it is valid. */
export function schemaIssues(collection: Collection, record: unknown): RecordIssue[] {
  const validate = validators[collection];
  const valid = validate(record);
  const byField = new Map<string, RecordIssue>();
  for (const e of valid ? [] : (validate.errors ?? [])) {
    const field = fieldOf(e);
    // The zone's codes are a union of five patterns: the first branch's complaint would mislead.
    const message = field === "zone_eligibilite" && e.instancePath.split("/").length > 2 ? ZONE_CODE_MESSAGE : frenchMessage(e);
    // A nullable field fails its `null` branch and the union as well: the branch that says why wins.
    if (!message) continue;
    if (!byField.has(field)) byField.set(field, { field, value: e.keyword === "required" ? null : valueAt(record, e.instancePath), message });
  }
  // The schema says it in prose (« Doit être au format OpenStreetMap Opening Hours ») rather than as a pattern.
  const hours = (record as { horaires_accueil?: unknown } | null)?.horaires_accueil;
  const hoursProblem = typeof hours === "string" ? openingHoursProblem(hours) : null;
  if (hoursProblem && !byField.has("horaires_accueil")) byField.set("horaires_accueil", { field: "horaires_accueil", value: hours, message: hoursProblem });
  // The same for `publics` (« Celle-ci ne peut pas être utilisée avec d’autres valeurs », service.json):
  // « tous-publics » stands alone.
  const publics = (record as { publics?: unknown } | null)?.publics;
  if (Array.isArray(publics) && publics.includes(TOUS_PUBLICS) && publics.length > 1 && !byField.has("publics")) {
    byField.set("publics", { field: "publics", value: publics, message: TOUS_PUBLICS_MESSAGE });
  }
  if (!valid && byField.size === 0) byField.set("", { field: "", value: null, message: "L’enregistrement ne respecte pas le schéma data·inclusion." });
  return [...byField.values()];
}

const TOUS_PUBLICS = "tous-publics";
export const TOUS_PUBLICS_MESSAGE = "« Tous publics » s’emploie seul : décochez-le ou décochez les autres publics (schéma data·inclusion).";

const ZONE_CODE_MESSAGE = "Code du Code officiel géographique attendu : commune (5 caractères), département (2 ou 3), EPCI (SIREN à 9 chiffres), pays (99xxx) ou « france ».";

function fieldOf(e: ErrorObject): string {
  const path = e.instancePath.replace(/^\//, "").split("/").filter(Boolean);
  if (e.keyword === "required") path.push(String((e.params as { missingProperty: string }).missingProperty));
  return path[0] ?? "";
}

function valueAt(record: unknown, pointer: string): unknown {
  let v: unknown = record;
  for (const part of pointer.split("/").filter(Boolean)) v = v && typeof v === "object" ? (v as Record<string, unknown>)[part] : undefined;
  return v ?? null;
}

function frenchMessage(e: ErrorObject): string | null {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return "Champ obligatoire du schéma data·inclusion absent.";
    case "type":
      return p.type === "null" ? null : `Type attendu : ${typeWord(String(p.type))}.`;
    case "enum":
      return "Valeur absente du référentiel data·inclusion.";
    case "const":
      return null;
    case "format":
      return p.format === "date" ? "Date attendue au format AAAA-MM-JJ." : p.format === "email" ? "Adresse électronique invalide." : "Adresse web (URL) invalide.";
    case "pattern":
      return "Format invalide pour ce champ (codes INSEE, postaux ou SIRET attendus).";
    case "minLength":
      return `${Number(p.limit)} caractères au moins.`;
    case "maxLength":
      return `${Number(p.limit)} caractères au plus.`;
    case "minItems":
      return "Au moins une valeur attendue.";
    case "uniqueItems":
      return "Une même valeur figure deux fois.";
    case "minimum":
      return `Valeur minimale : ${Number(p.limit)}.`;
    case "anyOf":
      return null;
    default:
      return "Valeur non conforme au schéma data·inclusion.";
  }
}

const typeWord = (t: string) => ({ string: "texte", number: "nombre", integer: "nombre entier", array: "liste", object: "objet", boolean: "booléen" })[t] ?? t;
