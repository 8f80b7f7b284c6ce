import { type Finance, financialSituation, formatEuros, type Instalment, instalments, paymentProblems, toCents } from "../../domain/convention/finance.js";
import { latestTerms, termsOn } from "../../domain/convention/termsInForce.js";
import type { PaymentDto } from "../../shared/contracts/convention.js";
import type { Db } from "../platform/db.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { type LockedConvention, runConventionCommand } from "./conventionCommand.js";
import { conventionErrors, type FileIssue } from "./conventionErrors.js";
import { type ConventionRow, listAmendments, listParties, type PartyRow, paidCents } from "./conventionRepository.js";

type Ctx = RequestContext & { user: SessionUser };

/** A payment's values, as recorded and as kept in its history. */
type PaymentValues = {
  paidOn: string;
  amountCents: string;
  payerOrganisationId: string | null;
  payeeOrganisationId: string | null;
  instalment: string | null;
  note: string | null;
};
export type PaymentInput = {
  paidOn: string;
  amount: string;
  note?: string;
  payerOrganisationId?: string;
  payeeOrganisationId?: string;
  instalment?: string | null;
};

/** What the payment rules need of a locked convention: its finance terms, its instalments, its parties. */
async function financeUnderLock(tx: Db, id: string, row: ConventionRow) {
  const amendments = await listAmendments(tx, id);
  const finance = latestTerms(row.base_terms, amendments).finance;
  if (!finance) throw conventionErrors.noPaymentDue();
  if (!row.signed_on) throw conventionErrors.conventionNotSigned("payment");
  const financeOn = (onDate: string) => termsOn(row.base_terms, amendments, onDate).finance;
  return {
    finance,
    signedOn: row.signed_on,
    financeOn,
    instalments: instalments(finance, { effectiveOn: row.effective_on, endsOn: row.ends_on, financeOn }),
    parties: await listParties(tx, id),
  };
}

/** The payer the finance terms name, and the first party of the other side acting on the payment's date. */
function defaultParties(finance: Finance, parties: PartyRow[], paidOn: string) {
  const payer = parties.find((p) => p.code === finance.payer);
  const acting = (p: PartyRow) => (!p.valid_from || p.valid_from <= paidOn) && (!p.valid_to || p.valid_to > paidOn);
  const others = parties.filter((p) => payer && p.side !== payer.side);
  const payee = others.find(acting) ?? others[0];
  return { payer: payer?.organisation_id ?? null, payee: payee?.organisation_id ?? null };
}

/**
 * The rules of a payment, the same for a new one and a corrected one (issue 9): dated once every
 * party has signed, not in the future, not after the end (plus the payment window); never more than
 * what is still due, the payment being corrected left out; paid by a party to another party; for
 * an instalment of the convention, if one is named.
 */
async function checkedPayment(locked: LockedConvention, input: PaymentInput, opts: { except?: string; exceeds: (outstanding: string, due: string, paid: string) => string }) {
  const { tx, row, today } = locked;
  const f = await financeUnderLock(tx, row.id, row);
  const situation = financialSituation(f.finance, {
    effectiveOn: row.effective_on,
    endsOn: row.ends_on,
    signedOn: f.signedOn,
    paidCents: await paidCents(tx, row.id, opts.except),
    terminatedOn: row.terminated_on,
    financeOn: f.financeOn,
  });
  const amountCents = toCents(input.amount);
  const { issues, exceeds } = paymentProblems(
    { paidOn: input.paidOn, amountCents },
    { today, signedOn: f.signedOn, endsOn: row.ends_on, terminatedOn: row.terminated_on, paymentWindow: f.finance.paymentWindow, situation },
  );
  const defaults = defaultParties(f.finance, f.parties, input.paidOn);
  const values: PaymentValues = {
    paidOn: input.paidOn,
    amountCents: amountCents.toString(),
    payerOrganisationId: input.payerOrganisationId ?? defaults.payer,
    payeeOrganisationId: input.payeeOrganisationId ?? defaults.payee,
    instalment: input.instalment ?? null,
    note: input.note?.trim() || null,
  };
  const partyIds = new Set(f.parties.map((p) => p.organisation_id));
  const partyIssues: FileIssue[] = [];
  if (values.payerOrganisationId && !partyIds.has(values.payerOrganisationId)) {
    partyIssues.push({ path: "payerOrganisationId", message: "Le payeur doit être une partie de la convention." });
  }
  if (values.payeeOrganisationId && !partyIds.has(values.payeeOrganisationId)) {
    partyIssues.push({ path: "payeeOrganisationId", message: "Le bénéficiaire doit être une partie de la convention." });
  } else if (values.payeeOrganisationId && values.payeeOrganisationId === values.payerOrganisationId) {
    partyIssues.push({ path: "payeeOrganisationId", message: "Le bénéficiaire doit être une autre partie que le payeur." });
  }
  if (values.instalment && !f.instalments.some((i) => i.key === values.instalment)) {
    partyIssues.push({ path: "instalment", message: "Cette échéance n’appartient pas à l’échéancier de la convention." });
  }
  if (exceeds) {
    throw conventionErrors.paymentExceedsAmountDue(
      situation.outstandingCents === 0n
        ? "Le montant dû par la convention est entièrement versé : plus rien n’est dû."
        : opts.exceeds(formatEuros(situation.outstandingCents), formatEuros(situation.dueCents), formatEuros(situation.paidCents)),
      [...issues, ...partyIssues],
    );
  }
  if (issues.length || partyIssues.length) throw conventionErrors.paymentInvalid([...issues, ...partyIssues]);
  return values;
}

/**
 * A payment, checked under the convention's row lock against what the finance terms make due and
 * what is already paid (issue 9): two concurrent payments are serialised on the lock, so together
 * they never exceed the amount due.
 */
export async function recordPayment(db: Db, ctx: Ctx, id: string, p: PaymentInput, today: string) {
  await runConventionCommand(db, ctx, id, { audit: "convention.payment_recorded", today }, async (locked) => {
    const v = await checkedPayment(locked, p, { exceeds: (outstanding) => `Le versement dépasse le montant restant dû : ${outstanding}.` });
    await locked.tx.query(
      `INSERT INTO convention_payments (convention_id, paid_on, amount_cents, note, recorded_by, payer_organisation_id, payee_organisation_id, instalment)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [id, v.paidOn, v.amountCents, v.note, ctx.user.id, v.payerOrganisationId, v.payeeOrganisationId, v.instalment],
    );
    return { event: { kind: "payment", occurredOn: p.paidOn, details: { amount: p.amount } } };
  });
}

type PaymentRow = {
  id: string;
  paid_on: string;
  amount_cents: string;
  payer_organisation_id: string | null;
  payee_organisation_id: string | null;
  instalment: string | null;
  note: string | null;
  cancelled_at: Date | null;
};
const valuesOf = (r: PaymentRow): PaymentValues => ({
  paidOn: r.paid_on,
  amountCents: String(r.amount_cents),
  payerOrganisationId: r.payer_organisation_id,
  payeeOrganisationId: r.payee_organisation_id,
  instalment: r.instalment,
  note: r.note,
});

/** The payment of this convention, still counted (the convention's row lock serialises every payment command). */
async function activePayment(tx: Db, conventionId: string, paymentId: string): Promise<PaymentRow> {
  const [row] = await tx.query<PaymentRow>(
    `SELECT id, paid_on, amount_cents::text, payer_organisation_id, payee_organisation_id, instalment, note, cancelled_at
       FROM convention_payments WHERE id = $1 AND convention_id = $2`,
    [paymentId, conventionId],
  );
  if (!row) throw conventionErrors.paymentNotFound();
  if (row.cancelled_at) throw conventionErrors.paymentCancelled();
  return row;
}

const amountText = (cents: string) => formatEuros(BigInt(cents));

/**
 * Corrects a payment recorded with a mistake: the new values are checked by the rules of a new
 * payment (what is already paid counted without this payment), the previous ones kept in its
 * history with the reason. Who may record payments may correct them.
 */
export async function correctPayment(db: Db, ctx: Ctx, id: string, paymentId: string, p: PaymentInput & { reason: string }, today: string) {
  await runConventionCommand(db, ctx, id, { audit: "convention.payment_corrected", today }, async (locked) => {
    const current = await activePayment(locked.tx, id, paymentId);
    const before = valuesOf(current);
    const after = await checkedPayment(locked, p, {
      except: paymentId,
      exceeds: (outstanding, due, paid) =>
        `Le versement corrigé dépasse le montant restant dû : ${outstanding} (montant dû ${due}, versé par ailleurs ${paid}). Rien n’a été modifié.`,
    });
    if (JSON.stringify(before) === JSON.stringify(after)) throw conventionErrors.paymentUnchanged();
    await locked.tx.query(
      `UPDATE convention_payments SET paid_on = $2, amount_cents = $3, payer_organisation_id = $4, payee_organisation_id = $5, instalment = $6, note = $7
        WHERE id = $1`,
      [paymentId, after.paidOn, after.amountCents, after.payerOrganisationId, after.payeeOrganisationId, after.instalment, after.note],
    );
    await locked.tx.query(
      "INSERT INTO convention_payment_corrections (payment_id, convention_id, kind, reason, before, after, recorded_by) VALUES ($1, $2, 'corrected', $3, $4, $5, $6)",
      [paymentId, id, p.reason.trim(), JSON.stringify(before), JSON.stringify(after), ctx.user.id],
    );
    return {
      event: {
        kind: "payment_corrected",
        occurredOn: locked.today,
        details: { paidOn: after.paidOn, amountBefore: amountText(before.amountCents), amountAfter: amountText(after.amountCents), reason: p.reason.trim() },
      },
      audit: { paymentId, before, after, reason: p.reason.trim() },
    };
  });
}

/** Cancels a payment recorded by mistake: it no longer counts, and stays listed with its history and the reason. */
export async function cancelPayment(db: Db, ctx: Ctx, id: string, paymentId: string, reason: string, today: string) {
  await runConventionCommand(db, ctx, id, { audit: "convention.payment_cancelled", today }, async (locked) => {
    const current = await activePayment(locked.tx, id, paymentId);
    const before = valuesOf(current);
    await locked.tx.query("UPDATE convention_payments SET cancelled_at = now(), cancelled_by = $2, cancellation_reason = $3 WHERE id = $1", [
      paymentId,
      ctx.user.id,
      reason.trim(),
    ]);
    await locked.tx.query(
      "INSERT INTO convention_payment_corrections (payment_id, convention_id, kind, reason, before, after, recorded_by) VALUES ($1, $2, 'cancelled', $3, $4, NULL, $5)",
      [paymentId, id, reason.trim(), JSON.stringify(before), ctx.user.id],
    );
    return {
      event: { kind: "payment_cancelled", occurredOn: locked.today, details: { paidOn: before.paidOn, amount: amountText(before.amountCents), reason: reason.trim() } },
      audit: { paymentId, before, reason: reason.trim() },
    };
  });
}

/**
 * A convention's payments for its finances section: who paid whom, what for, who recorded it, and
 * each correction with the values before and after. The caller has already been allowed to read
 * the convention.
 */
export async function listPayments(db: Db, conventionId: string, instalmentList: Instalment[]): Promise<PaymentDto[]> {
  const rows = await db.query<
    PaymentRow & { recorded_at: Date; recorded_by_name: string | null; cancelled_by_name: string | null; cancellation_reason: string | null }
  >(
    `SELECT p.id, p.paid_on, p.amount_cents::text, p.payer_organisation_id, p.payee_organisation_id, p.instalment, p.note, p.cancelled_at,
            p.cancellation_reason, p.recorded_at,
            CASE WHEN u.id IS NULL THEN NULL ELSE u.first_name || ' ' || u.last_name END AS recorded_by_name,
            CASE WHEN cu.id IS NULL THEN NULL ELSE cu.first_name || ' ' || cu.last_name END AS cancelled_by_name
       FROM convention_payments p LEFT JOIN users u ON u.id = p.recorded_by LEFT JOIN users cu ON cu.id = p.cancelled_by
      WHERE p.convention_id = $1 ORDER BY p.paid_on, p.recorded_at`,
    [conventionId],
  );
  const corrections = await db.query<{
    payment_id: string;
    kind: "corrected" | "cancelled";
    reason: string;
    before: PaymentValues;
    after: PaymentValues | null;
    recorded_at: Date;
    by_name: string | null;
  }>(
    `SELECT c.payment_id, c.kind, c.reason, c.before, c.after, c.recorded_at,
            CASE WHEN u.id IS NULL THEN NULL ELSE u.first_name || ' ' || u.last_name END AS by_name
       FROM convention_payment_corrections c LEFT JOIN users u ON u.id = c.recorded_by
      WHERE c.convention_id = $1 ORDER BY c.recorded_at DESC`,
    [conventionId],
  );
  // Organisations named in the payments, successors and former parties included.
  const ids = [
    ...new Set(
      [...rows.flatMap((r) => [r.payer_organisation_id, r.payee_organisation_id]), ...corrections.flatMap((c) => [c.before, c.after])]
        .flatMap((x) => (x && typeof x === "object" ? [x.payerOrganisationId, x.payeeOrganisationId] : [x]))
        .filter((x): x is string => typeof x === "string"),
    ),
  ];
  const names = new Map(
    (await db.query<{ id: string; name: string }>("SELECT id, name FROM organisations WHERE id = ANY($1::uuid[])", [ids])).map((o) => [o.id, o.name]),
  );
  const nameOf = (orgId: string | null) => (orgId ? (names.get(orgId) ?? "Organisation inconnue") : "Non précisé");
  const instalmentLabel = (key: string | null) => (key ? (instalmentList.find((i) => i.key === key)?.label ?? key) : null);
  const shown = (v: PaymentValues) => ({
    paidOn: v.paidOn,
    amount: amountText(v.amountCents),
    payer: nameOf(v.payerOrganisationId),
    payee: nameOf(v.payeeOrganisationId),
    instalment: instalmentLabel(v.instalment),
    note: v.note,
  });
  return rows.map((r) => ({
    id: r.id,
    paidOn: r.paid_on,
    amount: amountText(r.amount_cents),
    amountValue: `${BigInt(r.amount_cents) / 100n}.${(BigInt(r.amount_cents) % 100n).toString().padStart(2, "0")}`,
    payer: { organisationId: r.payer_organisation_id, name: nameOf(r.payer_organisation_id) },
    payee: { organisationId: r.payee_organisation_id, name: nameOf(r.payee_organisation_id) },
    instalment: r.instalment ? { key: r.instalment, label: instalmentLabel(r.instalment) ?? r.instalment } : null,
    note: r.note,
    recordedBy: r.recorded_by_name,
    recordedAt: new Date(r.recorded_at).toISOString(),
    cancelled: r.cancelled_at ? { at: new Date(r.cancelled_at).toISOString(), by: r.cancelled_by_name, reason: r.cancellation_reason ?? "" } : null,
    history: corrections
      .filter((c) => c.payment_id === r.id)
      .map((c) => ({
        kind: c.kind,
        at: new Date(c.recorded_at).toISOString(),
        by: c.by_name,
        reason: c.reason,
        before: shown(c.before),
        after: c.after ? shown(c.after) : null,
      })),
  }));
}
