import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ConventionTerms } from "../../shared/contracts/conventionFile.js";
import { recordAmendment, recordSignature } from "./conventionActions.js";
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
 * Demo: the five seed conventions as written, each imported as a draft, then each party's
 * signature recorded by the system from the signed copies (mode `scanned_copy`, audited as such;
 * the dates are the seed files', assumed where the copies lack one — see their notes). Then a
 * demonstration amendment (avenant) extends the two global-support conventions to the end of
 * next year, so that the programme runs today; it is labelled as a demonstration, not a seed term.
 */
export async function loadDemoConventions(tx: Db, today: string): Promise<void> {
  const ctx = systemContext("demo");
  for (const file of seedConventionFiles()) {
    const { id } = await importConvention(tx, ctx, fs.readFileSync(path.join(conventionsDir, file), "utf8"), { system: true });
    const [{ base_terms }] = await tx.query<{ base_terms: ConventionTerms }>("SELECT base_terms FROM conventions WHERE id = $1", [id]);
    for (const party of base_terms.parties) {
      const dated = party.signatories.filter((s): s is typeof s & { signedOn: string } => s.signedOn !== null);
      if (dated.length === 0) continue;
      const last = dated.reduce((a, b) => (b.signedOn > a.signedOn ? b : a));
      await recordSignature(tx, ctx, id, { organisation: party.organisation, name: last.name, title: last.title, signedOn: last.signedOn, mode: "scanned_copy" }, today, {
        system: true,
      });
    }
  }
  const nextYearEnd = `${Number(today.slice(0, 4)) + 1}-12-31`;
  for (const number of ["CREUSE-2023-AG", "BAS-RHIN-2021-AG"]) {
    const [c] = await tx.query<{ id: string; ends_on: string }>("SELECT id, ends_on FROM conventions WHERE number = $1", [number]);
    const amendment = {
      number: "DEMO-1",
      signedOn: c.ends_on,
      effectiveOn: c.ends_on,
      summary: `Avenant de démonstration : prolongation jusqu'au ${nextYearEnd} (non issu des conventions sources)`,
      changes: { period: { endsOn: nextYearEnd } },
    };
    await recordAmendment(tx, ctx, c.id, amendment, today, { system: true });
  }
}
