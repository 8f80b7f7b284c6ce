import { type CalendarDate, isCalendarDate } from "../shared/calendarDate.js";
import { LIST_KINDS, type ListField, type ListSource, type Mapping } from "./listKinds.js";

/**
 * One line of a received list, checked field by field: the values as stored, or the problems
 * (column, value, French message). Pure: the reader gives the cells, the import writes the result.
 */
export type ListRow = {
  line: number;
  ftIdentifier: string;
  lastName: string;
  firstName: string;
  birthDate: CalendarDate | null;
  address: string | null;
  communeInsee: string | null;
  registeredOn: CalendarDate | null;
  movement: Movement | null;
  movementOn: CalendarDate | null;
  removalReason: string | null;
  removalMonths: number | null;
};
export type LineIssue = { line: number; column: string | null; value: string | null; message: string };
export type Movement = "registration" | "cancellation" | "removal" | "present";

const MOVEMENTS: Record<string, Movement> = {
  inscription: "registration",
  "nouvelle inscription": "registration",
  cessation: "cancellation",
  "cessation d inscription": "cancellation",
  annulation: "cancellation",
  radiation: "removal",
  present: "present",
  inscrit: "present",
  "liste globale": "present",
};

const fold = (s: string) =>
  s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/** jj/mm/aaaa (also j/m/aaaa); a date that does not exist (31/02/1980) is said so. */
export function parseFrenchDate(raw: string): { date: CalendarDate } | { message: string } {
  const m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(raw);
  if (!m) return { message: "Date attendue au format jj/mm/aaaa." };
  const iso = `${m[3]}-${m[2].padStart(2, "0")}-${m[1].padStart(2, "0")}`;
  if (!isCalendarDate(iso)) return { message: `Cette date n’existe pas (${raw}).` };
  return { date: iso };
}

/** France Travail identifiers arrive with stray spaces (« 1234 567A ») and in lower case. */
export const normaliseIdentifier = (raw: string) => raw.replace(/\s+/g, "").toUpperCase();
const IDENTIFIER = /^[0-9A-Z]{7,11}$/;
/** Five digits, or Corsica's 2A / 2B followed by three digits. */
const INSEE = /^(\d{5}|2[AB]\d{3})$/;

/**
 * Checks one line. `cell` gives the line's value in a column named by the header's text; `today`
 * bounds the dates (nobody registers tomorrow).
 */
export function validateLine(source: ListSource, mapping: Mapping, line: number, cell: (column: string) => string | undefined, today: CalendarDate): { row: ListRow | null; issues: LineIssue[] } {
  const issues: LineIssue[] = [];
  const fields = LIST_KINDS[source].fields;
  const raw = (f: ListField) => {
    const column = mapping[f];
    return column ? (cell(column) ?? "").trim() : "";
  };
  const issue = (f: ListField, message: string) => issues.push({ line, column: mapping[f] ?? null, value: raw(f) || null, message });
  const required = (f: ListField) => fields.some((s) => s.field === f && s.required);
  const text = (f: ListField, max: number): string | null => {
    const v = raw(f).replace(/\s+/g, " ");
    if (!v) {
      if (required(f)) issue(f, "Valeur obligatoire manquante.");
      return null;
    }
    if (v.length > max) {
      issue(f, `Texte trop long (${max} caractères au plus).`);
      return null;
    }
    return v;
  };
  const date = (f: ListField, notBefore: CalendarDate): CalendarDate | null => {
    const v = raw(f);
    if (!v) {
      if (required(f)) issue(f, "Date obligatoire manquante.");
      return null;
    }
    const parsed = parseFrenchDate(v);
    if ("message" in parsed) {
      issue(f, parsed.message);
      return null;
    }
    if (parsed.date > today) {
      issue(f, "Cette date est dans le futur.");
      return null;
    }
    if (parsed.date < notBefore) {
      issue(f, "Cette date n’est pas plausible.");
      return null;
    }
    return parsed.date;
  };

  const ftIdentifier = normaliseIdentifier(raw("ft_identifier"));
  if (!ftIdentifier) issue("ft_identifier", "Identifiant France Travail manquant.");
  else if (!IDENTIFIER.test(ftIdentifier)) issue("ft_identifier", "Identifiant France Travail : 7 à 11 chiffres ou lettres.");
  const lastName = text("last_name", 100);
  const firstName = text("first_name", 100);
  const has = (f: ListField) => fields.some((s) => s.field === f);
  const birthDate = has("birth_date") ? date("birth_date", "1900-01-01") : null;
  const address = has("address") ? text("address", 300) : null;
  let communeInsee: string | null = null;
  const insee = raw("commune_insee").replace(/\s+/g, "").toUpperCase();
  if (!insee) issue("commune_insee", "Code INSEE de la commune manquant.");
  else if (!INSEE.test(insee)) issue("commune_insee", "Code INSEE attendu : 5 chiffres, ou 2A / 2B suivi de 3 chiffres pour la Corse.");
  else communeInsee = insee;
  const registeredOn = has("registered_on") ? date("registered_on", "1950-01-01") : null;

  let movement: Movement | null = null;
  let movementOn: CalendarDate | null = null;
  let removalReason: string | null = null;
  let removalMonths: number | null = null;
  if (has("movement")) {
    const m = raw("movement");
    movement = MOVEMENTS[fold(m)] ?? null;
    if (!m) issue("movement", "Mouvement manquant.");
    else if (!movement) issue("movement", "Mouvement inconnu : inscription, cessation, radiation ou présent.");
    movementOn = date("movement_on", "1950-01-01");
    removalReason = text("removal_reason", 200);
    const months = raw("removal_months");
    if (months) {
      if (!/^\d{1,2}$/.test(months) || Number(months) < 1 || Number(months) > 12) issue("removal_months", "Durée de radiation : un nombre de mois de 1 à 12.");
      else removalMonths = Number(months);
    }
    if (movement === "removal") {
      if (!removalReason) issue("removal_reason", "Une radiation doit indiquer son motif.");
      if (!months) issue("removal_months", "Une radiation doit indiquer sa durée.");
    }
  }

  if (issues.length > 0 || !lastName || !firstName) return { row: null, issues };
  return {
    row: { line, ftIdentifier, lastName, firstName, birthDate, address, communeInsee, registeredOn, movement, movementOn, removalReason, removalMonths },
    issues,
  };
}
