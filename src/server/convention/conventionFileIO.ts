import YAML from "yaml";
import type { z } from "zod";
import { dateProblems } from "../../domain/convention/conventionDates.js";
import { latestTerms } from "../../domain/convention/termsInForce.js";
import { type ConventionFile, ConventionFileSchema, ConventionTermsSchema } from "../../shared/contracts/conventionFile.js";
import { parseUntrustedYaml } from "../platform/untrustedYaml.js";
import type { FileIssue } from "./conventionErrors.js";
import { oldDelayFormatIssues } from "./oldDelayFormat.js";

const pathOf = (path: PropertyKey[]) => path.map(String).join(".") || "(racine)";
export const zodIssues = (error: z.ZodError, prefix = ""): FileIssue[] =>
  error.issues.map((i) => ({ path: `${prefix}${pathOf(i.path)}`, message: i.message }));

/**
 * Reads a convention file (YAML or JSON) and checks it whole: the schema, then the rules
 * that need the dates (end before start, total-duration cap), for the signed terms and
 * after each amendment. Returns every problem, by path, in French. A file whose delays are bare
 * numbers (the format before migration 022) is refused as such (`oldDelayFormat`).
 *
 * The text comes from a user: it is read off the event loop within bounds (size, keys, depth,
 * aliases, time), and a file past them is refused with FILE_TOO_COMPLEX (platform/untrustedYaml.ts).
 */
export async function parseConventionFile(
  text: string,
): Promise<{ file: ConventionFile; issues: [] } | { file: null; issues: FileIssue[]; oldDelayFormat?: true }> {
  const read = await parseUntrustedYaml(text);
  if (read.issues.length) return { file: null, issues: read.issues };
  // Delays written as bare numbers (before migration 022): refused, each with what to write instead.
  const old = oldDelayFormatIssues(read.value);
  if (old.length) return { file: null, issues: old, oldDelayFormat: true };
  const parsed = ConventionFileSchema.safeParse(read.value);
  if (!parsed.success) return { file: null, issues: zodIssues(parsed.error) };
  const file = parsed.data;
  const issues: FileIssue[] = dateProblems(file.convention).map((p) => ({ ...p, path: `convention.${p.path}` }));
  file.amendments.forEach((_amendment, i) => {
    const upTo = file.amendments.slice(0, i + 1);
    const terms = ConventionTermsSchema.safeParse(latestTerms(file.convention, upTo));
    if (!terms.success) issues.push(...zodIssues(terms.error, `amendments.${i}.changes → `));
    else issues.push(...dateProblems(terms.data).map((p) => ({ path: `amendments.${i}.changes → ${p.path}`, message: p.message })));
  });
  return issues.length ? { file: null, issues } : { file, issues: [] };
}

export function conventionFileToYaml(file: ConventionFile): string {
  return `# Convention ${file.convention.number} — exportée par Tandem\n${YAML.stringify(file, { lineWidth: 0 })}`;
}
