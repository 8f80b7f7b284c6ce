import fs from "node:fs";

/**
 * What a new password must not be, beyond its length (PASSWORD_MIN_LENGTH, checked by the schema):
 * one of the most common passwords (commonPasswords.txt, compared lower-case and accent-free, as a
 * whole and as its base word without leading or trailing digits and symbols), or a password built on
 * the person's name or e-mail address, or on the service's name, plus a year or a few characters.
 * Equality with the current password is checked where the current one is known (changePassword).
 */
export type PasswordVerdict = "ok" | "common" | "predictable";
export type PasswordOwner = { email: string; firstName: string; lastName: string };

/** Names everyone would try first on this service. */
const SERVICE_WORDS = ["tandem", "francetravail", "poleemploi"];
/** What must remain once the predictable parts are taken out. */
const MIN_UNPREDICTABLE_CHARS = 6;
const MIN_DISTINCT_CHARS = 5;

let common: Set<string> | null = null;
function commonPasswords(): Set<string> {
  common ??= new Set(
    fs
      .readFileSync(new URL("./commonPasswords.txt", import.meta.url), "utf8")
      .split("\n")
      .map((line) => line.trim())
      .filter((line) => line && !line.startsWith("#")),
  );
  return common;
}

const fold = (s: string) => s.normalize("NFD").replace(/\p{Diacritic}/gu, "").toLowerCase().trim();
const alnum = (s: string) => s.replace(/[^a-z0-9]/g, "");
/** "azertyuiop2024!" → "azertyuiop": what people dress up with digits and symbols. */
const baseWord = (s: string) => s.replace(/^[^\p{L}]+|[^\p{L}]+$/gu, "");
const isCommon = (s: string) => s.length >= 4 && commonPasswords().has(s);

export function judgePassword(password: string, owner: PasswordOwner): PasswordVerdict {
  const folded = fold(password);
  const compact = alnum(folded);
  const candidates = [folded, folded.replace(/\s+/g, ""), baseWord(folded), baseWord(folded).replace(/\s+/g, "")];
  if (candidates.some(isCommon) || new Set(folded).size < MIN_DISTINCT_CHARS || isSequence(compact)) return "common";

  const [localPart] = fold(owner.email).split("@");
  const personal = [localPart, fold(owner.firstName), fold(owner.lastName)].flatMap((s) => [alnum(s), ...s.split(/[^a-z0-9]+/)]);
  const tokens = [...new Set([...personal, `${alnum(fold(owner.firstName))}${alnum(fold(owner.lastName))}`, ...SERVICE_WORDS])]
    .filter((t) => t.length >= 3)
    .sort((a, b) => b.length - a.length);
  if (!tokens.some((t) => compact.includes(t))) return "ok";
  let rest = compact;
  for (const t of tokens) rest = rest.split(t).join("");
  // Years and repeated characters add nothing an attacker would not try.
  rest = rest.replace(/(?:19|20)\d\d/g, "");
  if (rest.replace(/(.)\1+/g, "$1").length < MIN_UNPREDICTABLE_CHARS) return "predictable";
  return isCommon(rest) || isCommon(baseWord(rest)) ? "common" : "ok";
}

/** "123456789012", "987654321098", "abcdefghijkl": each character follows the previous one. */
function isSequence(s: string): boolean {
  if (s.length < 2) return false;
  const step = (a: string, b: string) => {
    if (/\d/.test(a) && /\d/.test(b)) return (Number(b) - Number(a) + 10) % 10;
    return b.charCodeAt(0) - a.charCodeAt(0);
  };
  const first = step(s[0], s[1]);
  if (first !== 1 && first !== 9 && first !== -1) return false;
  for (let i = 2; i < s.length; i++) if (step(s[i - 1], s[i]) !== first) return false;
  return true;
}
