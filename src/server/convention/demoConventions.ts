import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ConventionTerms } from "../../shared/contracts/conventionFile.js";
import { insertAmendment } from "./conventionActions.js";
import type { Db } from "../platform/db.js";
import { systemContext } from "../platform/requestContext.js";
import { importConvention } from "./importConvention.js";

export const conventionsDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../../conventions");

/** The seed conventions as files, in an order where each annex follows its main convention. */
export const seedConventionFiles = () =>
  fs
    .readdirSync(conventionsDir)
    .filter((f) => f.endsWith(".yaml"))
    .sort((a, b) => Number(a.includes("donnees")) - Number(b.includes("donnees")) || a.localeCompare(b));

/**
 * Demo: the five seed conventions as written, then a demonstration amendment (avenant)
 * extending the two global-support conventions to the end of next year, so that the
 * programme runs today. The amendment is labelled as a demonstration, not a seed term.
 */
export async function loadDemoConventions(tx: Db, today: string): Promise<void> {
  const ctx = systemContext("demo");
  for (const file of seedConventionFiles()) {
    await importConvention(tx, ctx, fs.readFileSync(path.join(conventionsDir, file), "utf8"), { system: true });
  }
  const nextYearEnd = `${Number(today.slice(0, 4)) + 1}-12-31`;
  for (const number of ["CREUSE-2023-AG", "BAS-RHIN-2021-AG"]) {
    const [c] = await tx.query<{ id: string; ends_on: string; base_terms: ConventionTerms }>("SELECT id, ends_on, base_terms FROM conventions WHERE number = $1", [number]);
    await insertAmendment(tx, ctx, c.id, c.base_terms, {
      number: "DEMO-1",
      signedOn: c.ends_on,
      effectiveOn: c.ends_on,
      summary: `Avenant de démonstration : prolongation jusqu'au ${nextYearEnd} (non issu des conventions sources)`,
      changes: { period: { endsOn: nextYearEnd } },
    });
  }
}
