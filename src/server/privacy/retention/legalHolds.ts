import { holdDateProblems, holdInForce } from "../../../domain/privacy/retention.js";
import { frenchDate, parisToday } from "../../../domain/shared/calendarDate.js";
import { HOLD_REASON_LABELS, HOLD_SCOPE_LABELS, type LegalHold, type RecordLegalHold } from "../../../shared/contracts/retention.js";
import { actsUnderConvention } from "../../convention/conventionsOfParty.js";
import { receivedListFacts } from "../../lists/receivedListPurge.js";
import { audit } from "../../platform/audit.js";
import type { Db } from "../../platform/db.js";
import { authorize } from "../../platform/policies.js";
import type { RequestContext, SessionUser } from "../../platform/requestContext.js";
import { personInReachOf } from "../../support/personalDataHeld.js";
import { retentionErrors } from "./retentionErrors.js";

type Ctx = RequestContext & { user: SessionUser };

/**
 * Legal holds (ADR 0032): a DPO records that a person, a convention or a received list of the
 * organisation must be kept — a dispute, a legal duty — with the reason and the last day; every
 * purge leaves what a hold in force covers. Recorded through one command path: transaction, the
 * subject checked in the organisation's reach and held (FOR SHARE) until commit, audit.
 */
export async function recordLegalHold(db: Db, ctx: Ctx, input: RecordLegalHold, today = parisToday()): Promise<LegalHold> {
  authorize(ctx.user, "privacy.retention.manage", { organisationId: ctx.user.organisationId });
  const id = await db.transaction(async (tx) => {
    const org = ctx.user.organisationId;
    if (input.scope === "job_seeker") {
      if (!(await personInReachOf(tx, org, input.subjectId))) throw retentionErrors.subjectNotInReach();
    } else if (input.scope === "convention") {
      if (!(await actsUnderConvention(tx, org, input.subjectId, today))) throw retentionErrors.subjectNotInReach();
    } else {
      const list = await receivedListFacts(tx, input.subjectId);
      if (!list || list.organisationId !== org) throw retentionErrors.subjectNotInReach();
      if (list.status !== "applied") throw retentionErrors.listNotReceived();
    }
    const [problem] = holdDateProblems(input.startsOn, input.endsOn, today);
    if (problem) throw retentionErrors.holdDates(problem.field, problem.message);
    const column = { job_seeker: "job_seeker_id", convention: "convention_id", list_import: "list_import_id" }[input.scope];
    // The foreign key holds the subject's row (KEY SHARE) until commit: a purge cannot delete it meanwhile.
    const [{ id }] = await tx.query<{ id: string }>(
      `INSERT INTO legal_holds (organisation_id, scope, ${column}, reason_kind, reason, starts_on, ends_on, recorded_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [org, input.scope, input.subjectId, input.reasonKind, input.reason, input.startsOn, input.endsOn, ctx.user.id],
    );
    await audit(tx, ctx, {
      action: "privacy.legal_hold_recorded",
      subjectType: input.scope,
      subjectId: input.subjectId,
      details: { legalHoldId: id, reasonKind: input.reasonKind, startsOn: input.startsOn, endsOn: input.endsOn },
    });
    return id;
  });
  const [hold] = (await listLegalHolds(db, ctx.user.organisationId, today)).filter((h) => h.id === id);
  return hold;
}

type HoldRow = {
  id: string;
  scope: LegalHold["scope"];
  subject_id: string;
  reason_kind: LegalHold["reasonKind"];
  reason: string;
  starts_on: string;
  ends_on: string;
  recorded_by: string;
  person_initial: string | null;
  person_last_name: string | null;
  convention_number: string | null;
  list_file_name: string | null;
  list_received_on: string | null;
};

/**
 * The organisation's holds, those in force first. The labels join the subjects' names — the one
 * place this reads them, for the DPO who recorded the hold (as the audit trail's names).
 */
export async function listLegalHolds(db: Db, organisationId: string, today: string): Promise<LegalHold[]> {
  const rows = await db.query<HoldRow>(
    `SELECT h.id, h.scope, coalesce(h.job_seeker_id, h.convention_id, h.list_import_id) AS subject_id, h.reason_kind, h.reason,
            h.starts_on::text, h.ends_on::text, u.first_name || ' ' || u.last_name AS recorded_by,
            left(js.first_name, 1) AS person_initial, js.last_name AS person_last_name,
            coalesce(c.number, lc.number) AS convention_number, li.file_name AS list_file_name,
            to_char(li.received_at AT TIME ZONE 'Europe/Paris', 'YYYY-MM-DD') AS list_received_on
       FROM legal_holds h JOIN users u ON u.id = h.recorded_by
       LEFT JOIN job_seekers js ON js.id = h.job_seeker_id
       LEFT JOIN conventions c ON c.id = h.convention_id
       LEFT JOIN list_imports li ON li.id = h.list_import_id
       LEFT JOIN conventions lc ON lc.id = li.convention_id
      WHERE h.organisation_id = $1
      ORDER BY (h.ends_on >= $2::date) DESC, h.ends_on DESC, h.recorded_at DESC
      LIMIT 200`,
    [organisationId, today],
  );
  return rows.map((r) => ({
    id: r.id,
    scope: r.scope,
    scopeLabel: HOLD_SCOPE_LABELS[r.scope],
    subjectId: r.subject_id,
    subjectLabel:
      r.scope === "job_seeker"
        ? `Personne : ${r.person_last_name ? `${r.person_initial ?? ""}. ${r.person_last_name}` : "supprimée"}`
        : r.scope === "convention"
          ? `Convention ${r.convention_number}`
          : `Liste reçue ${r.list_file_name} du ${frenchDate(r.list_received_on)} (${r.convention_number})`,
    reasonKind: r.reason_kind,
    reasonLabel: HOLD_REASON_LABELS[r.reason_kind],
    reason: r.reason,
    startsOn: r.starts_on,
    endsOn: r.ends_on,
    active: holdInForce({ startsOn: r.starts_on, endsOn: r.ends_on }, today),
    recordedBy: r.recorded_by,
  }));
}

/** Of `ids`, the people a hold in force keeps. */
export async function peopleOnHold(db: Db, ids: string[], today: string): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ id: string }>(
    "SELECT DISTINCT job_seeker_id AS id FROM legal_holds WHERE job_seeker_id = ANY($1::uuid[]) AND starts_on <= $2::date AND ends_on >= $2::date",
    [ids, today],
  );
  return new Set(rows.map((r) => r.id));
}

/** The last day of the holds in force on a list or on conventions (the list's, or those a destruction covers); null when none. */
export async function holdUntil(db: Db, subject: { listImportId?: string; conventionIds: string[] }, today: string): Promise<string | null> {
  const [row] = await db.query<{ until: string | null }>(
    `SELECT max(ends_on)::text AS until FROM legal_holds
      WHERE starts_on <= $3::date AND ends_on >= $3::date
        AND (($1::uuid IS NOT NULL AND list_import_id = $1::uuid) OR convention_id = ANY($2::uuid[]))`,
    [subject.listImportId ?? null, subject.conventionIds, today],
  );
  return row?.until ?? null;
}

/** The last day of the holds in force on the person (their own scope); null when none. */
export async function personHoldUntil(db: Db, jobSeekerId: string, today: string): Promise<string | null> {
  const [row] = await db.query<{ until: string | null }>(
    "SELECT max(ends_on)::text AS until FROM legal_holds WHERE job_seeker_id = $1 AND starts_on <= $2::date AND ends_on >= $2::date",
    [jobSeekerId, today],
  );
  return row?.until ?? null;
}
