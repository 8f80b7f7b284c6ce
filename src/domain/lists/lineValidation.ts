import type { CalendarDate } from "../shared/calendarDate.js";
import { LIST_FIELDS, LIST_KINDS, type ListField, type ListSource, type Mapping } from "./listKinds.js";

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

/** Days in a month of the proleptic Gregorian calendar. */
const daysInMonth = (year: number, month: number) =>
  month === 2 ? ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
const isDigit = (code: number) => code >= 48 && code <= 57;

/**
 * jj/mm/aaaa (also j/m/aaaa); a date that does not exist (31/02/1980) is said so. Read character by
 * character, not by a regular expression and Date: this runs a million times for a national list
 * (ADR 0041). A year before 100 does not exist (what Date made of it: 1900 + year).
 */
export function parseFrenchDate(raw: string): { date: CalendarDate } | { message: string } {
  const n = raw.length;
  const slash1 = raw.indexOf("/");
  const slash2 = slash1 < 0 ? -1 : raw.indexOf("/", slash1 + 1);
  let shaped = (slash1 === 1 || slash1 === 2) && (slash2 - slash1 === 2 || slash2 - slash1 === 3) && n - slash2 === 5;
  for (let i = 0; shaped && i < n; i++) if (i !== slash1 && i !== slash2 && !isDigit(raw.charCodeAt(i))) shaped = false;
  if (!shaped) return { message: "Date attendue au format jj/mm/aaaa." };
  const day = Number(raw.slice(0, slash1));
  const month = Number(raw.slice(slash1 + 1, slash2));
  const year = Number(raw.slice(slash2 + 1));
  if (year < 100 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return { message: `Cette date n’existe pas (${raw}).` };
  return { date: `${raw.slice(slash2 + 1)}-${month < 10 ? "0" : ""}${month}-${day < 10 ? "0" : ""}${day}` };
}

/** Only 0–9 and A–Z (after normalising), 7 to 11 of them. */
function isIdentifier(v: string): boolean {
  if (v.length < 7 || v.length > 11) return false;
  for (let i = 0; i < v.length; i++) {
    const code = v.charCodeAt(i);
    if (!(isDigit(code) || (code >= 65 && code <= 90))) return false;
  }
  return true;
}
/** Five digits, or Corsica's 2A / 2B followed by three digits. */
function isInsee(v: string): boolean {
  if (v.length !== 5) return false;
  const corsica = v.charCodeAt(0) === 50 && (v.charCodeAt(1) === 65 || v.charCodeAt(1) === 66);
  for (let i = corsica ? 2 : 0; i < 5; i++) if (!isDigit(v.charCodeAt(i))) return false;
  return true;
}
/** Letters and digits of ASCII only: nothing for `\s` to take away. */
function isAsciiWord(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const code = v.charCodeAt(i);
    if (!(isDigit(code) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122))) return false;
  }
  return true;
}

/** France Travail identifiers arrive with stray spaces (« 1234 567A ») and in lower case. */
export const normaliseIdentifier = (raw: string) => (isAsciiWord(raw) ? raw : raw.replace(/\s+/g, "")).toUpperCase();
/** Runs of white space as one space (`\s`): most texts have none but single spaces, left as they are. */
const ODD_OR_DOUBLE_SPACE = /\s\s|[^\S ]/;
const collapseSpaces = (v: string) => (ODD_OR_DOUBLE_SPACE.test(v) ? v.replace(/\s+/g, " ") : v);

/**
 * The checks of one kind of list and mapping, prepared once for a whole file: `columnIndex` gives
 * the position of a header's column in the cells handed to the returned function (−1: none). The
 * only definition of the rules (validateLine and every path of the import use it, ADR 0041).
 */
export function lineValidator(
  source: ListSource,
  mapping: Mapping,
  today: CalendarDate,
  columnIndex: (column: string) => number,
): (line: number, cells: readonly (string | undefined)[]) => { row: ListRow | null; issues: LineIssue[] } {
  const fields = LIST_KINDS[source].fields;
  const index = {} as Record<ListField, number>;
  const column = {} as Record<ListField, string | null>;
  const required = {} as Record<ListField, boolean>;
  const has = {} as Record<ListField, boolean>;
  for (const f of LIST_FIELDS) {
    const name = mapping[f];
    column[f] = name ?? null;
    index[f] = name ? columnIndex(name) : -1;
    required[f] = fields.some((s) => s.field === f && s.required);
    has[f] = fields.some((s) => s.field === f);
  }
  return (line, cells) => {
    let issues: LineIssue[] | null = null;
    const raw = (f: ListField) => {
      const i = index[f];
      return i >= 0 ? (cells[i] ?? "").trim() : "";
    };
    const issue = (f: ListField, message: string) => {
      issues ??= [];
      issues.push({ line, column: column[f], value: raw(f) || null, message });
    };
    const text = (f: ListField, max: number): string | null => {
      const v = collapseSpaces(raw(f));
      if (!v) {
        if (required[f]) issue(f, "Valeur obligatoire manquante.");
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
        if (required[f]) issue(f, "Date obligatoire manquante.");
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
    else if (!isIdentifier(ftIdentifier)) issue("ft_identifier", "Identifiant France Travail : 7 à 11 chiffres ou lettres.");
    const lastName = text("last_name", 100);
    const firstName = text("first_name", 100);
    const birthDate = has.birth_date ? date("birth_date", "1900-01-01") : null;
    const address = has.address ? text("address", 300) : null;
    let communeInsee: string | null = null;
    const insee = normaliseIdentifier(raw("commune_insee"));
    if (!insee) issue("commune_insee", "Code INSEE de la commune manquant.");
    else if (!isInsee(insee)) issue("commune_insee", "Code INSEE attendu : 5 chiffres, ou 2A / 2B suivi de 3 chiffres pour la Corse.");
    else communeInsee = insee;
    const registeredOn = has.registered_on ? date("registered_on", "1950-01-01") : null;

    let movement: Movement | null = null;
    let movementOn: CalendarDate | null = null;
    let removalReason: string | null = null;
    let removalMonths: number | null = null;
    if (has.movement) {
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

    if (issues !== null || !lastName || !firstName) return { row: null, issues: issues ?? [] };
    return {
      row: { line, ftIdentifier, lastName, firstName, birthDate, address, communeInsee, registeredOn, movement, movementOn, removalReason, removalMonths },
      issues: [],
    };
  };
}

/**
 * Checks one line. `cell` gives the line's value in a column named by the header's text; `today`
 * bounds the dates (nobody registers tomorrow).
 */
export function validateLine(source: ListSource, mapping: Mapping, line: number, cell: (column: string) => string | undefined, today: CalendarDate): { row: ListRow | null; issues: LineIssue[] } {
  const columns = [...new Set(Object.values(mapping).filter((c): c is string => Boolean(c)))];
  return lineValidator(source, mapping, today, (c) => columns.indexOf(c))(
    line,
    columns.map((c) => cell(c)),
  );
}

/** A line whose number of cells is not the header's: reported whole (its first 200 characters), not checked field by field. */
export function raggedLineIssue(line: number, cells: readonly string[], headerLength: number): LineIssue {
  return {
    line,
    column: null,
    value: cells.join(";").slice(0, 200),
    message:
      cells.length < headerLength
        ? `Ligne incomplète : ${cells.length} colonne(s) au lieu de ${headerLength} (fichier tronqué ?).`
        : `Ligne de ${cells.length} colonnes au lieu de ${headerLength} : un « ; » non protégé par des guillemets ?`,
  };
}
