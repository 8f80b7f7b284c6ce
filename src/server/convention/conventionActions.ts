import { terminationDate } from "../../domain/convention/calendar.js";
import { dateProblems } from "../../domain/convention/conventionDates.js";
import { toCents } from "../../domain/convention/finance.js";
import { conventionSignedOn, type SignatureMode, signatureDateProblems } from "../../domain/convention/signatures.js";
import { latestTerms } from "../../domain/convention/termsInForce.js";
import { type Amendment, type ConventionFile, type ConventionTerms, ConventionTermsSchema } from "../../shared/contracts/conventionFile.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { authorize } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { runConventionCommand } from "./conventionCommand.js";
import { conventionErrors } from "./conventionErrors.js";
import { conventionFileToYaml, zodIssues } from "./conventionFileIO.js";
import { readableConvention } from "./conventionQueries.js";
import { listAmendments, listSignatures, signingPartyIds } from "./conventionRepository.js";

type Ctx = RequestContext & { user: SessionUser };
/** The demo loader and the CLI act as the platform (no user); a request always has one. */
type CommandOpts = { system?: boolean };

/** PostgreSQL's unique_violation: the constraint behind a check made under the lock. */
const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "23505";

/** An amendment changes terms from its date; the resulting terms must still satisfy every rule (caps included). */
export async function recordAmendment(db: Db, ctx: RequestContext, id: string, amendment: Amendment, today: string, opts: CommandOpts = {}) {
  await runConventionCommand(db, ctx, id, { audit: "convention.amendment_recorded", today, ...opts }, async ({ tx, row }) => {
    const taken = await tx.query("SELECT 1 FROM convention_amendments WHERE convention_id = $1 AND number = $2", [id, amendment.number]);
    if (taken.length) throw conventionErrors.amendmentNumberTaken(amendment.number);
    const existing = await listAmendments(tx, id);
    const result = ConventionTermsSchema.safeParse(latestTerms(row.base_terms, [...existing, amendment]));
    if (!result.success) throw conventionErrors.amendmentInvalid(zodIssues(result.error, "changes → "));
    const problems = dateProblems(result.data, row.signed_on ?? undefined);
    if (problems.length) throw conventionErrors.amendmentInvalid(problems.map((p) => ({ path: `changes → ${p.path}`, message: p.message })));
    try {
      await tx.query(
        "INSERT INTO convention_amendments (convention_id, number, signed_on, effective_on, summary, changes, recorded_by) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        [id, amendment.number, amendment.signedOn, amendment.effectiveOn, amendment.summary, JSON.stringify(amendment.changes), ctx.user?.id ?? null],
      );
    } catch (error) {
      if (isUniqueViolation(error)) throw conventionErrors.amendmentNumberTaken(amendment.number);
      throw error;
    }
    return {
      event: { kind: "amendment", occurredOn: amendment.effectiveOn, details: { number: amendment.number, summary: amendment.summary } },
      audit: { number: amendment.number },
    };
  });
}

export type SignatureInput = { organisation: string; name: string; title: string; signedOn: string; mode: SignatureMode };

/** A party that signs the convention, by its organisation code (a successor signs nothing: it carries a signature). */
async function signingParty(tx: Db, conventionId: string, code: string) {
  const [party] = await tx.query<{ organisation_id: string; name: string }>(
    `SELECT p.organisation_id, o.name FROM convention_parties p JOIN organisations o ON o.id = p.organisation_id
      WHERE p.convention_id = $1 AND o.code = $2 AND p.signatory`,
    [conventionId, code],
  );
  if (!party) throw conventionErrors.notSigningParty();
  return party;
}

/**
 * Records one party's signature (ADR 0008): in Tandem by a steering user or org_admin of that very
 * party, or from a scanned signed copy by the platform admin — or by the system for the demo's
 * seed conventions. One signature per party; the convention is signed, and opens data, once every
 * signing party has one.
 */
export async function recordSignature(db: Db, ctx: RequestContext, id: string, s: SignatureInput, today: string, opts: CommandOpts = {}) {
  await runConventionCommand(
    db,
    ctx,
    id,
    {
      audit: "convention.signature_recorded",
      today,
      ...opts,
      authorize: async (user, { tx }) => {
        const party = await signingParty(tx, id, s.organisation);
        authorize(user, "convention.sign", { partyOrganisationId: party.organisation_id, mode: s.mode });
      },
    },
    async ({ tx, row }) => {
      const party = await signingParty(tx, id, s.organisation);
      if (row.terminated_on) throw conventionErrors.alreadyTerminated();
      const signatures = await listSignatures(tx, id);
      if (signatures.some((x) => x.organisationId === party.organisation_id)) throw conventionErrors.signatureAlreadyRecorded(party.name);
      const terms = latestTerms(row.base_terms, await listAmendments(tx, id));
      const prospective = conventionSignedOn(await signingPartyIds(tx, id), [...signatures, { organisationId: party.organisation_id, signedOn: s.signedOn }]);
      const problems = [
        ...signatureDateProblems(s.signedOn, { today, endsOn: terms.period.endsOn }),
        // Signed on that date, the convention would start then: its duration cap must still hold.
        ...(prospective ? dateProblems(terms, prospective).map((p) => ({ path: "signedOn", message: p.message })) : []),
      ];
      if (problems.length) throw conventionErrors.signatureInvalid(problems);
      try {
        await tx.query(
          `INSERT INTO convention_signatures (convention_id, organisation_id, signatory_name, signatory_title, signed_on, mode, recorded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7)`,
          [id, party.organisation_id, s.name, s.title, s.signedOn, s.mode, ctx.user?.id ?? null],
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw conventionErrors.signatureAlreadyRecorded(party.name);
        throw error;
      }
      return {
        event: { kind: "signature", occurredOn: s.signedOn, details: { organisation: s.organisation, name: s.name, title: s.title, mode: s.mode } },
        audit: { organisation: s.organisation, mode: s.mode, signedOn: s.signedOn },
      };
    },
  );
}

export async function recordTermination(db: Db, ctx: Ctx, id: string, notice: { receivedOn: string; reason: "notice" | "breach"; note?: string }, today: string) {
  const result = await runConventionCommand(db, ctx, id, { audit: "convention.termination_recorded", today }, async ({ tx, row }) => {
    if (row.terminated_on) throw conventionErrors.alreadyTerminated();
    const terms = latestTerms(row.base_terms, await listAmendments(tx, id));
    const endsOn = terminationDate(terms, { effectiveOn: row.effective_on, endsOn: row.ends_on }, notice);
    await tx.query("UPDATE conventions SET terminated_on = $2, updated_at = now() WHERE id = $1", [id, endsOn]);
    return {
      event: { kind: "termination_notice", occurredOn: notice.receivedOn, details: { ...notice, endsOn } },
      audit: { endsOn },
      result: { endsOn },
    };
  });
  return result as { endsOn: string };
}

/** A party is succeeded from a date (Bas-Rhin → Collectivité européenne d'Alsace): everything running continues. */
export async function recordSuccession(db: Db, ctx: Ctx, id: string, s: { predecessorOrganisationId: string; successorOrganisationId: string; from: string }, today: string) {
  await runConventionCommand(db, ctx, id, { audit: "convention.succession_recorded", today }, async ({ tx, row }) => {
    const [pred] = await tx.query<{ side: string; code: string }>(
      "SELECT p.side, o.code FROM convention_parties p JOIN organisations o ON o.id = p.organisation_id WHERE p.convention_id = $1 AND p.organisation_id = $2",
      [id, s.predecessorOrganisationId],
    );
    const [succ] = await tx.query<{ code: string; name: string }>("SELECT code, name FROM organisations WHERE id = $1", [s.successorOrganisationId]);
    const base = structuredClone(row.base_terms);
    const party = pred && base.parties.find((p) => p.organisation === pred.code);
    if (!pred || !succ || !party) throw conventionErrors.unknownParty();
    party.succession = { organisation: succ.code, name: succ.name, from: s.from, source: "Succession enregistrée dans Tandem" };
    await tx.query("UPDATE convention_parties SET valid_to = $3 WHERE convention_id = $1 AND organisation_id = $2", [id, s.predecessorOrganisationId, s.from]);
    // The successor carries the predecessor's signature: it does not sign again.
    await tx.query(
      `INSERT INTO convention_parties (convention_id, organisation_id, side, valid_from, succeeds, signatory) VALUES ($1, $2, $3, $4, $5, false)
       ON CONFLICT (convention_id, organisation_id) DO UPDATE SET valid_from = $4, succeeds = $5`,
      [id, s.successorOrganisationId, pred.side, s.from, s.predecessorOrganisationId],
    );
    await tx.query("UPDATE conventions SET base_terms = $2 WHERE id = $1", [id, JSON.stringify(base)]);
    return { event: { kind: "succession", occurredOn: s.from, details: { predecessor: pred.code, successor: succ.code } }, audit: { successor: succ.code } };
  });
}

export async function recordCommitmentValue(db: Db, ctx: Ctx, id: string, key: string, v: { recordedOn: string; value: number; note?: string }, today: string) {
  await runConventionCommand(db, ctx, id, { audit: "convention.commitment_recorded", today }, async ({ tx, row }) => {
    const terms = latestTerms(row.base_terms, await listAmendments(tx, id));
    if (!terms.commitments.some((c) => c.key === key)) throw conventionErrors.unknownCommitment(key);
    await tx.query("INSERT INTO convention_commitment_values (convention_id, commitment_key, recorded_on, value, note, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)", [
      id,
      key,
      v.recordedOn,
      v.value,
      v.note ?? null,
      ctx.user.id,
    ]);
    return { event: { kind: "commitment_value", occurredOn: v.recordedOn, details: { key, value: v.value } } };
  });
}

export async function recordPayment(db: Db, ctx: Ctx, id: string, p: { paidOn: string; amount: string; note?: string }, today: string) {
  await runConventionCommand(db, ctx, id, { audit: "convention.payment_recorded", today }, async ({ tx }) => {
    await tx.query("INSERT INTO convention_payments (convention_id, paid_on, amount_cents, note, recorded_by) VALUES ($1, $2, $3, $4, $5)", [
      id,
      p.paidOn,
      toCents(p.amount).toString(),
      p.note ?? null,
      ctx.user.id,
    ]);
    return { event: { kind: "payment", occurredOn: p.paidOn, details: { amount: p.amount } } };
  });
}

/**
 * The convention as a file again: the terms as imported (successions included), its amendments,
 * and the signatures recorded in Tandem added to each party's signatories with a note — in a file
 * they are information again (ADR 0008).
 */
export async function exportConventionFile(db: Db, ctx: Ctx | null, id: string, today: string): Promise<{ number: string; yaml: string }> {
  const row = ctx ? (await readableConvention(db, ctx, id, today)).row : (await db.query<{ number: string; base_terms: ConventionTerms }>("SELECT number, base_terms FROM conventions WHERE id = $1", [id]))[0];
  if (!row) throw conventionErrors.notFound();
  const amendments = (await listAmendments(db, id)).map(({ id: _id, ...a }) => a);
  const codes = new Map(
    (await db.query<{ id: string; code: string }>("SELECT o.id, o.code FROM organisations o JOIN convention_parties p ON p.organisation_id = o.id WHERE p.convention_id = $1", [id])).map(
      (o) => [o.id, o.code],
    ),
  );
  const terms = structuredClone(row.base_terms);
  for (const s of await listSignatures(db, id)) {
    const party = terms.parties.find((p) => p.organisation === codes.get(s.organisationId));
    party?.signatories.push({
      name: s.name,
      title: s.title,
      signedOn: s.signedOn,
      note: s.mode === "in_app" ? "Signature enregistrée dans Tandem par la partie" : "Copie signée (scan) enregistrée dans Tandem",
    });
  }
  const file: ConventionFile = { convention: terms, amendments };
  if (ctx) await db.transaction((tx) => audit(tx, ctx, { action: "convention.exported", subjectType: "convention", subjectId: id }));
  return { number: row.number, yaml: conventionFileToYaml(file) };
}
