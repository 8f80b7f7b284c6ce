import { deadlinesOf, urgency } from "../../domain/support/deadlines.js";
import { checkEligibility } from "../../domain/support/eligibility.js";
import { entryGaps } from "../../domain/support/lifecycle.js";
import { BARRIER_LABELS, ORIGIN_LABELS, STATUS_LABELS } from "../../domain/support/vocabulary.js";
import type { CaseView } from "../../shared/contracts/support.js";
import { auditRead } from "../platform/audit.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import type { Db } from "../platform/db.js";
import { can } from "../platform/policies.js";
import type { RequestContext } from "../platform/requestContext.js";
import { toSummary } from "./jobSeekerRepository.js";
import { authorizeCaseRef, caseRefOf, readableNoteVisibilities, readableOpenCaseOf, rulesOf } from "./supportAccess.js";
import { supportErrors } from "./supportErrors.js";
import { type BarrierRow, type CaseHeadRow, type CaseRow, factsOf, findCaseHead, isoSql, userNameSql } from "./supportRepository.js";
import { timelineLabel } from "./timelineLabels.js";
import { appointmentViewsSql, toAppointmentViews } from "./appointmentRepository.js";
import { noteViewsSql, toNoteViews } from "./noteRepository.js";

/** Deadlines due within this many days are flagged "soon" (a display choice, not a convention term). */
export const SOON_DAYS = 7;

type CaseChildren = {
  barriers: BarrierRow[];
  appointments: Parameters<typeof toAppointmentViews>[0];
  notes: Parameters<typeof toNoteViews>[0];
  documents: { id: string; visibility: "pair" | "social" | "employment"; name: string; size_bytes: number; uploaded_by: string; created_at: string }[];
  events: { kind: string; occurred_on: string; details: Record<string, unknown>; source: unknown; recorded_by: string | null }[];
};

/**
 * Everything the page lists under the case, in one statement (one JSON column per list, each read
 * by the case's own indexes, names by key): barriers, appointments with their history, the notes
 * and documents the caller's role may read — filtered here in SQL on `visibilities` ($2) — and the
 * timeline, where an edit of a note shows only to those who may read a note of its visibility.
 */
const readCaseChildren = async (db: Db, caseId: string, visibilities: readonly string[]): Promise<CaseChildren> =>
  (
    await db.query<CaseChildren>(
      `SELECT COALESCE((SELECT json_agg(json_build_object('id', b.id, 'category', b.category, 'code', b.code, 'label', b.label, 'observed_on', b.observed_on,
                         'joint_decision_on', b.joint_decision_on, 'resolved_on', b.resolved_on) ORDER BY b.observed_on, b.created_at)
                       FROM support_case_barriers b WHERE b.case_id = $1), '[]'::json) AS barriers,
              ${appointmentViewsSql("$1")} AS appointments,
              ${noteViewsSql("$1", "$2::text[]")} AS notes,
              COALESCE((SELECT json_agg(json_build_object('id', d.id, 'visibility', d.visibility, 'name', d.name, 'size_bytes', d.size_bytes,
                         'uploaded_by', ${userNameSql("d.uploaded_by")}, 'created_at', ${isoSql("d.created_at")}) ORDER BY d.created_at DESC)
                       FROM support_documents d WHERE d.case_id = $1 AND d.visibility = ANY($2::text[])), '[]'::json) AS documents,
              COALESCE((SELECT json_agg(json_build_object('kind', e.kind, 'occurred_on', e.occurred_on, 'details', e.details, 'source', e.source,
                         'recorded_by', ${userNameSql("e.recorded_by")}) ORDER BY e.occurred_on, e.id)
                       FROM support_case_events e
                      WHERE e.case_id = $1 AND (e.kind <> 'note_edited' OR e.details->>'visibility' = ANY($2::text[]))), '[]'::json) AS events`,
      [caseId, visibilities],
      { prepare: true },
    )
  )[0];

/**
 * Builds the case page for whoever asks, in two statements whatever the case holds: the terms of
 * its convention in force, then its lists (readCaseChildren). `head` is the case's head
 * (findCaseHead) for the caller, when the caller already read it; `row` is the case as it stands.
 */
export async function buildCaseView(db: Db, ctx: RequestContext, row: CaseRow, today: string, head?: CaseHeadRow): Promise<CaseView> {
  const h = head ?? (await findCaseHead(db, row.id, ctx.user?.organisationId ?? null, today));
  if (!h) throw supportErrors.caseNotFound();
  const rules = await rulesOf(db, row.convention_id, today);
  const visibilities = readableNoteVisibilities(ctx.user);
  const children = await readCaseChildren(db, row.id, visibilities);
  const barriers = children.barriers;
  const facts = factsOf(row, barriers, today);
  const deadlines = deadlinesOf(facts, rules).map((d) => ({ ...d, urgency: urgency(d.dueOn, today, SOON_DAYS) }));
  const ref = caseRefOf(row, h);
  const canWork = !ctx.user || can(ctx.user, "support.case.work", ref);
  const personRef = (id: string | null, name: string | null, organisation: string | null) =>
    id && name !== null && organisation !== null ? { id, name, organisation } : undefined;
  const pair =
    row.advisor_id && row.social_worker_id
      ? { advisor: personRef(row.advisor_id, h.advisor_name, h.advisor_organisation)!, socialWorker: personRef(row.social_worker_id, h.social_worker_name, h.social_worker_organisation)! }
      : null;
  const appointments = toAppointmentViews(children.appointments, { social: pair?.socialWorker.name ?? null, professional: pair?.advisor.name ?? null });
  const notes = toNoteViews(children.notes, ctx.user?.id ?? null);
  const documents = children.documents;
  const events = children.events;
  const person = toSummary({ ...h, id: row.job_seeker_id });
  return {
    id: row.id,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status],
    convention: {
      id: row.convention_id,
      number: rules.conventionNumber,
      endsOn: rules.conventionEndsOn ?? null,
      terms: {
        initialMonths: rules.terms.initialMonths,
        renewalsAllowed: rules.terms.renewalsAllowed,
        monthsPerRenewal: rules.terms.monthsPerRenewal,
        maxTotalMonths: rules.terms.maxTotalMonths,
        directEntryAllowed: rules.terms.directEntryAllowed,
        // A convention stored before this term existed sets no limit.
        shortActivityUnderMonths: rules.terms.shortActivityUnderMonths ?? null,
        reviewCadenceMonths: rules.terms.reviewCadenceMonths,
      },
    },
    person: { ...person, openCase: readableOpenCaseOf(ctx.user ?? null, h, ref), registered: facts.registered },
    origin: row.origin,
    originLabel: ORIGIN_LABELS[row.origin],
    originDetail: row.origin_detail,
    orientedOn: row.oriented_on,
    orienter: personRef(row.oriented_by, h.orienter_name, h.orienter_organisation)!,
    consent: facts.consent,
    diagnosis: facts.diagnosis,
    pair,
    enteredOn: row.entered_on,
    periodEndsOn: row.period_ends_on,
    maxEndsOn: row.max_ends_on,
    renewalsUsed: row.renewals_used,
    socialOnlyStartedOn: row.social_only_started_on,
    socialOnlyEndsBy: row.social_only_ends_by,
    exitedOn: row.exited_on,
    exitType: row.exit_type,
    eligibility: checkEligibility(facts),
    entryGaps: row.status === "oriented" || row.status === "diagnosed" || row.status === "awaiting_entry" ? entryGaps(facts) : [],
    nextDeadline: deadlines[0] ?? null,
    deadlines,
    barriers: barriers.map((b) => ({
      id: b.id,
      category: b.category,
      code: b.code,
      label: b.label ?? BARRIER_LABELS[b.code],
      observedOn: b.observed_on,
      jointDecisionOn: b.joint_decision_on,
      resolvedOn: b.resolved_on,
    })),
    appointments,
    notes,
    documents: documents.map((d) => ({ id: d.id, visibility: d.visibility, name: d.name, sizeBytes: d.size_bytes, uploadedBy: d.uploaded_by, createdAt: new Date(d.created_at).toISOString() })),
    timeline: events.map((e) => ({
      kind: e.kind,
      label: timelineLabel(e.kind, e.details),
      occurredOn: e.occurred_on,
      details: e.details,
      source: e.source,
      recordedBy: e.recorded_by,
    })),
    can: { work: canWork, writeNoteVisibilities: canWork ? visibilities : [], emailPerson: Boolean(h.email?.trim()) },
  };
}

/** The case page: refused (404) to anyone the case's convention does not open it to. */
export async function getCaseView(db: Db, ctx: RequestContext, caseId: string, today = parisToday()): Promise<CaseView> {
  // The case, its person, names and what the policy needs, in one statement; nothing else is read before the check.
  const head = await findCaseHead(db, caseId, ctx.user?.organisationId ?? null, today);
  if (!head) throw supportErrors.caseNotFound();
  authorizeCaseRef(ctx, caseRefOf(head, head), "support.case.read");
  const view = await buildCaseView(db, ctx, head, today, head);
  await auditRead(db, ctx, { action: "support.case_read", subjectType: "support_case", subjectId: caseId });
  return view;
}
