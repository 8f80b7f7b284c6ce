import { effectiveOn } from "../../domain/convention/conventionDates.js";
import type { ConventionFile } from "../../shared/contracts/conventionFile.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { errors } from "../platform/errors.js";
import { authorize } from "../platform/policies.js";
import type { RequestContext } from "../platform/requestContext.js";
import { conventionErrors, type FileIssue } from "./conventionErrors.js";
import { parseConventionFile } from "./conventionFileIO.js";
import { amendmentSigningPartyIds } from "./conventionRepository.js";
import { storeConventionTerritory, territoryIssues } from "./conventionTerritory.js";

/**
 * Imports a convention file as a whole, or nothing: schema, rules, unknown parties and an
 * existing number are all reported together, by path, and nothing is written. The convention is
 * a draft whatever signature dates the file writes: each party signs in Tandem (ADR 0008).
 */
export async function importConvention(
  db: Db,
  ctx: RequestContext,
  text: string,
  opts: { system?: boolean } = {},
): Promise<{ id: string; number: string }> {
  // Who may import nothing gets nothing parsed: the parser's work is only spent on possible importers.
  if (ctx.user) authorize(ctx.user, "convention.import.start");
  else if (!opts.system) throw errors.unauthenticated();
  const parsed = await parseConventionFile(text);
  if (!parsed.file) throw "oldDelayFormat" in parsed ? conventionErrors.oldDelayFormat(parsed.issues) : conventionErrors.invalidFile(parsed.issues);
  const file = parsed.file;
  const codes = new Set<string>();
  for (const p of file.convention.parties) {
    codes.add(p.organisation);
    if (p.succession) codes.add(p.succession.organisation);
  }
  return db.transaction(async (tx) => {
    const known = await tx.query<{ id: string; code: string }>("SELECT id, code FROM organisations WHERE code = ANY($1)", [[...codes]]);
    const idByCode = new Map(known.map((o) => [o.code, o.id]));
    const issues: FileIssue[] = [];
    file.convention.parties.forEach((p, i) => {
      if (!idByCode.has(p.organisation)) issues.push({ path: `convention.parties.${i}.organisation`, message: `Organisation inconnue de Tandem : « ${p.organisation} ».` });
      if (p.succession && !idByCode.has(p.succession.organisation)) {
        issues.push({ path: `convention.parties.${i}.succession.organisation`, message: `Organisation inconnue de Tandem : « ${p.succession.organisation} ».` });
      }
    });
    const amendmentNumbers = new Set<string>();
    file.amendments.forEach((a, i) => {
      if (amendmentNumbers.has(a.number)) issues.push({ path: `amendments.${i}.number`, message: `Deux avenants portent le numéro « ${a.number} ».` });
      amendmentNumbers.add(a.number);
    });
    if (file.convention.annexOf) {
      const parent = await tx.query("SELECT 1 FROM conventions WHERE number = $1", [file.convention.annexOf]);
      if (!parent.length) issues.push({ path: "convention.annexOf", message: `Convention principale inconnue : « ${file.convention.annexOf} ».` });
    }
    // A territory is chosen from the official referential: an unknown code is refused, cited (ADR 0027).
    issues.push(...territoryIssues(file.convention.territory));
    if (issues.length) throw conventionErrors.invalidFile(issues);
    // The CLI and the demo loader act as the system; anyone else must be a party's steering user or org_admin.
    if (ctx.user) authorize(ctx.user, "convention.import", { partyOrganisationIds: [...idByCode.values()] });
    return insertConvention(tx, ctx, file, idByCode);
  });
}

async function insertConvention(tx: Db, ctx: RequestContext, file: ConventionFile, idByCode: Map<string, string>) {
  const t = file.convention;
  // Unsigned in Tandem: no signature date, and no effective date when it is the last signature's.
  // The file's amendments are proposals until every party signs them in Tandem: the dates are the signed terms'.
  const inserted = await tx.query<{ id: string }>(
    `INSERT INTO conventions (number, kind, title, annex_of, base_terms, effective_on, ends_on, signed_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, NULL) ON CONFLICT (number) DO NOTHING RETURNING id`,
    [t.number, t.kind, t.title, t.annexOf, JSON.stringify(t), effectiveOn(t, null), t.period.endsOn],
  );
  if (!inserted.length) throw conventionErrors.alreadyExists(t.number);
  const [{ id }] = inserted;
  for (const p of t.parties) {
    const orgId = idByCode.get(p.organisation)!;
    await tx.query("INSERT INTO convention_parties (convention_id, organisation_id, side, valid_to, signatory) VALUES ($1, $2, $3, $4, true)", [
      id,
      orgId,
      p.side,
      p.succession ? p.succession.from : null,
    ]);
    if (p.succession) {
      await tx.query(
        `INSERT INTO convention_parties (convention_id, organisation_id, side, valid_from, succeeds, signatory) VALUES ($1, $2, $3, $4, $5, false)
         ON CONFLICT (convention_id, organisation_id) DO NOTHING`,
        [id, idByCode.get(p.succession.organisation)!, p.side, p.succession.from, orgId],
      );
    }
  }
  // After the parties: without a territory in the file, it is theirs (ADR 0027).
  await storeConventionTerritory(tx, id, t.territory);
  for (const a of file.amendments) {
    // The date the file writes is information (ADR 0008): each party signs the amendment in Tandem.
    await tx.query(
      `INSERT INTO convention_amendments (convention_id, number, stated_signed_on, effective_on, summary, changes, signing_parties, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, a.number, a.signedOn, a.effectiveOn, a.summary, JSON.stringify(a.changes), await amendmentSigningPartyIds(tx, id, a.effectiveOn), ctx.user?.id ?? null],
    );
  }
  await tx.query("INSERT INTO convention_events (convention_id, kind, occurred_on, details, recorded_by) VALUES ($1, 'imported', current_date, $2, $3)", [
    id,
    JSON.stringify({ amendments: file.amendments.length, draft: true }),
    ctx.user?.id ?? null,
  ]);
  await audit(tx, ctx, { action: "convention.imported", subjectType: "convention", subjectId: id, details: { number: t.number } });
  return { id, number: t.number };
}
