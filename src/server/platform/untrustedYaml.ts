import { errors, type FieldIssue } from "./errors.js";
import { CONTROL_CHARACTER_MESSAGE } from "./http/inputGuards.js";
import { WorkerCrashError, WorkerPool, WorkerPoolBusyError, WorkerTimeoutError } from "./workerPool.js";

/**
 * Bounds for a YAML (or JSON) file sent by a user. The convention files Tandem knows are under
 * 10 kB, 200 lines and 150 keys: these limits leave a wide margin and still keep the worst file
 * well under a second of parsing.
 */
export const YAML_LIMITS = {
  maxChars: 256 * 1024,
  maxLines: 10_000,
  /** Mapping entries and sequence items, all levels together. */
  maxEntries: 5_000,
  maxDepth: 32,
  maxAliases: 50,
  timeoutMs: 5_000,
};
export type YamlLimits = typeof YAML_LIMITS;

const REASONS = {
  chars: (l: YamlLimits) => `il dépasse ${Math.round(l.maxChars / 1024)} Ko`,
  lines: (l: YamlLimits) => `il dépasse ${l.maxLines.toLocaleString("fr-FR")} lignes`,
  entries: (l: YamlLimits) => `il dépasse ${l.maxEntries.toLocaleString("fr-FR")} clés et éléments de liste`,
  depth: (l: YamlLimits) => `il dépasse ${l.maxDepth} niveaux d’imbrication`,
  aliases: (l: YamlLimits) => `il utilise trop d’alias YAML (${l.maxAliases} au plus)`,
  time: (l: YamlLimits) => `sa lecture dépasse ${l.timeoutMs / 1000} secondes`,
  memory: () => "sa lecture demande trop de mémoire",
};

type WorkerInput = { text: string; maxDepth: number; maxEntries: number; maxAliases: number };
type WorkerOutput =
  | { outcome: "ok"; value: unknown }
  | { outcome: "syntax"; errors: { line: number | null; message: string }[] }
  | { outcome: "control"; paths: string[] }
  | { outcome: "too_complex"; limit: "depth" | "entries" | "aliases" };

let pool: WorkerPool<WorkerInput, WorkerOutput> | null = null;
const yamlPool = () => {
  pool ??= new WorkerPool<WorkerInput, WorkerOutput>(new URL("./yamlWorker.mjs", import.meta.url), {
    size: 2,
    maxQueue: 16,
    resourceLimits: { maxOldGenerationSizeMb: 128, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
  });
  return pool;
};

/**
 * Reads YAML from a user without ever blocking the event loop: a linear scan on this thread
 * refuses what is obviously too big (size, lines, keys, flow nesting) in a few milliseconds; the
 * parse itself runs in a worker thread, with an alias cap, a depth and entry count on the result,
 * a time limit and a memory limit.
 *
 * Throws FILE_TOO_COMPLEX (413) past a limit; returns the problems of a readable-but-wrong text
 * as issues (by line, or by path for forbidden characters).
 */
export async function parseUntrustedYaml(
  text: string,
  limits: YamlLimits = YAML_LIMITS,
): Promise<{ value: unknown; issues: [] } | { value: undefined; issues: FieldIssue[] }> {
  const refused = scan(text, limits);
  if (refused) throw errors.fileTooComplex(REASONS[refused](limits));
  let answer: WorkerOutput;
  try {
    answer = await yamlPool().run({ text, maxDepth: limits.maxDepth, maxEntries: limits.maxEntries, maxAliases: limits.maxAliases }, limits.timeoutMs);
  } catch (error) {
    if (error instanceof WorkerTimeoutError) throw errors.fileTooComplex(REASONS.time(limits));
    if (error instanceof WorkerCrashError && (error.cause as { code?: string }).code === "ERR_WORKER_OUT_OF_MEMORY") {
      throw errors.fileTooComplex(REASONS.memory());
    }
    if (error instanceof WorkerPoolBusyError) throw errors.serverBusy();
    throw error;
  }
  switch (answer.outcome) {
    case "ok":
      return { value: answer.value, issues: [] };
    case "too_complex":
      throw errors.fileTooComplex(REASONS[answer.limit](limits));
    case "control":
      return { value: undefined, issues: answer.paths.map((path) => ({ path: path || "(racine)", message: CONTROL_CHARACTER_MESSAGE })) };
    case "syntax":
      return {
        value: undefined,
        issues: answer.errors.map((e) => ({ path: e.line === null ? "(fichier)" : `ligne ${e.line}`, message: `YAML illisible : ${e.message}` })),
      };
  }
}

/**
 * One pass over the text, no parsing: the number of `:`, `,` and `?` bounds the number of
 * mapping entries and flow items a YAML text can hold, and open brackets bound flow nesting
 * (block nesting is checked on the result, in the worker). Brackets and colons inside strings
 * count too: the limits are far enough from real files for that not to matter.
 */
function scan(text: string, limits: YamlLimits): keyof typeof REASONS | null {
  if (text.length > limits.maxChars) return "chars";
  let lines = 1;
  let separators = 0;
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    switch (text.charCodeAt(i)) {
      case 0x0a:
        if (++lines > limits.maxLines) return "lines";
        break;
      case 0x3a: // :
      case 0x2c: // ,
      case 0x3f: // ?
        if (++separators > limits.maxEntries) return "entries";
        break;
      case 0x5b: // [
      case 0x7b: // {
        if (++depth > limits.maxDepth) return "depth";
        break;
      case 0x5d: // ]
      case 0x7d: // }
        if (depth > 0) depth--;
        break;
    }
  }
  return null;
}

/** Stops the parsing workers (tests that check for leaks, graceful shutdown). */
export async function closeYamlWorkers(): Promise<void> {
  const current = pool;
  pool = null;
  await current?.close();
}
