import { obligations } from "../../domain/convention/calendar.js";
import { commitmentStatus } from "../../domain/convention/commitments.js";
import { financialSituation, formatEuros, instalments, paymentPeriod } from "../../domain/convention/finance.js";
import { termsOn } from "../../domain/convention/termsInForce.js";
import type { ConventionDetail, ConventionListQuery, ObligationDto } from "../../shared/contracts/convention.js";
import type { ConventionTerms } from "../../shared/contracts/conventionFile.js";
import { auditRead } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { can, authorize } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { commitmentCalculators } from "./commitmentCalculators.js";
import { listStatements } from "./conventionStatements.js";
import { dedicatedAdvisorsOf } from "./dedicatedAdvisors.js";
import { conventionErrors } from "./conventionErrors.js";
import { listPayments } from "./conventionPayments.js";
import {
  findConvention,
  listAmendmentSignatures,
  listAmendments,
  listParties,
  listSignatures,
  type PartyRow,
  paidCents,
  STATUS_SQL,
} from "./conventionRepository.js";
import { conventionReaderOrganisationIds } from "./conventionTerms.js";
import { conventionTerritorySummary } from "./conventionTerritory.js";
import { type GovernanceCalendarState, governanceCalendarReader } from "../governance/calendarStates.js";
import { pecCertificateObligations } from "../pec/pecDeadlines.js";
import { immersionAssessmentObligations } from "../immersion/immersionDeadlines.js";
import { addMonths } from "../../domain/shared/calendarDate.js";

type Ctx = RequestContext & { user: SessionUser };

/** Organisations whose conventions a user sees: their own and, for a France Travail agency, its direction's. */
const READER_CLAUSE = (param: number) => `c.id IN (
  SELECT p.convention_id FROM convention_parties p WHERE p.organisation_id = $${param}
  UNION SELECT p.convention_id FROM convention_parties p JOIN organisations o ON o.parent_id = p.organisation_id WHERE o.id = $${param})`;

export async function listConventions(db: Db, ctx: Ctx, q: ConventionListQuery, today: string) {
  authorize(ctx.user, "convention.list");
  const params: unknown[] = [today];
  const where: string[] = [];
  const add = (sql: (n: number) => string, value: unknown) => {
    params.push(value);
    where.push(sql(params.length));
  };
  if (!can(ctx.user, "organisation.list")) add(READER_CLAUSE, ctx.user.organisationId);
  if (q.q) add((n) => `(c.title ILIKE '%' || $${n} || '%' OR c.number ILIKE '%' || $${n} || '%')`, q.q);
  if (q.kind) add((n) => `c.kind = $${n}`, q.kind);
  if (q.party) add((n) => `c.id IN (SELECT convention_id FROM convention_parties WHERE organisation_id = $${n})`, q.party);
  if (q.commune) {
    add(
      // The conventions whose territory holds the commune (ADR 0027), by the commune index.
      (n) => `c.id IN (SELECT cc.convention_id FROM convention_communes cc WHERE cc.insee_code = $${n})`,
      q.commune,
    );
  }
  const status = STATUS_SQL.replaceAll("$TODAY", "$1");
  if (q.status) add((n) => `${status} = $${n}`, q.status);
  const rows = await db.query<{ id: string; number: string; kind: "cooperation"; title: string; status: "in_force"; effective_on: string | null; ends_on: string; parties: string[]; total: string }>(
    `SELECT c.id, c.number, c.kind, c.title, ${status} AS status, c.effective_on, c.ends_on,
            ARRAY(SELECT o.name FROM convention_parties p JOIN organisations o ON o.id = p.organisation_id WHERE p.convention_id = c.id ORDER BY p.side, o.name) AS parties,
            count(*) OVER () AS total
       FROM conventions c ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
      ORDER BY c.ends_on DESC, c.number LIMIT ${q.pageSize} OFFSET ${(q.page - 1) * q.pageSize}`,
    params,
  );
  return {
    items: rows.map((r) => ({ id: r.id, number: r.number, kind: r.kind, title: r.title, status: r.status, effectiveOn: r.effective_on, endsOn: r.ends_on, parties: r.parties })),
    total: Number(rows[0]?.total ?? 0),
    page: q.page,
    pageSize: q.pageSize,
  };
}

/** Loads a convention the user may read, or refuses (404 to outsiders: they need not know it exists). */
export async function readableConvention(db: Db, ctx: Ctx, id: string, today: string) {
  const row = await findConvention(db, id, today);
  if (!row) throw conventionErrors.notFound();
  const readers = await conventionReaderOrganisationIds(db, id);
  if (!can(ctx.user, "convention.read", { partyOrganisationIds: readers })) throw conventionErrors.notFound();
  return { row, readers };
}

export async function conventionObligations(db: Db, id: string, row: { effective_on: string | null; ends_on: string; signed_on: string | null; terminated_on: string | null; base_terms: ConventionTerms }) {
  const amendments = await listAmendments(db, id);
  const terms = termsOn(row.base_terms, amendments, "9999-12-31");
  // Payments due on a statement are dated by the statements recorded (their label is the instalment's).
  let statements: NonNullable<Parameters<typeof obligations>[1]["statements"]> = [];
  if (terms.finance?.schedule.some((l) => l.due === "statement")) {
    const financeOn = (onDate: string) => termsOn(row.base_terms, amendments, onDate).finance;
    const labels = new Map(instalments(terms.finance, { effectiveOn: row.effective_on, endsOn: row.ends_on, financeOn }).map((i) => [i.key, i.label]));
    statements = (await listStatements(db, id)).map((st) => ({ ...st, label: labels.get(st.instalmentKey) ?? st.instalmentKey }));
  }
  return {
    terms,
    amendments,
    calendar: obligations(terms, { effectiveOn: row.effective_on, endsOn: row.ends_on, signedOn: row.signed_on, terminatedOn: row.terminated_on, statements }),
  };
}

export async function getConventionDetail(db: Db, ctx: Ctx, id: string, today: string): Promise<ConventionDetail> {
  const { row, readers } = await readableConvention(db, ctx, id, today);
  const { terms, amendments, calendar } = await conventionObligations(db, id, row);
  const end = row.terminated_on && row.terminated_on < row.ends_on ? row.terminated_on : row.ends_on;
  const over = end < today;

  const values = await db.query<{ commitment_key: string; value: string; recorded_on: string; note: string | null }>(
    `SELECT DISTINCT ON (commitment_key) commitment_key, value::text, recorded_on, note
       FROM convention_commitment_values WHERE convention_id = $1 ORDER BY commitment_key, recorded_on DESC, recorded_at DESC`,
    [id],
  );
  const byKey = new Map(values.map((v) => [v.commitment_key, v]));
  const commitments = [];
  for (const c of terms.commitments) {
    const calculator = c.computedFrom ? commitmentCalculators[c.computedFrom] : undefined;
    const computed = calculator ? await calculator(db, id, today) : null;
    const recorded = byKey.get(c.key);
    const value = computed ?? (recorded ? Number(recorded.value) : null);
    commitments.push({
      key: c.key,
      owner: c.owner,
      description: c.description,
      measure: c.measure,
      comparison: c.comparison,
      target: c.target,
      period: c.period,
      source: c.source,
      value,
      valueOn: computed !== null ? today : (recorded?.recorded_on ?? null),
      valueNote: computed !== null ? "Calculé par Tandem" : (recorded?.note ?? null),
      computed: computed !== null,
      status: commitmentStatus(c, value, over),
    });
  }

  const canEdit = can(ctx.user, "convention.edit", { partyOrganisationIds: readers });
  let finance: ConventionDetail["finance"] = null;
  if (terms.finance) {
    const s = financialSituation(terms.finance, {
      effectiveOn: row.effective_on,
      endsOn: row.ends_on,
      signedOn: row.signed_on,
      paidCents: await paidCents(db, id),
      terminatedOn: row.terminated_on,
      financeOn: (onDate) => termsOn(row.base_terms, amendments, onDate).finance,
    });
    const financeOn = (onDate: string) => termsOn(row.base_terms, amendments, onDate).finance;
    const due = instalments(terms.finance, { effectiveOn: row.effective_on, endsOn: row.ends_on, financeOn });
    const payments = await listPayments(db, id, due);
    const statementOn = new Map((await listStatements(db, id)).map((st) => [st.instalmentKey, st.recordedOn]));
    const paidFor = (key: string) =>
      payments.filter((p) => !p.cancelled && p.instalment?.key === key).reduce((sum, p) => sum + BigInt(p.amountValue.replace(".", "")), 0n);
    const period = row.signed_on
      ? paymentPeriod({ signedOn: row.signed_on, endsOn: row.ends_on, terminatedOn: row.terminated_on, paymentWindow: terms.finance.paymentWindow })
      : null;
    finance = {
      yearlyAmount: formatEuros(s.yearlyAmountCents),
      yearlyAmountCents: s.yearlyAmountCents.toString(),
      schedule: s.schedule.map((p) => ({ label: p.label, dueOn: p.dueOn, amount: formatEuros(p.amountCents), amountCents: p.amountCents.toString() })),
      due: formatEuros(s.dueCents),
      dueCents: s.dueCents.toString(),
      paid: formatEuros(s.paidCents),
      outstanding: formatEuros(s.outstandingCents),
      outstandingCents: s.outstandingCents.toString(),
      paymentPeriod: period ? { from: period.from, until: period.until } : null,
      // The same conditions the payment command checks (it decides again under the lock).
      canRecordPayment: canEdit && period !== null && s.outstandingCents > 0n && period.from <= today,
      earlyEnd: s.earlyEnd ? { endedOn: s.earlyEnd.endedOn, served: formatEuros(s.earlyEnd.servedCents), refund: formatEuros(s.earlyEnd.refundCents) } : null,
      source: terms.finance.source,
      payments,
      instalments: due.map((i) => ({
        key: i.key,
        label: i.label,
        amount: formatEuros(i.amountCents),
        paid: formatEuros(paidFor(i.key)),
        onStatement: financeOn(i.key.split(":")[0])?.schedule[Number(i.key.split(":")[1])]?.due === "statement",
        statementOn: statementOn.get(i.key) ?? null,
      })),
      payerOrganisationId: (await listParties(db, id)).find((p) => p.code === terms.finance?.payer)?.organisation_id ?? null,
      // Who may record payments may correct them (the command decides again under the lock).
      canCorrectPayments: canEdit && row.signed_on !== null,
    };
  }

  const parties = await listParties(db, id);
  const signatures = await listSignatures(db, id);
  const signatureOf = (organisationId: string) => signatures.find((x) => x.organisationId === organisationId) ?? null;
  const unsigned = parties.filter((p) => p.signatory && !signatureOf(p.organisation_id));
  // What the user may do on this convention comes from the policies, so the page keeps no table of roles.
  const open = !row.terminated_on;
  const canSign = (organisationId: string) => open && can(ctx.user, "convention.sign", { partyOrganisationId: organisationId, mode: "in_app" });
  const canRecordScannedCopy =
    open && unsigned.length > 0 && unsigned.some((p) => can(ctx.user, "convention.sign", { partyOrganisationId: p.organisation_id, mode: "scanned_copy" }));
  const events = await db.query<{ kind: string; occurred_on: string; details: Record<string, unknown>; recorded_at: Date }>(
    "SELECT kind, occurred_on, details, recorded_at FROM convention_events WHERE convention_id = $1 ORDER BY occurred_on DESC, recorded_at DESC",
    [id],
  );
  const dedicatedAdvisors = terms.commitments.some((c) => c.computedFrom === "global_support_dedicated_advisors")
    ? await dedicatedAdvisorsOf(db, ctx.user, id, open)
    : null;
  const territory = await conventionTerritorySummary(db, id, terms);
  await auditRead(db, ctx, { action: "convention.read", subjectType: "convention", subjectId: id });
  return {
    id,
    number: row.number,
    territory,
    status: row.status as ConventionDetail["status"],
    effectiveOn: row.effective_on,
    endsOn: row.ends_on,
    signedOn: row.signed_on,
    terminatedOn: row.terminated_on,
    dataExchangeSuspendedOn: row.data_exchange_suspended_on ?? null,
    dedicatedAdvisors,
    canEdit,
    canRecordScannedCopy,
    signsFor: (() => {
      // A party acting today: a predecessor (the Département du Bas-Rhin) no longer signs for the convention.
      const acting = parties.filter((p) => (!p.valid_from || p.valid_from <= today) && (!p.valid_to || p.valid_to > today));
      const own = acting.find((p) => can(ctx.user, "convention.sign", { partyOrganisationId: p.organisation_id, mode: "in_app" }));
      return own ? { code: own.code, name: own.name } : null;
    })(),
    awaitingSignatureOf: unsigned.map((p) => p.name),
    // The terms as they stand today; before the start, as signed; after the end, as they ended.
    terms: termsOn(row.base_terms, amendments, today > end ? end : today) as unknown as Record<string, unknown>,
    parties: parties.map((p) => {
      const signature = signatureOf(p.organisation_id);
      return {
        organisationId: p.organisation_id,
        code: p.code,
        name: p.name,
        side: p.side,
        validFrom: p.valid_from,
        validTo: p.valid_to,
        signatory: p.signatory,
        fileSignatories: (row.base_terms.parties.find((t) => t.organisation === p.code)?.signatories ?? []).map((f) => ({
          name: f.name,
          title: f.title,
          signedOn: f.signedOn,
        })),
        signature,
        canSign: p.signatory && !signature && canSign(p.organisation_id),
      };
    }),
    amendments: await amendmentDetails(db, ctx, id, parties, { open, conventionSigned: row.signed_on !== null }),
    events: events.map((e) => ({ kind: e.kind, occurredOn: e.occurred_on, details: e.details, recordedAt: e.recorded_at.toISOString() })),
    calendar: await withGovernanceStates(db, ctx.user, id, readers, calendar, today),
    commitments,
    finance,
  };
}

/**
 * Every amendment with its signature state (ADR 0008, « Avenants »): who has signed, who is
 * awaited, and — from the policies, so that the page keeps no table of roles — for which party the
 * user may sign now, and whether they may record a scanned signed copy.
 */
async function amendmentDetails(
  db: Db,
  ctx: Ctx,
  id: string,
  parties: PartyRow[],
  c: { open: boolean; conventionSigned: boolean },
): Promise<ConventionDetail["amendments"]> {
  const signatures = await listAmendmentSignatures(db, id);
  return (await listAmendments(db, id, { includeUnsigned: true })).map((a) => {
    const signing = parties.filter((p) => a.signingPartyIds.includes(p.organisation_id));
    const signatureOf = (organisationId: string) => {
      const found = signatures.find((s) => s.amendmentId === a.id && s.organisationId === organisationId);
      if (!found) return null;
      const { amendmentId: _amendmentId, organisationId: _organisationId, ...signature } = found;
      return signature;
    };
    const awaiting = signing.filter((p) => !signatureOf(p.organisation_id));
    const signable = c.open && c.conventionSigned && !a.signed;
    return {
      id: a.id,
      number: a.number,
      effectiveOn: a.effectiveOn,
      summary: a.summary,
      changes: a.changes,
      status: a.signed ? "signed" : "pending",
      signedOn: a.signedOn,
      statedSignedOn: a.statedSignedOn,
      awaitingSignatureOf: awaiting.map((p) => p.name),
      parties: signing.map((p) => {
        const signature = signatureOf(p.organisation_id);
        return {
          organisationId: p.organisation_id,
          code: p.code,
          name: p.name,
          signature,
          canSign: signable && !signature && can(ctx.user, "convention.sign", { partyOrganisationId: p.organisation_id, mode: "in_app" }),
        };
      }),
      canRecordScannedCopy: signable && awaiting.some((p) => can(ctx.user, "convention.sign", { partyOrganisationId: p.organisation_id, mode: "scanned_copy" })),
    };
  });
}

/**
 * The obligations of every convention the user sees, from a date on (for the calendar page, alerts
 * and the iCalendar feed). With `overdueGovernance`, a governance meeting due in the last twelve
 * months and not held stays listed, as overdue (ADR 0034): the page and the feed say it is late.
 */
export async function obligationsForUser(db: Db, user: SessionUser, fromDate: string, options: { overdueGovernance?: boolean } = {}): Promise<ObligationDto[]> {
  const rows = await db.query<{ id: string; number: string; effective_on: string | null; ends_on: string; signed_on: string | null; terminated_on: string | null; base_terms: ConventionTerms }>(
    `SELECT c.id, c.number, c.effective_on, c.ends_on, c.signed_on, c.terminated_on, c.base_terms FROM conventions c
      ${can(user, "organisation.list") ? "" : `WHERE ${READER_CLAUSE(1)}`}`,
    can(user, "organisation.list") ? [] : [user.organisationId],
  );
  const all: ObligationDto[] = [];
  const overdueFrom = addMonths(fromDate, -12);
  for (const row of rows) {
    const { calendar } = await conventionObligations(db, row.id, row);
    const readers = await conventionReaderOrganisationIds(db, row.id);
    const listed = calendar.filter((o) => o.dueOn >= (options.overdueGovernance && o.kind === "governance" ? overdueFrom : fromDate));
    for (const o of await withGovernanceStates(db, user, row.id, readers, listed, fromDate)) {
      if (o.dueOn >= fromDate || o.governance?.state === "overdue") all.push({ ...o, conventionId: row.id, conventionNumber: row.number });
    }
  }
  // The work-experience certificates the user's organisation owes as a PEC employer (pec/pecDeadlines.ts, ADR 0037).
  all.push(...(await pecCertificateObligations(db, user, fromDate)).filter((o) => o.dueOn >= fromDate || options.overdueGovernance));
  // The assessments of PMSMP immersions the user's side must record (immersion/immersionDeadlines.ts, ADR 0036).
  all.push(...(await immersionAssessmentObligations(db, user, fromDate)).filter((o) => o.dueOn >= fromDate || options.overdueGovernance));
  return all.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}

/**
 * Governance obligations with the state of their meeting, read from the governance context
 * (governance/calendarStates.ts, ADR 0034), for who may read the convention's governance.
 */
async function withGovernanceStates<T extends { key: string; kind: string; dueOn: string }>(
  db: Db,
  user: SessionUser,
  conventionId: string,
  readers: string[],
  calendar: T[],
  today: string,
): Promise<(T & { governance?: GovernanceCalendarState })[]> {
  if (!calendar.some((o) => o.kind === "governance") || !can(user, "governance.read", { partyOrganisationIds: readers })) return calendar;
  const stateOf = await governanceCalendarReader(db, conventionId, today);
  return calendar.map((o) => (o.kind === "governance" ? { ...o, governance: stateOf(o.key, o.dueOn) } : o));
}
