import type { FastifyInstance, FastifyRequest } from "fastify";
import { errors, type FieldIssue } from "../errors.js";

/** Deeper than any form or file of the application: beyond it a body is refused before JSON.parse. */
export const MAX_JSON_DEPTH = 64;

/**
 * What every request goes through before its schema, in one place, so that no route can forget it:
 * - JSON bodies are scanned for their nesting depth before being parsed: a 40 000-deep body would
 *   overflow the stack of whatever walks it next (zod, a merge, JSON.stringify) and become a 500;
 * - strings of the body, the query and the path may not hold C0 control characters other than
 *   tab, CR and LF: PostgreSQL refuses NUL in text (a 500 on every route that stores or searches
 *   it), and the others have no place in a note, a name or a search.
 */
export function installInputGuards(app: FastifyInstance): void {
  // Fastify's own parser stays in charge of the JSON itself (and of __proto__ / constructor keys).
  const parseJson = app.getDefaultJsonParser("error", "error");
  app.removeContentTypeParser("application/json");
  app.addContentTypeParser("application/json", { parseAs: "string" }, (request, body, done) => {
    if (jsonDepthExceeds(body as string, MAX_JSON_DEPTH)) {
      done(errors.jsonTooDeep(MAX_JSON_DEPTH), undefined);
      return;
    }
    parseJson(request, body as string, done);
  });

  app.addHook("preValidation", async (request: FastifyRequest) => {
    const issues: FieldIssue[] = [];
    collectControlCharacters(request.params, "params", issues);
    collectControlCharacters(request.query, "querystring", issues);
    collectControlCharacters(request.body, "body", issues);
    if (issues.length) throw errors.validation(issues);
  });
}

/** True when the JSON text nests objects/arrays deeper than max. Linear; brackets inside strings do not count. */
export function jsonDepthExceeds(text: string, max: number): boolean {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = closingQuote(text, i);
      // An unterminated string: JSON.parse refuses it with its own error.
      if (i < 0) return false;
    } else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) return true;
    } else if (c === 0x7d || c === 0x5d) {
      depth--;
    }
  }
  return false;
}

/** The index of the quote that closes the string opened at `open`, or -1. Jumps with indexOf: long strings (base64 files) cost little. */
function closingQuote(text: string, open: number): number {
  let from = open + 1;
  for (;;) {
    const quote = text.indexOf('"', from);
    if (quote < 0) return -1;
    let backslashes = 0;
    for (let j = quote - 1; j > open && text.charCodeAt(j) === 0x5c; j--) backslashes++;
    if (backslashes % 2 === 0) return quote;
    from = quote + 1;
  }
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are precisely the characters refused.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;
export const CONTROL_CHARACTER_MESSAGE = "Ce texte contient un caractère de contrôle interdit (par exemple le caractère nul).";
const MAX_ISSUES = 20;

/** True when the text holds a C0 control character other than tab, CR and LF. */
export const hasControlCharacters = (text: string) => CONTROL_CHARACTERS.test(text);

function collectControlCharacters(value: unknown, path: string, issues: FieldIssue[]): void {
  if (issues.length >= MAX_ISSUES) return;
  if (typeof value === "string") {
    if (CONTROL_CHARACTERS.test(value)) issues.push({ path, message: CONTROL_CHARACTER_MESSAGE });
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      collectControlCharacters(item, `${path}.${i}`, issues);
    });
  } else if (typeof value === "object" && value !== null && !Buffer.isBuffer(value)) {
    for (const [key, item] of Object.entries(value)) {
      // A key is text too (it ends up in jsonb); the path names the object that holds it.
      if (CONTROL_CHARACTERS.test(key)) {
        issues.push({ path, message: CONTROL_CHARACTER_MESSAGE });
        continue;
      }
      collectControlCharacters(item, `${path}.${key}`, issues);
    }
  }
}
