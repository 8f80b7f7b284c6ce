import type { CalendarDate } from "../shared/calendarDate.js";
import { LIST_KINDS, type ListField, type ListSource, type Mapping } from "./listKinds.js";

/**
 * A shortcut of lineValidator for the common line, on the file's bytes (ADR 0041): it says "this
 * line is good and its values are its bytes as they are" — identifier already 7 to 11 of 0–9 A–Z,
 * INSEE code already five digits or 2A/2B and three, texts already trimmed with single spaces and
 * short enough, dates jj/mm/aaaa that exist and fall between their bounds — or "ask lineValidator".
 * It never refuses a line and never says why: every problem, every normalisation (lower case, a
 * space to remove, odd white space, a backslash…) goes to lineValidator, the one definition of the
 * rules and of their messages. A million lines a minute cost a string per cell otherwise.
 */
export type PlainLinePlan = {
  headerLength: number;
  /** Per header column: what it holds (the last column of a name, as the Map of the header). */
  roles: Role[];
  utf8: boolean;
  today: number;
};
type Role = { kind: "identifier" } | { kind: "insee" } | { kind: "text"; field: ListField; max: number } | { kind: "date"; field: ListField; notBefore: number } | null;

const TEXT_MAX: Partial<Record<ListField, number>> = { last_name: 100, first_name: 100, address: 300, removal_reason: 200 };
const DATE_NOT_BEFORE: Partial<Record<ListField, string>> = { birth_date: "1900-01-01", registered_on: "1950-01-01", movement_on: "1950-01-01" };
const asNumber = (d: CalendarDate) => Number(d.replaceAll("-", ""));

/** The plan for a list and its columns; null when the list has fields this shortcut does not know (movements): every line to lineValidator. */
export function plainLinePlan(source: ListSource, mapping: Mapping, header: string[], today: CalendarDate, utf8: boolean): PlainLinePlan | null {
  const roles: Role[] = header.map(() => null);
  for (const spec of LIST_KINDS[source].fields) {
    const column = mapping[spec.field];
    const i = column ? header.lastIndexOf(column) : -1;
    if (i < 0 || roles[i] !== null) return null;
    if (spec.field === "ft_identifier") roles[i] = { kind: "identifier" };
    else if (spec.field === "commune_insee") roles[i] = { kind: "insee" };
    else if (TEXT_MAX[spec.field] && spec.required) roles[i] = { kind: "text", field: spec.field, max: TEXT_MAX[spec.field] as number };
    else if (DATE_NOT_BEFORE[spec.field] && spec.required) roles[i] = { kind: "date", field: spec.field, notBefore: asNumber(DATE_NOT_BEFORE[spec.field] as string) };
    else return null;
  }
  return { headerLength: header.length, roles, utf8, today: asNumber(today) };
}

const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
const isUpperOrDigit = (b: number) => isDigit(b) || (b >= 0x41 && b <= 0x5a);

/**
 * What each byte of a line is to the shortcut, in one pass over the line (ADR 0044): an ordinary
 * byte, the separator, a byte that sends the line to lineValidator wherever it stands (a control
 * character, a backslash, white space other than the plain space), a space (two in a row: to
 * lineValidator), or, in UTF-8, 0xC2 (followed by 0xA0, a no-break space). Identifiers, INSEE codes
 * and dates hold none of them, so a byte that a text may not hold sends the line to lineValidator
 * in any column, an unmapped one too: a detour, never a refusal.
 */
const ORDINARY = 0;
const SEPARATOR = 1;
const ASK = 2;
const SPACE = 3;
const LEAD_C2 = 4;
function byteKinds(utf8: boolean): Uint8Array {
  const kinds = new Uint8Array(256);
  for (let b = 0; b < 0x20; b++) kinds[b] = ASK;
  kinds[0x3b] = SEPARATOR;
  kinds[0x5c] = ASK;
  kinds[0x20] = SPACE;
  if (utf8) {
    // The lead bytes of U+1680, U+2000–U+205F, U+3000, U+FEFF.
    for (const b of [0xe1, 0xe2, 0xe3, 0xef]) kinds[b] = ASK;
    kinds[0xc2] = LEAD_C2;
  } else kinds[0xa0] = ASK;
  return kinds;
}
const UTF8_KINDS = byteKinds(true);
const WINDOWS_1252_KINDS = byteKinds(false);

/**
 * Whether the line `bytes[start, end)` (no line end) is good as it is; `cells` receives each cell's
 * start and end (2 × headerLength), `dates` each date column's yyyymmdd (by column).
 */
export function isPlainGoodLine(plan: PlainLinePlan, bytes: Uint8Array, start: number, end: number, cells: Int32Array, dates: Int32Array): boolean {
  const kinds = plan.utf8 ? UTF8_KINDS : WINDOWS_1252_KINDS;
  let column = 0;
  cells[0] = start;
  for (let i = start; i < end; i++) {
    const kind = kinds[bytes[i]];
    if (kind === ORDINARY) continue;
    if (kind === SEPARATOR) {
      cells[2 * column + 1] = i;
      column++;
      if (column >= plan.headerLength) return false;
      cells[2 * column] = i + 1;
    } else if (kind === ASK || (kind === SPACE && bytes[i + 1] === 0x20) || (kind === LEAD_C2 && bytes[i + 1] === 0xa0)) return false;
  }
  cells[2 * column + 1] = end;
  if (column !== plan.headerLength - 1) return false;
  for (let c = 0; c < plan.headerLength; c++) {
    const role = plan.roles[c];
    if (role === null) continue;
    const from = cells[2 * c];
    const to = cells[2 * c + 1];
    const n = to - from;
    if (role.kind === "identifier") {
      if (n < 7 || n > 11) return false;
      for (let i = from; i < to; i++) if (!isUpperOrDigit(bytes[i])) return false;
    } else if (role.kind === "insee") {
      if (n !== 5) return false;
      const corsica = bytes[from] === 0x32 && (bytes[from + 1] === 0x41 || bytes[from + 1] === 0x42);
      for (let i = corsica ? from + 2 : from; i < to; i++) if (!isDigit(bytes[i])) return false;
    } else if (role.kind === "text") {
      // Its bytes were seen above. Bytes ≥ characters: within the limit in bytes is within it in characters.
      if (n < 1 || n > role.max || bytes[from] === 0x20 || bytes[to - 1] === 0x20) return false;
    } else {
      const date = plainDate(bytes, from, to);
      if (date === 0 || date > plan.today || date < role.notBefore) return false;
      dates[c] = date;
    }
  }
  return true;
}

/** jj/mm/aaaa or j/m/aaaa that exists (year ≥ 100) as yyyymmdd; 0 otherwise. */
function plainDate(bytes: Uint8Array, from: number, to: number): number {
  let i = from;
  let day = 0;
  let month = 0;
  let year = 0;
  const start = i;
  while (i < to && isDigit(bytes[i])) day = day * 10 + bytes[i++] - 0x30;
  if (i - start < 1 || i - start > 2 || bytes[i] !== 0x2f) return 0;
  const monthStart = ++i;
  while (i < to && isDigit(bytes[i])) month = month * 10 + bytes[i++] - 0x30;
  if (i - monthStart < 1 || i - monthStart > 2 || bytes[i] !== 0x2f) return 0;
  const yearStart = ++i;
  while (i < to && isDigit(bytes[i])) year = year * 10 + bytes[i++] - 0x30;
  if (i !== to || to - yearStart !== 4) return 0;
  if (year < 100 || month < 1 || month > 12 || day < 1) return 0;
  const days = month === 2 ? ((year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28) : month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return day > days ? 0 : year * 10000 + month * 100 + day;
}
