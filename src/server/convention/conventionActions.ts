import { dataExchangeSuspendedOn, endWithParent, noticeTooLate, type TerminationReason, terminationDate, terminationReasons } from "../../domain/convention/calendar.js";
import { frenchDate } from "../../domain/shared/calendarDate.js";
import { dateProblems } from "../../domain/convention/conventionDates.js";
import { amendmentSignatureDateProblems, conventionSignedOn, type SignatureMode, signatureDateProblems } from "../../domain/convention/signatures.js";
import { latestTerms } from "../../domain/convention/termsInForce.js";
import { type Amendment, type ConventionFile, type ConventionTerms, ConventionTermsSchema } from "../../shared/contracts/conventionFile.js";
import { audit, auditRead } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { authorize } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { runConventionCommand } from "./conventionCommand.js";
import { oldDelayKeys } from "./oldDelayFormat.js";
import { conventionErrors } from "./conventionErrors.js";
import { conventionFileToYaml, zodIssues } from "./conventionFileIO.js";
import { readableConvention } from "./conventionQueries.js";
import { amendmentSigningPartyIds, listAmendmentSignatures, listAmendments, listSignatures, signingPartyIds } from "./conventionRepository.js";

type Ctx = RequestContext & { user: SessionUser };
/** The demo loader and the CLI act as the platform (no user); a request always has one. */
type CommandOpts = { system?: boolean };

/** PostgreSQL's unique_violation: the constraint behind a check made under the lock. */
const isUniqueViolation = (error: unknown) => (error as { code?: string } | null)?.code === "23505";

export type AmendmentProposal = {
  number: string;
  effectiveOn: string;
  summary: string;
  changes: Record<string, unknown>;
  /** The date the amendment document states, if any: information, it signs nothing. */
  signedOn?: string | null;
  /** The proposer signs for their own party with the proposal. */
  signature?: { name: string; title: string; signedOn: string };
};

type LockedRow = { base_terms: ConventionTerms; signed_on: string | null; terminated_on: string | null; ends_on: string };
type PendingAmendment = { id: string; number: string; effectiveOn: string; changes: Record<string, unknown>; signingPartyIds: string[] };

/** The terms with every signed amendment and this one applied must satisfy every rule (caps included), at the proposal and at the last signature. */
async function termsProblemsWith(tx: Db, conventionId: string, row: LockedRow, amendment: Pick<Amendment, "effectiveOn" | "changes">) {
  const signed = await listAmendments(tx, conventionId);
  const result = ConventionTermsSchema.safeParse(latestTerms(row.base_terms, [...signed, amendment]));
  if (!result.success) return zodIssues(result.error, "changes → ");
  return dateProblems(result.data, row.signed_on ?? undefined).map((p) => ({ path: `changes → ${p.path}`, message: p.message }));
}

/**
 * Records one party's signature of an amendment, under the convention's row lock (ADR 0008,
 * « Avenants »); at the last one, checks the rules again on the terms as they stand now (another
 * amendment may have been signed meanwhile) and the amendment applies from its date. Returns
 * whether it applies now, and what the signature's audit event says (`convention.amendment_signature_recorded`).
 */
async function addAmendmentSignature(
  tx: Db,
  ctx: RequestContext,
  conventionId: string,
  row: LockedRow,
  amendment: PendingAmendment,
  party: { organisation_id: string; code: string; name: string },
  s: { name: string; title: string; signedOn: string; mode: SignatureMode },
  today: string,
  pathPrefix = "",
): Promise<{ applies: boolean; audit: Record<string, unknown> }> {
  if (!row.signed_on) throw conventionErrors.conventionNotSigned("amendment");
  const signatures = (await listAmendmentSignatures(tx, conventionId)).filter((x) => x.amendmentId === amendment.id);
  if (signatures.some((x) => x.organisationId === party.organisation_id)) throw conventionErrors.amendmentSignatureAlreadyRecorded(party.name, amendment.number);
  const problems = amendmentSignatureDateProblems(s.signedOn, { today, conventionSignedOn: row.signed_on, endsOn: row.ends_on });
  if (problems.length) throw conventionErrors.signatureInvalid(problems.map((p) => ({ ...p, path: `${pathPrefix}${p.path}` })));
  const signedOn = conventionSignedOn(amendment.signingPartyIds, [...signatures, { organisationId: party.organisation_id, signedOn: s.signedOn }]);
  if (signedOn) {
    const invalid = await termsProblemsWith(tx, conventionId, row, amendment);
    if (invalid.length) throw conventionErrors.amendmentNoLongerValid(amendment.number, invalid);
  }
  try {
    await tx.query(
      `INSERT INTO convention_amendment_signatures (amendment_id, convention_id, organisation_id, signatory_name, signatory_title, signed_on, mode, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [amendment.id, conventionId, party.organisation_id, s.name, s.title, s.signedOn, s.mode, ctx.user?.id ?? null],
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw conventionErrors.amendmentSignatureAlreadyRecorded(party.name, amendment.number);
    throw error;
  }
  // The derived date the term reads rely on (with the signatures themselves): set only at the last signature.
  if (signedOn) await tx.query("UPDATE convention_amendments SET signed_on = $2 WHERE id = $1", [amendment.id, signedOn]);
  return { applies: signedOn !== null, audit: { number: amendment.number, organisation: party.code, mode: s.mode, signedOn: s.signedOn, applies: signedOn !== null } };
}

/** A party of the convention among those that sign this amendment, by organisation code or id. */
async function amendmentSigningParty(tx: Db, conventionId: string, amendment: PendingAmendment, by: { code?: string; organisationId?: string }, path?: string) {
  const [party] = await tx.query<{ organisation_id: string; code: string; name: string }>(
    `SELECT p.organisation_id, o.code, o.name FROM convention_parties p JOIN organisations o ON o.id = p.organisation_id
      WHERE p.convention_id = $1 AND (o.code = $2 OR p.organisation_id::text = $3)`,
    [conventionId, by.code ?? null, by.organisationId ?? null],
  );
  if (!party || !amendment.signingPartyIds.includes(party.organisation_id)) throw conventionErrors.notAmendmentSigningParty(path);
  return party;
}

/**
 * A party proposes an amendment (ADR 0008, « Avenants »): it changes nothing until every party
 * acting on its effective date has signed it in Tandem. The resulting terms must satisfy every
 * rule (caps included) now, and again at the last signature. The proposer may sign for their own
 * party with the proposal.
 */
export async function proposeAmendment(db: Db, ctx: RequestContext, id: string, p: AmendmentProposal, today: string, opts: CommandOpts = {}) {
  await runConventionCommand(
    db,
    ctx,
    id,
    {
      audit: "convention.amendment_proposed",
      today,
      ...opts,
      authorize: (user, { readers }) => {
        authorize(user, "convention.edit", { partyOrganisationIds: readers });
        // Signing with the proposal is signing for one's own party, in Tandem: the same rule as any signature.
        if (p.signature) authorize(user, "convention.sign", { partyOrganisationId: user.organisationId, mode: "in_app" });
      },
    },
    async ({ tx, row }) => {
      if (row.terminated_on) throw conventionErrors.alreadyTerminated();
      const taken = await tx.query("SELECT 1 FROM convention_amendments WHERE convention_id = $1 AND number = $2", [id, p.number]);
      if (taken.length) throw conventionErrors.amendmentNumberTaken(p.number);
      // An old-format delay (`daysFromOrientationToStart: 21`) is named as such, as in a convention file, not as an unknown key.
      const old = oldDelayKeys(p.changes, "changes");
      if (old.length) throw conventionErrors.oldDelayFormat(old, "amendment");
      const problems = await termsProblemsWith(tx, id, row, p);
      if (problems.length) throw conventionErrors.amendmentInvalid(problems);
      const signingPartyIds = await amendmentSigningPartyIds(tx, id, p.effectiveOn);
      let inserted: { id: string }[];
      try {
        inserted = await tx.query<{ id: string }>(
          `INSERT INTO convention_amendments (convention_id, number, stated_signed_on, effective_on, summary, changes, signing_parties, recorded_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          [id, p.number, p.signedOn ?? p.signature?.signedOn ?? null, p.effectiveOn, p.summary, JSON.stringify(p.changes), signingPartyIds, ctx.user?.id ?? null],
        );
      } catch (error) {
        if (isUniqueViolation(error)) throw conventionErrors.amendmentNumberTaken(p.number);
        throw error;
      }
      const amendment: PendingAmendment = { id: inserted[0].id, number: p.number, effectiveOn: p.effectiveOn, changes: p.changes, signingPartyIds };
      let signedBy: string | null = null;
      let applies = false;
      if (p.signature && ctx.user) {
        const party = await amendmentSigningParty(tx, id, amendment, { organisationId: ctx.user.organisationId }, "signature");
        const signature = await addAmendmentSignature(tx, ctx, id, row, amendment, party, { ...p.signature, mode: "in_app" }, today, "signature.");
        // The signature is an act of its own: audited as every amendment signature is.
        await audit(tx, ctx, { action: "convention.amendment_signature_recorded", subjectType: "convention", subjectId: id, details: signature.audit });
        applies = signature.applies;
        signedBy = party.code;
      }
      return {
        event: { kind: "amendment_proposed", occurredOn: today, details: { number: p.number, summary: p.summary, effectiveOn: p.effectiveOn, signedBy, applies } },
        audit: { number: p.number, effectiveOn: p.effectiveOn, signedBy },
      };
    },
  );
}

/**
 * One party signs an amendment: a steering user or org_admin of that very party in Tandem, or the
 * platform admin from a scanned signed copy (the system for the demo) — the rules of a
 * convention's signature (`convention.sign`). At the last signature the amendment applies.
 */
export async function recordAmendmentSignature(db: Db, ctx: RequestContext, id: string, amendmentId: string, s: SignatureInput, today: string, opts: CommandOpts = {}) {
  const pending = async (tx: Db) => {
    const amendment = (await listAmendments(tx, id, { includeUnsigned: true })).find((a) => a.id === amendmentId);
    if (!amendment) throw conventionErrors.amendmentNotFound();
    return amendment;
  };
  await runConventionCommand(
    db,
    ctx,
    id,
    {
      audit: "convention.amendment_signature_recorded",
      today,
      ...opts,
      authorize: async (user, { tx }) => {
        const party = await amendmentSigningParty(tx, id, await pending(tx), { code: s.organisation });
        authorize(user, "convention.sign", { partyOrganisationId: party.organisation_id, mode: s.mode });
      },
    },
    async ({ tx, row }) => {
      const amendment = await pending(tx);
      if (row.terminated_on) throw conventionErrors.alreadyTerminated();
      const party = await amendmentSigningParty(tx, id, amendment, { code: s.organisation });
      const signature = await addAmendmentSignature(tx, ctx, id, row, amendment, party, s, today);
      return {
        event: {
          kind: "amendment_signature",
          occurredOn: s.signedOn,
          details: { number: amendment.number, organisation: s.organisation, name: s.name, title: s.title, mode: s.mode, applies: signature.applies },
        },
        audit: signature.audit,
      };
    },
  );
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

/**
 * A party ends the convention by one of the ways its file provides (issue 10): notice, breach
 * (only when the file provides for it; a data annex's exchange is suspended at once), or mutual
 * agreement on a date. Not once it has ended. Its annexes end with it (`annexOf`), on the same
 * day unless they end earlier, each with an event and an audit line.
 */
export async function recordTermination(
  db: Db,
  ctx: Ctx,
  id: string,
  notice: { receivedOn: string; reason: TerminationReason; agreedEndOn?: string; note?: string },
  today: string,
) {
  const result = await runConventionCommand(db, ctx, id, { audit: "convention.termination_recorded", today }, async ({ tx, row }) => {
    if (row.terminated_on) throw conventionErrors.alreadyTerminated();
    // A letter received after the end terminates nothing: the convention had already ended.
    if (row.ends_on < notice.receivedOn) throw conventionErrors.alreadyEnded(frenchDate(row.ends_on));
    const terms = latestTerms(row.base_terms, await listAmendments(tx, id));
    if (!terminationReasons(terms).includes(notice.reason)) throw conventionErrors.terminationNotProvided(notice.reason);
    if (notice.reason === "mutual") {
      if (!notice.agreedEndOn) throw conventionErrors.terminationInvalid([{ path: "agreedEndOn", message: "Indiquez la date de fin convenue entre les parties." }]);
      if (notice.agreedEndOn < notice.receivedOn) {
        throw conventionErrors.terminationInvalid([{ path: "agreedEndOn", message: "La date de fin convenue ne peut pas précéder la date de l’accord." }]);
      }
    }
    const late = noticeTooLate(terms, { effectiveOn: row.effective_on, endsOn: row.ends_on }, notice);
    if (late) throw conventionErrors.noticeTooLate(frenchDate(late.latestOn), frenchDate(late.dueOn));
    const endsOn = terminationDate(terms, { effectiveOn: row.effective_on, endsOn: row.ends_on }, notice);
    const suspendedOn = dataExchangeSuspendedOn(terms, notice);
    await tx.query("UPDATE conventions SET terminated_on = $2, data_exchange_suspended_on = COALESCE(data_exchange_suspended_on, $3), updated_at = now() WHERE id = $1", [
      id,
      endsOn,
      suspendedOn,
    ]);
    // An annex ends with its convention: the day the parent ends, unless it ends earlier itself.
    const annexes = await tx.query<{ id: string; number: string; ends_on: string; terminated_on: string | null }>(
      "SELECT id, number, ends_on, terminated_on FROM conventions WHERE annex_of = $1 ORDER BY number FOR UPDATE",
      [row.number],
    );
    for (const annex of annexes) {
      const annexEnd = annex.terminated_on && annex.terminated_on < annex.ends_on ? annex.terminated_on : annex.ends_on;
      const end = endWithParent(annexEnd, endsOn);
      if (end === annexEnd && annex.terminated_on) continue;
      await tx.query("UPDATE conventions SET terminated_on = $2, updated_at = now() WHERE id = $1", [annex.id, end]);
      await tx.query("INSERT INTO convention_events (convention_id, kind, occurred_on, details, recorded_by) VALUES ($1, 'ended_with_parent', $2, $3, $4)", [
        annex.id,
        notice.receivedOn,
        JSON.stringify({ parent: row.number, endsOn: end }),
        ctx.user.id,
      ]);
      await audit(tx, ctx, { action: "convention.ended_with_parent", subjectType: "convention", subjectId: annex.id, details: { parent: row.number, endsOn: end } });
    }
    return {
      event: { kind: "termination_notice", occurredOn: notice.receivedOn, details: { ...notice, endsOn, ...(suspendedOn ? { dataExchangeSuspendedOn: suspendedOn } : {}) } },
      audit: { endsOn, reason: notice.reason, ...(suspendedOn ? { dataExchangeSuspendedOn: suspendedOn } : {}) },
      result: { endsOn, dataExchangeSuspendedOn: suspendedOn },
    };
  });
  return result as { endsOn: string; dataExchangeSuspendedOn: string | null };
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

/**
 * The convention as a file again: the terms as imported (successions included), its amendments,
 * and the signatures recorded in Tandem added to each party's signatories with a note — in a file
 * they are information again (ADR 0008).
 */
export async function exportConventionFile(db: Db, ctx: Ctx | null, id: string, today: string): Promise<{ number: string; yaml: string }> {
  const row = ctx ? (await readableConvention(db, ctx, id, today)).row : (await db.query<{ number: string; base_terms: ConventionTerms }>("SELECT number, base_terms FROM conventions WHERE id = $1", [id]))[0];
  if (!row) throw conventionErrors.notFound();
  // Every amendment, proposals included: in a file each is information again (its date is the one it
  // was signed on in Tandem, or the one it states), to be signed in Tandem once re-imported.
  const amendments: Amendment[] = (await listAmendments(db, id, { includeUnsigned: true })).map((a) => ({
    number: a.number,
    signedOn: a.signedOn ?? a.statedSignedOn,
    effectiveOn: a.effectiveOn,
    summary: a.summary,
    changes: a.changes,
  }));
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
  if (ctx) await auditRead(db, ctx, { action: "convention.exported", subjectType: "convention", subjectId: id });
  return { number: row.number, yaml: conventionFileToYaml(file) };
}
