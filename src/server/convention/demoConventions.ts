import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { ConventionTerms } from "../../shared/contracts/conventionFile.js";
import { proposeAmendment, recordAmendmentSignature, recordSignature } from "./conventionActions.js";
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
 * demonstration amendment (avenant) extends the two global-support conventions and Rouen's (PEC and
 * immersions, ADR 0037) to the end of the year after next, so that the programmes run today — a support entered today and renewed
 * (Creuse: 12 + 6 months) fits before the end, which a support may not run past (ADR 0024); it is labelled as a demonstration, not a seed term.
 * Like the conventions, it applies only once signed by every party acting on its date: the system
 * records each party's signature as from a signed copy (mode `scanned_copy`, audited), on the day
 * the seed convention ended — the Collectivité européenne d'Alsace signs for the Département du
 * Bas-Rhin it succeeded (ADR 0008, « Avenants »).
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
  const demoEnd = `${Number(today.slice(0, 4)) + 2}-12-31`;
  for (const number of ["CREUSE-2023-AG", "BAS-RHIN-2021-AG", "ROUEN-PARTENARIAT"]) {
    const [c] = await tx.query<{ id: string; ends_on: string; base_terms: ConventionTerms }>("SELECT id, ends_on, base_terms FROM conventions WHERE number = $1", [number]);
    const amendment = {
      number: "DEMO-1",
      signedOn: c.ends_on,
      effectiveOn: c.ends_on,
      summary: `Avenant de démonstration : prolongation jusqu’au ${demoEnd} (non issu des conventions sources)`,
      changes: { period: { endsOn: demoEnd } },
    };
    await proposeAmendment(tx, ctx, c.id, amendment, today, { system: true });
    const [{ id: amendmentId, signing_parties }] = await tx.query<{ id: string; signing_parties: string[] }>(
      "SELECT id, signing_parties FROM convention_amendments WHERE convention_id = $1 AND number = 'DEMO-1'",
      [c.id],
    );
    const parties = await tx.query<{ code: string; name: string }>("SELECT code, name FROM organisations WHERE id = ANY($1) ORDER BY code", [signing_parties]);
    for (const party of parties) {
      const filed = c.base_terms.parties.find((p) => p.organisation === party.code);
      const person = filed?.representative ?? filed?.signatories.at(-1) ?? { name: `Représentant de ${party.name}`, title: "Représentant légal" };
      await recordAmendmentSignature(
        tx,
        ctx,
        c.id,
        amendmentId,
        { organisation: party.code, name: person.name, title: person.title, signedOn: c.ends_on, mode: "scanned_copy" },
        today,
        { system: true },
      );
    }
  }
}
