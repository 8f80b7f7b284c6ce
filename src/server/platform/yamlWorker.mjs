// Reads one YAML text per message, off the main thread (see untrustedYaml.ts, which owns the limits
// and the French messages). Plain JavaScript on purpose: a worker thread starts without the
// TypeScript loader of its parent (tsx, vitest), and this file needs nothing but `yaml`.
import { parentPort } from "node:worker_threads";
import YAML from "yaml";

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are precisely the characters refused.
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/;

parentPort.on("message", (input) => {
  let answer;
  try {
    answer = read(input);
  } catch (error) {
    // The parser recursing past the stack is a nesting problem; an alias expansion refused by
    // maxAliasCount is the billion-laughs guard.
    if (error instanceof RangeError) answer = { outcome: "too_complex", limit: "depth" };
    else if (error instanceof ReferenceError && /alias/i.test(error.message)) answer = { outcome: "too_complex", limit: "aliases" };
    else answer = { outcome: "syntax", errors: [{ line: null, message: String(error?.message ?? error).split("\n")[0] }] };
  }
  parentPort.postMessage(answer);
});

function read({ text, maxDepth, maxEntries, maxAliases }) {
  const doc = YAML.parseDocument(text, { prettyErrors: true });
  if (doc.errors.length) {
    return {
      outcome: "syntax",
      errors: doc.errors.slice(0, 20).map((e) => ({ line: e.linePos?.[0]?.line ?? null, message: e.message.split("\n")[0] })),
    };
  }
  const value = doc.toJS({ maxAliasCount: maxAliases });
  const walk = { entries: 0, controlPaths: [], tooDeep: false, tooMany: false };
  visit(value, [], 0, walk, maxDepth, maxEntries);
  if (walk.tooDeep) return { outcome: "too_complex", limit: "depth" };
  if (walk.tooMany) return { outcome: "too_complex", limit: "entries" };
  if (walk.controlPaths.length) return { outcome: "control", paths: walk.controlPaths };
  return { outcome: "ok", value };
}

/** Counts entries and depth of what the file became, and finds text that holds control characters. */
function visit(value, path, depth, walk, maxDepth, maxEntries) {
  if (walk.tooDeep || walk.tooMany) return;
  if (typeof value === "string") {
    if (CONTROL_CHARACTERS.test(value) && walk.controlPaths.length < 20) walk.controlPaths.push(path.join("."));
    return;
  }
  if (typeof value !== "object" || value === null) return;
  if (depth >= maxDepth) {
    walk.tooDeep = true;
    return;
  }
  const entries = Array.isArray(value) ? value.map((item, i) => [String(i), item]) : Object.entries(value);
  walk.entries += entries.length;
  if (walk.entries > maxEntries) {
    walk.tooMany = true;
    return;
  }
  for (const [key, item] of entries) {
    // A bad key is reported at the object that holds it (the key itself would print the character).
    if (CONTROL_CHARACTERS.test(key) && walk.controlPaths.length < 20) walk.controlPaths.push(path.join("."));
    visit(item, [...path, key], depth + 1, walk, maxDepth, maxEntries);
  }
}
