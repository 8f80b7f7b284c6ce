import { deadlinesOf, urgency } from "../../domain/support/deadlines.js";
import { checkEligibility } from "../../domain/support/eligibility.js";
import { entryGaps } from "../../domain/support/lifecycle.js";
import { BARRIER_LABELS, ORIGIN_LABELS, STATUS_LABELS } from "../../domain/support/vocabulary.js";
import type { CaseView } from "../../shared/contracts/support.js";
import { audit } from "../platform/audit.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import type { Db } from "../platform/db.js";
import { can } from "../platform/policies.js";
import type { RequestContext } from "../platform/requestContext.js";
import { findJobSeeker, toSummary } from "./jobSeekerRepository.js";
import { authorizeCase, caseRef, readableNoteVisibilities, readableOpenCase, rulesOf } from "./supportAccess.js";
import { supportErrors } from "./supportErrors.js";
import { type CaseRow, factsOf, findCase, listBarriers } from "./supportRepository.js";
import { timelineLabel } from "./timelineLabels.js";
import { listAppointmentViews } from "./appointmentRepository.js";
import { listNoteViews } from "./noteRepository.js";

/** Deadlines due within this many days are flagged "soon" (a display choice, not a convention term). */
export const SOON_DAYS = 7;

const personRef = async (db: Db, userId: string) => {
  const [u] = await db.query<{ id: string; name: string; organisation: string }>(
    "SELECT u.id, u.first_name || ' ' || u.last_name AS name, o.name AS organisation FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = $1",
    [userId],
  );
  return u;
};

/** Builds the case page for whoever asks; notes are filtered in SQL on what the caller's role may read. */
export async function buildCaseView(db: Db, ctx: RequestContext, row: CaseRow, today: string): Promise<CaseView> {
  const rules = await rulesOf(db, row.convention_id, today);
  const barriers = await listBarriers(db, row.id);
  const facts = factsOf(row, barriers, today);
  const person = (await findJobSeeker(db, row.job_seeker_id))!;
  const deadlines = deadlinesOf(facts, rules).map((d) => ({ ...d, urgency: urgency(d.dueOn, today, SOON_DAYS) }));
  const visibilities = readableNoteVisibilities(ctx.user);
  const canWork = !ctx.user || can(ctx.user, "support.case.work", await caseRef(db, ctx.user, row, today));
  // One query after another: a transaction's connection runs one statement at a time.
  const pair = row.advisor_id && row.social_worker_id ? { advisor: await personRef(db, row.advisor_id), socialWorker: await personRef(db, row.social_worker_id) } : null;
  const appointments = await listAppointmentViews(db, row.id, { social: pair?.socialWorker.name ?? null, professional: pair?.advisor.name ?? null });
  const notes = await listNoteViews(db, row.id, visibilities, ctx.user?.id ?? null);
  const documents = await db.query<{ id: string; visibility: "pair" | "social" | "employment"; name: string; size_bytes: number; uploaded_by: string; created_at: Date }>(
      `SELECT d.id, d.visibility, d.name, d.size_bytes, u.first_name || ' ' || u.last_name AS uploaded_by, d.created_at
         FROM support_documents d JOIN users u ON u.id = d.uploaded_by
        WHERE d.case_id = $1 AND d.visibility = ANY($2::text[]) ORDER BY d.created_at DESC`,
      [row.id, visibilities],
    );
  // An edit of a note is on the timeline of those who may read a note of its visibility only.
  const events = await db.query<{ kind: string; occurred_on: string; details: Record<string, unknown>; source: unknown; recorded_by: string | null }>(
      `SELECT e.kind, e.occurred_on, e.details, e.source, u.first_name || ' ' || u.last_name AS recorded_by
         FROM support_case_events e LEFT JOIN users u ON u.id = e.recorded_by
        WHERE e.case_id = $1 AND (e.kind <> 'note_edited' OR e.details->>'visibility' = ANY($2::text[])) ORDER BY e.occurred_on, e.id`,
      [row.id, visibilities],
    );
  return {
    id: row.id,
    status: row.status,
    statusLabel: STATUS_LABELS[row.status],
    convention: {
      id: row.convention_id,
      number: rules.conventionNumber,
      terms: {
        initialMonths: rules.terms.initialMonths,
        renewalsAllowed: rules.terms.renewalsAllowed,
        monthsPerRenewal: rules.terms.monthsPerRenewal,
        maxTotalMonths: rules.terms.maxTotalMonths,
        directEntryAllowed: rules.terms.directEntryAllowed,
        // A convention stored before this term existed sets no limit.
        shortActivityUnderMonths: rules.terms.shortActivityUnderMonths ?? null,
      },
    },
    person: { ...toSummary(person), openCase: await readableOpenCase(db, ctx.user ?? null, toSummary(person).openCase, today), registered: facts.registered },
    origin: row.origin,
    originLabel: ORIGIN_LABELS[row.origin],
    originDetail: row.origin_detail,
    orientedOn: row.oriented_on,
    orienter: await personRef(db, row.oriented_by),
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
    can: { work: canWork, writeNoteVisibilities: canWork ? visibilities : [], emailPerson: Boolean(person.email?.trim()) },
  };
}

/** The case page: refused (404) to anyone the case's convention does not open it to. */
export async function getCaseView(db: Db, ctx: RequestContext, caseId: string, today = parisToday()): Promise<CaseView> {
  return db.transaction(async (tx) => {
    const row = await findCase(tx, caseId);
    if (!row) throw supportErrors.caseNotFound();
    await authorizeCase(tx, ctx, row, "support.case.read", today);
    const view = await buildCaseView(tx, ctx, row, today);
    await audit(tx, ctx, { action: "support.case_read", subjectType: "support_case", subjectId: caseId });
    return view;
  });
}
