import { daysLate, lateLabel, rightsAnswerDueOn } from "../../../domain/privacy/registerClocks.js";
import { parisToday } from "../../../domain/shared/calendarDate.js";
import {
  type AnswerRightsRequest,
  type LiftLimitation,
  type RecordRightsRequest,
  type RefuseRightsRequest,
  RIGHTS_CHANNEL_LABELS,
  RIGHTS_KIND_LABELS,
  RIGHTS_STATUS_LABELS,
  type RightsRequest,
  type RightsStatus,
} from "../../../shared/contracts/privacyRegisters.js";
import { findOrganisationRecord } from "../../organisations/organisationRepository.js";
import { audit, auditRead } from "../../platform/audit.js";
import type { Db } from "../../platform/db.js";
import { authorize, can } from "../../platform/policies.js";
import type { RequestContext, SessionUser } from "../../platform/requestContext.js";
import { immersionDataHeldBy } from "../../immersion/immersionPersonalData.js";
import { pecDataHeldBy } from "../../pec/pecPersonalData.js";
import { personalDataHeldBy, personInReachOf } from "../../support/personalDataHeld.js";
import { liftProcessingLimitation, limitationOfRequest } from "../../support/processingLimitation.js";
import { rectifyJobSeeker } from "../../support/rectifyJobSeeker.js";
import { accessAnswerPdf } from "./accessAnswerPdf.js";
import { erasedSummary, erasePerson, limitPerson } from "./applyRightsDecision.js";
import { registerClock } from "./registerClauses.js";
import { registerErrors } from "./registerErrors.js";

type Ctx = RequestContext & { user: SessionUser };
type Row = {
  id: string;
  organisation_id: string;
  job_seeker_id: string | null;
  person_name: string;
  convention_id: string;
  convention_number: string;
  kind: RightsRequest["kind"];
  channel: RightsRequest["channel"];
  request: string;
  received_on: string;
  due_on: string;
  delay_label: string;
  delay_source: string;
  status: RightsStatus;
  answered_on: string | null;
  answer: string | null;
  refusal_reason: string | null;
  applied: string | null;
  erased_counts: Record<string, number> | null;
  recorded_by_name: string;
};
const SELECT = `SELECT r.id, r.organisation_id, r.job_seeker_id, r.person_name, r.convention_id, c.number AS convention_number, r.kind, r.channel, r.request,
  r.received_on::text, r.due_on::text, r.delay_label, r.delay_source, r.status, r.answered_on::text, r.answer, r.refusal_reason, r.applied, r.erased_counts,
  u.first_name || ' ' || u.last_name AS recorded_by_name
  FROM rights_requests r JOIN conventions c ON c.id = r.convention_id JOIN users u ON u.id = r.recorded_by`;

const OPEN: RightsStatus[] = ["received", "in_progress"];

function present(r: Row, today: string): RightsRequest {
  const late = OPEN.includes(r.status) ? daysLate(r.due_on, today) : null;
  return {
    id: r.id,
    kind: r.kind,
    kindLabel: RIGHTS_KIND_LABELS[r.kind],
    channel: r.channel,
    channelLabel: RIGHTS_CHANNEL_LABELS[r.channel],
    person: { id: r.job_seeker_id, name: r.person_name },
    convention: { id: r.convention_id, number: r.convention_number },
    receivedOn: r.received_on,
    dueOn: r.due_on,
    delay: { label: r.delay_label, source: r.delay_source },
    request: r.request,
    status: r.status,
    statusLabel: RIGHTS_STATUS_LABELS[r.status],
    late: late ? lateLabel(late) : null,
    answeredOn: r.answered_on,
    answer: r.answer,
    refusalReason: r.refusal_reason,
    applied: r.applied,
    erasedCounts: r.erased_counts,
    limitation: null,
    recordedBy: r.recorded_by_name,
  };
}

/** Records a request received from a person in the organisation's reach, with its due date from the convention's clause. */
export async function recordRightsRequest(db: Db, ctx: Ctx, input: RecordRightsRequest, today = parisToday()): Promise<RightsRequest> {
  authorize(ctx.user, "privacy.rights.manage", { organisationId: ctx.user.organisationId });
  const id = await db.transaction(async (tx) => {
    // The person's row is held until commit: an erasure cannot remove them under the request.
    const person = await personInReachOf(tx, ctx.user.organisationId, input.jobSeekerId);
    if (!person) throw registerErrors.personNotInReach();
    await tx.query("SELECT 1 FROM job_seekers WHERE id = $1 FOR SHARE", [person.id]);
    if (input.receivedOn > today) throw registerErrors.receivedInFuture(frenchDay(today));
    if (input.receivedOn < person.registeredAt) throw registerErrors.receivedBeforePerson(frenchDay(person.registeredAt));
    const clock = await registerClock(tx, ctx.user.organisationId, input.conventionId, input.receivedOn, "rights_answer");
    const dueOn = rightsAnswerDueOn(input.receivedOn, clock.delay);
    const [{ id }] = await tx.query<{ id: string }>(
      `INSERT INTO rights_requests (organisation_id, job_seeker_id, person_name, convention_id, kind, channel, request, received_on, due_on, delay_label, delay_source, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [ctx.user.organisationId, person.id, person.name, input.conventionId, input.kind, input.channel, input.request, input.receivedOn, dueOn, clock.label, clock.source, ctx.user.id],
    );
    await audit(tx, ctx, {
      action: "privacy.rights_request_recorded",
      subjectType: "job_seeker",
      subjectId: person.id,
      details: { rightsRequestId: id, kind: input.kind, receivedOn: input.receivedOn, dueOn, conventionId: input.conventionId },
    });
    return id;
  });
  return readRightsRequest(db, ctx, id, today, { audited: false });
}

const frenchDay = (d: string) => d.split("-").reverse().join("/");

/** The register of the user's organisation, filtered by status (« open », « late » too), oldest due first. */
export async function listRightsRequests(db: Db, ctx: Ctx, status: RightsStatus | "open" | "late" | undefined, today = parisToday()) {
  authorize(ctx.user, "privacy.rights.manage", { organisationId: ctx.user.organisationId });
  const rows = await db.query<Row>(`${SELECT} WHERE r.organisation_id = $1 ORDER BY r.status IN ('answered','refused'), r.due_on, r.received_on`, [ctx.user.organisationId]);
  const all = rows.map((r) => present(r, today));
  const items = all.filter((r) => (status === "open" ? OPEN.includes(r.status) : status === "late" ? r.late !== null : status ? r.status === status : true));
  await auditRead(db, ctx, { action: "privacy.rights_register_read", subjectType: "organisation", subjectId: ctx.user.organisationId, details: { status: status ?? null, count: items.length } });
  return { items, lateCount: all.filter((r) => r.late).length };
}

async function findReadable(db: Db, ctx: Ctx, id: string, lock: boolean): Promise<Row> {
  const [row] = await db.query<Row>(`${SELECT} WHERE r.id = $1${lock ? " FOR UPDATE OF r" : ""}`, [id]);
  // Another organisation's request is not even said to exist.
  if (!row || !can(ctx.user, "privacy.rights.manage", { organisationId: row.organisation_id })) throw registerErrors.rightsRequestNotFound();
  return row;
}

export async function readRightsRequest(db: Db, ctx: Ctx, id: string, today = parisToday(), opts = { audited: true }): Promise<RightsRequest> {
  const row = await findReadable(db, ctx, id, false);
  if (opts.audited) await auditRead(db, ctx, { action: "privacy.rights_request_read", subjectType: "job_seeker", subjectId: row.job_seeker_id, details: { rightsRequestId: id } });
  const limitation = row.kind === "limitation" && row.status === "answered" ? await limitationOfRequest(db, id) : null;
  return { ...present(row, today), limitation };
}

/**
 * The one path of every change to a request: lock it, authorise on what is locked, refuse a closed
 * one, apply, audit — in one transaction.
 */
async function runRightsCommand(db: Db, ctx: Ctx, id: string, action: string, apply: (tx: Db, row: Row) => Promise<Record<string, unknown>>) {
  await db.transaction(async (tx) => {
    const row = await findReadable(tx, ctx, id, true);
    if (!OPEN.includes(row.status)) throw registerErrors.requestClosed();
    const details = await apply(tx, row);
    await audit(tx, ctx, { action, subjectType: "job_seeker", subjectId: row.job_seeker_id, details: { rightsRequestId: id, ...details } });
  });
}

export async function startRightsRequest(db: Db, ctx: Ctx, id: string, today = parisToday()) {
  await runRightsCommand(db, ctx, id, "privacy.rights_request_started", async (tx) => {
    await tx.query("UPDATE rights_requests SET status = 'in_progress', updated_at = now() WHERE id = $1", [id]);
    return {};
  });
  return readRightsRequest(db, ctx, id, today, { audited: false });
}

function checkAnswerDate(row: Row, answeredOn: string, today: string, field: string) {
  if (answeredOn < row.received_on) throw registerErrors.answeredBeforeReceipt(field, frenchDay(row.received_on));
  if (answeredOn > today) throw registerErrors.answeredInFuture(field, frenchDay(today));
}

/**
 * Answers a request. Access: the PDF of what Tandem holds about the person for the organisation,
 * made now and kept as given. Rectification: the fields the answer names are changed through the
 * support context (rectifyJobSeeker), in the same transaction. Erasure and objection: the
 * person's data are deleted as a purge deletes them, unless still required (applyRightsDecision);
 * the counts per category are kept on the request. Limitation: the period starts on the answer's day.
 */
export async function answerRightsRequest(db: Db, ctx: Ctx, id: string, input: AnswerRightsRequest, today = parisToday()) {
  await runRightsCommand(db, ctx, id, "privacy.rights_request_answered", async (tx, row) => {
    checkAnswerDate(row, input.answeredOn, today, "answeredOn");
    if (input.rectification && row.kind !== "rectification") throw registerErrors.rectificationOnlyForRectification();
    let applied: string;
    let document: Buffer | null = null;
    let erased: Record<string, number> | null = null;
    if (row.kind === "access") {
      if (!row.job_seeker_id) throw registerErrors.personErased();
      const held = await personalDataHeldBy(tx, row.organisation_id, row.job_seeker_id, input.answeredOn);
      if (!held) throw registerErrors.personErased();
      // The programmes the person is in, each read through its own context.
      held.categories.push(
        ...(await pecDataHeldBy(tx, row.organisation_id, row.job_seeker_id, input.answeredOn)),
        ...(await immersionDataHeldBy(tx, row.organisation_id, row.job_seeker_id, input.answeredOn)),
      );
      const org = await findOrganisationRecord(tx, row.organisation_id);
      document = await accessAnswerPdf({
        organisation: org?.name ?? "",
        dpoName: org?.dpo_name ?? `${ctx.user.firstName} ${ctx.user.lastName}`,
        conventionNumber: row.convention_number,
        receivedOn: row.received_on,
        answeredOn: input.answeredOn,
        answer: input.answer,
        held,
      });
      applied = `Document des données détenues remis (${held.categories.length} catégories).`;
    } else if (row.kind === "rectification") {
      if (!row.job_seeker_id) throw registerErrors.personErased();
      const fields = input.rectification ? await rectifyJobSeeker(tx, ctx, row.job_seeker_id, input.rectification, id) : [];
      applied = fields.length ? `Fiche de la personne rectifiée : ${fields.map((f) => FIELD_LABELS[f] ?? f).join(", ")}.` : "Aucun champ de la fiche rectifié.";
    } else if (row.kind === "limitation") {
      if (!row.job_seeker_id) throw registerErrors.personErased();
      applied = await limitPerson(tx, row.job_seeker_id, id, input.answeredOn);
    } else {
      if (!row.job_seeker_id) throw registerErrors.personErased();
      erased = await erasePerson(tx, row.kind, row.job_seeker_id, id, today);
      applied = `Données effacées le ${frenchDay(today)} : ${erasedSummary(erased)}. Le journal d’audit nomme désormais la personne « supprimée ».`;
      await audit(tx, ctx, { action: "privacy.person_erased", subjectType: "job_seeker", subjectId: row.job_seeker_id, details: { rightsRequestId: id, kind: row.kind, ...erased } });
    }
    await tx.query(
      "UPDATE rights_requests SET status = 'answered', answered_on = $2, answer = $3, applied = $4, answer_document = $5, answered_by = $6, erased_counts = $7::jsonb, updated_at = now() WHERE id = $1",
      [id, input.answeredOn, input.answer, applied, document, ctx.user.id, erased ? JSON.stringify(erased) : null],
    );
    return { answeredOn: input.answeredOn, applied };
  });
  return readRightsRequest(db, ctx, id, today, { audited: false });
}

const FIELD_LABELS: Record<string, string> = {
  communeInsee: "commune",
  qpv: "quartier prioritaire",
  benefits: "allocations",
  email: "courriel",
  phone: "téléphone",
  deregisteredOn: "date de radiation",
};

export async function refuseRightsRequest(db: Db, ctx: Ctx, id: string, input: RefuseRightsRequest, today = parisToday()) {
  await runRightsCommand(db, ctx, id, "privacy.rights_request_refused", async (tx, row) => {
    checkAnswerDate(row, input.answeredOn, today, "answeredOn");
    await tx.query("UPDATE rights_requests SET status = 'refused', answered_on = $2, refusal_reason = $3, answered_by = $4, updated_at = now() WHERE id = $1", [
      id,
      input.answeredOn,
      input.reason,
      ctx.user.id,
    ]);
    return { answeredOn: input.answeredOn };
  });
  return readRightsRequest(db, ctx, id, today, { audited: false });
}

/**
 * Lifts the limitation an answered request set (art. 18.3: the person is told before): the same
 * command path — lock, authorise, check, apply, audit — on a request already answered.
 */
export async function liftLimitation(db: Db, ctx: Ctx, id: string, input: LiftLimitation, today = parisToday()) {
  await db.transaction(async (tx) => {
    const row = await findReadable(tx, ctx, id, true);
    if (row.kind !== "limitation" || row.status !== "answered") throw registerErrors.notALimitation();
    const current = await limitationOfRequest(tx, id);
    if (!current || current.liftedOn) throw registerErrors.limitationNotInForce();
    if (input.liftedOn > today) throw registerErrors.liftedInFuture(frenchDay(today));
    if (input.liftedOn < current.startsOn) throw registerErrors.liftedBeforeStart(frenchDay(current.startsOn));
    await liftProcessingLimitation(tx, id, input.liftedOn, ctx.user.id, input.reason);
    const applied = `${row.applied ?? ""} Limitation levée le ${frenchDay(input.liftedOn)} : ${input.reason}`.trim();
    await tx.query("UPDATE rights_requests SET applied = $2, updated_at = now() WHERE id = $1", [id, applied]);
    await audit(tx, ctx, { action: "privacy.limitation_lifted", subjectType: "job_seeker", subjectId: row.job_seeker_id, details: { rightsRequestId: id, liftedOn: input.liftedOn } });
  });
  return readRightsRequest(db, ctx, id, today, { audited: false });
}

/** The access answer as it was given (the PDF kept at the answer). */
export async function accessAnswerDocument(db: Db, ctx: Ctx, id: string): Promise<Buffer> {
  const row = await findReadable(db, ctx, id, false);
  if (row.kind !== "access") throw registerErrors.notAccessRequest();
  const [doc] = await db.query<{ answer_document: Uint8Array | null }>("SELECT answer_document FROM rights_requests WHERE id = $1", [id]);
  if (!doc?.answer_document) throw registerErrors.notAnswered();
  await auditRead(db, ctx, { action: "privacy.access_answer_downloaded", subjectType: "job_seeker", subjectId: row.job_seeker_id, details: { rightsRequestId: id } });
  return Buffer.from(doc.answer_document);
}
