import { effectiveOn, lastSignature } from "../../domain/convention/conventionDates.js";
import { latestTerms } from "../../domain/convention/termsInForce.js";
import type { ConventionFile } from "../../shared/contracts/conventionFile.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { errors } from "../platform/errors.js";
import { authorize } from "../platform/policies.js";
import type { RequestContext } from "../platform/requestContext.js";
import { conventionErrors, type FileIssue } from "./conventionErrors.js";
import { parseConventionFile } from "./conventionFileIO.js";

/**
 * Imports a convention file as a whole, or nothing: schema, rules, unknown parties and an
 * existing number are all reported together, by path, and nothing is written.
 */
export async function importConvention(
  db: Db,
  ctx: RequestContext,
  text: string,
  opts: { system?: boolean } = {},
): Promise<{ id: string; number: string }> {
  const parsed = parseConventionFile(text);
  if (!parsed.file) throw conventionErrors.invalidFile(parsed.issues);
  const file = parsed.file;
  const codes = new Set<string>();
  for (const p of file.convention.parties) {
    codes.add(p.organisation);
    if (p.succession) codes.add(p.succession.organisation);
  }
  const known = await db.query<{ id: string; code: string }>("SELECT id, code FROM organisations WHERE code = ANY($1)", [[...codes]]);
  const idByCode = new Map(known.map((o) => [o.code, o.id]));
  const issues: FileIssue[] = [];
  file.convention.parties.forEach((p, i) => {
    if (!idByCode.has(p.organisation)) issues.push({ path: `convention.parties.${i}.organisation`, message: `Organisation inconnue de Tandem : « ${p.organisation} ».` });
    if (p.succession && !idByCode.has(p.succession.organisation)) {
      issues.push({ path: `convention.parties.${i}.succession.organisation`, message: `Organisation inconnue de Tandem : « ${p.succession.organisation} ».` });
    }
  });
  if (file.convention.annexOf) {
    const parent = await db.query("SELECT 1 FROM conventions WHERE number = $1", [file.convention.annexOf]);
    if (!parent.length) issues.push({ path: "convention.annexOf", message: `Convention principale inconnue : « ${file.convention.annexOf} ».` });
  }
  if (issues.length) throw conventionErrors.invalidFile(issues);

  // The CLI and the demo loader act as the system; anyone else must be allowed by the policy.
  if (ctx.user) authorize(ctx.user, "convention.import", { partyOrganisationIds: [...idByCode.values()] });
  else if (!opts.system) throw errors.unauthenticated();
  if ((await db.query("SELECT 1 FROM conventions WHERE number = $1", [file.convention.number])).length) {
    throw conventionErrors.alreadyExists(file.convention.number);
  }
  return db.transaction((tx) => insertConvention(tx, ctx, file, idByCode));
}

async function insertConvention(tx: Db, ctx: RequestContext, file: ConventionFile, idByCode: Map<string, string>) {
  const t = file.convention;
  const latest = latestTerms(t, file.amendments);
  const [{ id }] = await tx.query<{ id: string }>(
    `INSERT INTO conventions (number, kind, title, annex_of, base_terms, effective_on, ends_on, signed_on)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
    [t.number, t.kind, t.title, t.annexOf, JSON.stringify(t), effectiveOn(latest), latest.period.endsOn, lastSignature(latest)],
  );
  for (const p of t.parties) {
    const orgId = idByCode.get(p.organisation)!;
    await tx.query("INSERT INTO convention_parties (convention_id, organisation_id, side, valid_to) VALUES ($1, $2, $3, $4)", [
      id,
      orgId,
      p.side,
      p.succession ? p.succession.from : null,
    ]);
    if (p.succession) {
      await tx.query(
        `INSERT INTO convention_parties (convention_id, organisation_id, side, valid_from, succeeds) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (convention_id, organisation_id) DO NOTHING`,
        [id, idByCode.get(p.succession.organisation)!, p.side, p.succession.from, orgId],
      );
    }
  }
  for (const a of file.amendments) {
    await tx.query(
      "INSERT INTO convention_amendments (convention_id, number, signed_on, effective_on, summary, changes, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
      [id, a.number, a.signedOn, a.effectiveOn, a.summary, JSON.stringify(a.changes), ctx.user?.id ?? null],
    );
  }
  await tx.query("INSERT INTO convention_events (convention_id, kind, occurred_on, details, recorded_by) VALUES ($1, 'imported', current_date, $2, $3)", [
    id,
    JSON.stringify({ amendments: file.amendments.length }),
    ctx.user?.id ?? null,
  ]);
  await audit(tx, ctx, { action: "convention.imported", subjectType: "convention", subjectId: id, details: { number: t.number } });
  return { id, number: t.number };
}
