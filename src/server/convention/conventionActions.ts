import { terminationDate } from "../../domain/convention/calendar.js";
import { effectiveOn, lastSignature } from "../../domain/convention/conventionDates.js";
import { latestTerms } from "../../domain/convention/termsInForce.js";
import { toCents } from "../../domain/convention/finance.js";
import { type Amendment, type ConventionFile, ConventionTermsSchema, type ConventionTerms } from "../../shared/contracts/conventionFile.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { authorize } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { conventionErrors } from "./conventionErrors.js";
import { conventionFileToYaml, zodIssues } from "./conventionFileIO.js";
import { dateProblems } from "../../domain/convention/conventionDates.js";
import { listAmendments, recordEvent } from "./conventionRepository.js";
import { readableConvention } from "./conventionQueries.js";

type Ctx = RequestContext & { user: SessionUser };

async function editableConvention(db: Db, ctx: Ctx, id: string, today: string) {
  const found = await readableConvention(db, ctx, id, today);
  authorize(ctx.user, "convention.edit", { partyOrganisationIds: found.readers });
  return found.row;
}

/** Keeps the register's columns in step with the terms: effective date, end, last signature. */
async function refreshDerivedDates(tx: Db, id: string, base: ConventionTerms) {
  const latest = latestTerms(base, await listAmendments(tx, id));
  await tx.query("UPDATE conventions SET base_terms = $2, effective_on = $3, ends_on = $4, signed_on = $5, updated_at = now() WHERE id = $1", [
    id,
    JSON.stringify(base),
    effectiveOn(latest),
    latest.period.endsOn,
    lastSignature(latest),
  ]);
}

/** An amendment changes terms from its date; the resulting terms must still satisfy every rule (caps included). */
export async function recordAmendment(db: Db, ctx: Ctx, id: string, amendment: Amendment, today: string) {
  const row = await editableConvention(db, ctx, id, today);
  const existing = await listAmendments(db, id);
  const result = ConventionTermsSchema.safeParse(latestTerms(row.base_terms, [...existing, amendment]));
  if (!result.success) throw conventionErrors.amendmentInvalid(zodIssues(result.error, "changes → "));
  const problems = dateProblems(result.data);
  if (problems.length) throw conventionErrors.amendmentInvalid(problems.map((p) => ({ path: `changes → ${p.path}`, message: p.message })));
  await db.transaction((tx) => insertAmendment(tx, ctx, id, row.base_terms, amendment));
}

/** Writes an amendment already checked, with its event and audit (also used by the demo loader). */
export async function insertAmendment(tx: Db, ctx: RequestContext, id: string, base: ConventionTerms, amendment: Amendment) {
  await tx.query(
    "INSERT INTO convention_amendments (convention_id, number, signed_on, effective_on, summary, changes, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
    [id, amendment.number, amendment.signedOn, amendment.effectiveOn, amendment.summary, JSON.stringify(amendment.changes), ctx.user?.id ?? null],
  );
  await refreshDerivedDates(tx, id, base);
  await recordEvent(tx, id, { kind: "amendment", occurredOn: amendment.effectiveOn, details: { number: amendment.number, summary: amendment.summary }, userId: ctx.user?.id ?? null });
  await audit(tx, ctx, { action: "convention.amendment_recorded", subjectType: "convention", subjectId: id, details: { number: amendment.number } });
}

export async function recordSignature(db: Db, ctx: Ctx, id: string, s: { organisation: string; name: string; title: string; signedOn: string }, today: string) {
  const row = await editableConvention(db, ctx, id, today);
  const base = structuredClone(row.base_terms);
  const party = base.parties.find((p) => p.organisation === s.organisation);
  if (!party) throw conventionErrors.unknownParty();
  party.signatories.push({ name: s.name, title: s.title, signedOn: s.signedOn });
  await db.transaction(async (tx) => {
    await refreshDerivedDates(tx, id, base);
    await recordEvent(tx, id, { kind: "signature", occurredOn: s.signedOn, details: s, userId: ctx.user.id });
    await audit(tx, ctx, { action: "convention.signature_recorded", subjectType: "convention", subjectId: id, details: { organisation: s.organisation } });
  });
}

export async function recordTermination(db: Db, ctx: Ctx, id: string, notice: { receivedOn: string; reason: "notice" | "breach"; note?: string }, today: string) {
  const row = await editableConvention(db, ctx, id, today);
  if (row.terminated_on) throw conventionErrors.alreadyTerminated();
  const terms = latestTerms(row.base_terms, await listAmendments(db, id));
  const endsOn = terminationDate(terms, { effectiveOn: row.effective_on, endsOn: row.ends_on }, notice);
  await db.transaction(async (tx) => {
    await tx.query("UPDATE conventions SET terminated_on = $2, updated_at = now() WHERE id = $1", [id, endsOn]);
    await recordEvent(tx, id, { kind: "termination_notice", occurredOn: notice.receivedOn, details: { ...notice, endsOn }, userId: ctx.user.id });
    await audit(tx, ctx, { action: "convention.termination_recorded", subjectType: "convention", subjectId: id, details: { endsOn } });
  });
  return { endsOn };
}

/** A party is succeeded from a date (Bas-Rhin → Collectivité européenne d'Alsace): everything running continues. */
export async function recordSuccession(db: Db, ctx: Ctx, id: string, s: { predecessorOrganisationId: string; successorOrganisationId: string; from: string }, today: string) {
  const row = await editableConvention(db, ctx, id, today);
  const [pred] = await db.query<{ side: string; code: string }>(
    "SELECT p.side, o.code FROM convention_parties p JOIN organisations o ON o.id = p.organisation_id WHERE p.convention_id = $1 AND p.organisation_id = $2",
    [id, s.predecessorOrganisationId],
  );
  const [succ] = await db.query<{ code: string; name: string }>("SELECT code, name FROM organisations WHERE id = $1", [s.successorOrganisationId]);
  if (!pred || !succ) throw conventionErrors.unknownParty();
  const base = structuredClone(row.base_terms);
  const party = base.parties.find((p) => p.organisation === pred.code)!;
  party.succession = { organisation: succ.code, name: succ.name, from: s.from, source: "Succession enregistrée dans Tandem" };
  await db.transaction(async (tx) => {
    await tx.query("UPDATE convention_parties SET valid_to = $3 WHERE convention_id = $1 AND organisation_id = $2", [id, s.predecessorOrganisationId, s.from]);
    await tx.query(
      `INSERT INTO convention_parties (convention_id, organisation_id, side, valid_from, succeeds) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (convention_id, organisation_id) DO UPDATE SET valid_from = $4, succeeds = $5`,
      [id, s.successorOrganisationId, pred.side, s.from, s.predecessorOrganisationId],
    );
    await refreshDerivedDates(tx, id, base);
    await recordEvent(tx, id, { kind: "succession", occurredOn: s.from, details: { predecessor: pred.code, successor: succ.code }, userId: ctx.user.id });
    await audit(tx, ctx, { action: "convention.succession_recorded", subjectType: "convention", subjectId: id, details: { successor: succ.code } });
  });
}

export async function recordCommitmentValue(db: Db, ctx: Ctx, id: string, key: string, v: { recordedOn: string; value: number; note?: string }, today: string) {
  const row = await editableConvention(db, ctx, id, today);
  const terms = latestTerms(row.base_terms, await listAmendments(db, id));
  if (!terms.commitments.some((c) => c.key === key)) throw conventionErrors.unknownCommitment(key);
  await db.transaction(async (tx) => {
    await tx.query("INSERT INTO convention_commitment_values (convention_id, commitment_key, recorded_on, value, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)", [
      id,
      key,
      v.recordedOn,
      v.value,
      v.note ?? null,
      ctx.user.id,
    ]);
    await recordEvent(tx, id, { kind: "commitment_value", occurredOn: v.recordedOn, details: { key, value: v.value }, userId: ctx.user.id });
    await audit(tx, ctx, { action: "convention.commitment_recorded", subjectType: "convention", subjectId: id, details: { key, value: v.value } });
  });
}

export async function recordPayment(db: Db, ctx: Ctx, id: string, p: { paidOn: string; amount: string; note?: string }, today: string) {
  await editableConvention(db, ctx, id, today);
  await db.transaction(async (tx) => {
    await tx.query("INSERT INTO convention_payments (convention_id, paid_on, amount_cents, note, recorded_by) VALUES ($1, $2, $3, $4, $5)", [
      id,
      p.paidOn,
      toCents(p.amount).toString(),
      p.note ?? null,
      ctx.user.id,
    ]);
    await recordEvent(tx, id, { kind: "payment", occurredOn: p.paidOn, details: { amount: p.amount }, userId: ctx.user.id });
    await audit(tx, ctx, { action: "convention.payment_recorded", subjectType: "convention", subjectId: id, details: { amount: p.amount } });
  });
}

/** The convention as a file again: the signed terms (with recorded signatures and successions) and its amendments. */
export async function exportConventionFile(db: Db, ctx: Ctx | null, id: string, today: string): Promise<{ number: string; yaml: string }> {
  const row = ctx ? (await readableConvention(db, ctx, id, today)).row : (await db.query<{ number: string; base_terms: ConventionTerms }>("SELECT number, base_terms FROM conventions WHERE id = $1", [id]))[0];
  if (!row) throw conventionErrors.notFound();
  const amendments = (await listAmendments(db, id)).map(({ id: _id, ...a }) => a);
  const file: ConventionFile = { convention: row.base_terms, amendments };
  if (ctx) await db.transaction((tx) => audit(tx, ctx, { action: "convention.exported", subjectType: "convention", subjectId: id }));
  return { number: row.number, yaml: conventionFileToYaml(file) };
}
