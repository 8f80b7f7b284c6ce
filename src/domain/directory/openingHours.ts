/**
 * The OpenStreetMap `opening_hours` syntax the data·inclusion schema requires for `horaires_accueil`
 * (« Doit être au format OpenStreetMap Opening Hours »), checked by a strict subset of the OSM
 * specification (wiki « Key:opening_hours/specification ») rather than a dependency: the npm
 * `opening_hours` evaluator pulls i18next and suncalc under the LGPL to answer a question Tandem does
 * not ask (is it open now?). What a reception desk writes is covered: `24/7`; rules separated by
 * `;`, `||` or `, `; each rule in the specification's order — years, months and dates (`Jan-Jun`,
 * `Dec 24-26`), weeks (`week 01-26/2`), weekdays with their nth (`Mo-Fr`, `Sa[1]`), public and school
 * holidays (`PH`, `SH`), time spans (`08:30-12:00,13:30-17:00`, an open end `18:00+`, sunrise/sunset,
 * past midnight up to 48:00), a state (`open`, `closed`, `off`, `unknown`) and a quoted comment.
 * Not covered (refused, said plainly): easter, offsets and variable times with offsets, time
 * intervals (`/01:30`), year-spanning repetitions.
 */
const WD = "(?:Mo|Tu|We|Th|Fr|Sa|Su)";
const MONTH = "(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)";
const DAY = "(?:0[1-9]|[12][0-9]|3[01]|[1-9])";
const TIME = "(?:\\d{2}:\\d{2}|sunrise|sunset|dawn|dusk)";
const WEEK = "\\d{2}(?:-\\d{2}(?:\\/\\d{1,2})?)?";
const NTH = "-?[1-5](?:-[1-5])?";
const monthItem = `${MONTH}(?: ${DAY})?(?:-(?:${MONTH}(?: ${DAY})?|${DAY}))?`;
const wdItem = `(?:${WD}(?:-${WD})?(?:\\[${NTH}(?:,${NTH})*\\])?|PH|SH)`;
const span = `${TIME}(?:-${TIME}|\\+)`;

/** The selectors of a rule, in the order the specification allows them. */
const SELECTORS = [
  { name: "years", re: "\\d{4}(?:-\\d{4})?(?:,\\d{4}(?:-\\d{4})?)*" },
  { name: "months", re: `${monthItem}(?:,${monthItem})*` },
  { name: "weeks", re: `week ${WEEK}(?:,${WEEK})*` },
  { name: "weekdays", re: `${wdItem}(?:,${wdItem})*` },
  { name: "times", re: `${span}(?:,${span})*` },
  { name: "state", re: "(?:open|closed|off|unknown)" },
  { name: "comment", re: '"[^"]*"' },
].map((s) => ({ ...s, re: new RegExp(`${s.re}(?= |$)`, "y") }));

export const OPENING_HOURS_EXAMPLE = "Mo-Fr 08:30-12:00,13:30-17:00; PH off";

/** Null when the text is OSM opening_hours (of the subset above); otherwise the French message to show next to the field. */
export function openingHoursProblem(text: string): string | null {
  const value = text.trim();
  if (value === "") return null;
  for (const rule of value.split(/\s*(?:;|\|\||,\s)\s*/)) {
    const wrong = ruleProblem(rule);
    if (wrong !== null) {
      return `Horaires à écrire au format OpenStreetMap (par exemple « ${OPENING_HOURS_EXAMPLE} ») : « ${wrong} » n’est pas compris.`;
    }
  }
  return null;
}

/** The part of a rule that is not understood, or null. */
function ruleProblem(rule: string): string | null {
  if (rule === "") return "(règle vide)";
  if (/^24\/7(?: (?:open|closed|off|unknown))?(?: "[^"]*")?$/.test(rule)) return null;
  let at = 0;
  let next = 0;
  let matched = 0;
  while (at < rule.length) {
    const found = SELECTORS.slice(next).findIndex((s) => {
      s.re.lastIndex = at;
      return s.re.test(rule);
    });
    if (found < 0) return rule.slice(at);
    const selector = SELECTORS[next + found];
    const part = rule.slice(at, selector.re.lastIndex);
    if (!valuesInRange(selector.name, part)) return part;
    at = selector.re.lastIndex;
    next += found + 1;
    matched++;
    if (rule[at] === " ") at++;
  }
  return matched > 0 ? null : rule;
}

/** What the patterns cannot say: hours and minutes of a clock (an end past midnight up to 48:00), weeks 1 to 53. */
function valuesInRange(name: string, part: string): boolean {
  if (name === "times") {
    for (const s of part.split(",")) {
      const [start, end] = s.replace(/\+$/, "").split("-");
      const clock = (t: string | undefined, max: number) => {
        const m = t ? /^(\d{2}):(\d{2})$/.exec(t) : null;
        return !m || (Number(m[2]) < 60 && Number(m[1]) * 60 + Number(m[2]) <= max * 60);
      };
      if (!clock(start, 24) || !clock(end, 48)) return false;
    }
  }
  if (name === "weeks") {
    for (const item of part.slice("week ".length).split(",")) {
      const [, from, to] = /^(\d{2})(?:-(\d{2}))?/.exec(item) ?? [];
      const week = (w: string | undefined) => w === undefined || (Number(w) >= 1 && Number(w) <= 53);
      if (!week(from) || !week(to)) return false;
    }
  }
  return true;
}
