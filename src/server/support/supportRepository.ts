import type { BarrierFact } from "../../domain/support/eligibility.js";
import type { CaseChange, SupportCaseFacts } from "../../domain/support/lifecycle.js";
import type { SocialOnlyEpisode } from "../../domain/support/socialOnlyCap.js";
import { actingPartyIdsSql, communeInReachSql } from "../convention/conventionTerms.js";
import type { Db } from "../platform/db.js";
import type { JobSeekerRow } from "./jobSeekerRepository.js";
import { timelineLabel } from "./timelineLabels.js";

/**
 * The support context's tables: cases, barriers, appointments, notes, timeline events. Only
 * this module writes them; use cases go through it.
 */
export type CaseRow = {
  id: string;
  job_seeker_id: string;
  convention_id: string;
  status: SupportCaseFacts["status"];
  origin: SupportCaseFacts["origin"];
  origin_detail: string | null;
  oriented_on: string;
  oriented_by: string;
  orienter_organisation_id: string;
  consent_given_on: string | null;
  consent_method: "in_person" | "phone" | "written" | "online" | null;
  diagnosis_kind: "shared" | "trust" | null;
  diagnosis_on: string | null;
  diagnosis_disagreement: boolean;
  advisor_id: string | null;
  social_worker_id: string | null;
  /** The advisor's organisation and since when the case is in it (migrations/044); null before any advisor. */
  agency_id: string | null;
  agency_since: string | null;
  entered_on: string | null;
  period_ends_on: string | null;
  max_ends_on: string | null;
  renewals_used: number;
  social_only_started_on: string | null;
  social_only_ends_by: string | null;
  first_social_appointment_on: string | null;
  first_professional_appointment_on: string | null;
  exited_on: string | null;
  exit_type: SupportCaseFacts["exitType"];
  closed_on: string | null;
  next_deadline_on: string | null;
  next_deadline_kind: string | null;
  // the person, joined
  commune_insee: string;
  benefits: string[];
  registered_at: string;
  deregistered_on: string | null;
  advisor_organisation_id: string | null;
  social_worker_organisation_id: string | null;
};

const CASE_SELECT = `SELECT sc.*, js.commune_insee, js.benefits, js.registered_at, js.deregistered_on,
       a.organisation_id AS advisor_organisation_id, s.organisation_id AS social_worker_organisation_id
  FROM support_cases sc
  JOIN job_seekers js ON js.id = sc.job_seeker_id
  LEFT JOIN users a ON a.id = sc.advisor_id
  LEFT JOIN users s ON s.id = sc.social_worker_id`;

/** Loads a case; `forUpdate` locks it for the transaction so that two decisions never interleave. */
export async function findCase(db: Db, id: string, forUpdate = false): Promise<CaseRow | null> {
  const [row] = await db.query<CaseRow>(`${CASE_SELECT} WHERE sc.id = $1 ${forUpdate ? "FOR UPDATE OF sc" : ""}`, [id]);
  return row ?? null;
}

/**
 * A timestamp as its ISO text (UTC, milliseconds), written inside a JSON aggregate: what
 * `new Date(value).toISOString()` gives for the column read alone, on both databases.
 */
export const isoSql = (expr: string) => `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
/** A user's name read by key (one primary-key lookup per row, never a join over the users table). */
export const userNameSql = (id: string) => `(SELECT u.first_name || ' ' || u.last_name FROM users u WHERE u.id = ${id})`;

/** What decides who reaches a case besides its row: computed for one user on one day (policies' SupportCaseRef). */
export type CaseReach = { acting_party_ids: string[]; in_user_territory: boolean };

/**
 * The case page's head, in one statement: the case row (as findCase), the person with their open
 * case, the names of the pair and of the orienter with their organisations, and what the policy
 * needs to decide for `organisationId` on `today` — the organisations acting under the case's
 * convention, whether the person lives in the organisation's territory — and the same for the
 * person's open case when it is another case (its page is linked only to whoever may read it).
 * Every user and organisation is read by its key, one row each.
 */
export type CaseHeadRow = CaseRow &
  CaseReach & {
    ft_identifier: string;
    first_name: string;
    last_name: string;
    birth_date: string;
    qpv: boolean;
    email: string | null;
    phone: string | null;
    open_case_id: string | null;
    open_case_status: JobSeekerRow["open_case_status"];
    advisor_name: string | null;
    advisor_organisation: string | null;
    social_worker_name: string | null;
    social_worker_organisation: string | null;
    orienter_name: string | null;
    orienter_organisation: string | null;
    /** The person's open case when it is not this one (null otherwise), with what its policy needs. */
    other_open_case: {
      convention_id: string;
      advisor_id: string | null;
      social_worker_id: string | null;
      oriented_by: string;
      orienter_organisation_id: string;
      advisor_organisation_id: string | null;
      social_worker_organisation_id: string | null;
      acting_party_ids: string[];
    } | null;
  };

export async function findCaseHead(db: Db, id: string, organisationId: string | null, today: string): Promise<CaseHeadRow | null> {
  // A user with their organisation, by key; OFFSET 0 keeps it a lookup per case row (never a join over the users table).
  const person = (id: string) => `SELECT u.organisation_id, u.first_name || ' ' || u.last_name AS name,
      (SELECT o.name FROM organisations o WHERE o.id = u.organisation_id) AS organisation FROM users u WHERE u.id = ${id} OFFSET 0`;
  const [row] = await db.query<CaseHeadRow>(
    `SELECT sc.*, js.commune_insee, js.benefits, js.registered_at, js.deregistered_on,
            a.organisation_id AS advisor_organisation_id, s.organisation_id AS social_worker_organisation_id,
            js.ft_identifier, js.first_name, js.last_name, js.birth_date, js.qpv, js.email, js.phone,
            oc.id AS open_case_id, oc.status AS open_case_status,
            ${actingPartyIdsSql("sc.convention_id", "$2::date")} AS acting_party_ids,
            ${communeInReachSql("js.commune_insee", "$3::uuid", "$2::date")} AS in_user_territory,
            a.name AS advisor_name, a.organisation AS advisor_organisation,
            s.name AS social_worker_name, s.organisation AS social_worker_organisation,
            r.name AS orienter_name, r.organisation AS orienter_organisation,
            CASE WHEN oc.id <> sc.id THEN json_build_object(
              'convention_id', oc.convention_id, 'advisor_id', oc.advisor_id, 'social_worker_id', oc.social_worker_id,
              'oriented_by', oc.oriented_by, 'orienter_organisation_id', oc.orienter_organisation_id,
              'advisor_organisation_id', (SELECT u.organisation_id FROM users u WHERE u.id = oc.advisor_id),
              'social_worker_organisation_id', (SELECT u.organisation_id FROM users u WHERE u.id = oc.social_worker_id),
              'acting_party_ids', ${actingPartyIdsSql("oc.convention_id", "$2::date")}) END AS other_open_case
       FROM support_cases sc
       JOIN job_seekers js ON js.id = sc.job_seeker_id
       LEFT JOIN support_cases oc ON oc.job_seeker_id = js.id AND oc.status NOT IN ('exited','refused')
       LEFT JOIN LATERAL (${person("sc.advisor_id")}) a ON true
       LEFT JOIN LATERAL (${person("sc.social_worker_id")}) s ON true
       LEFT JOIN LATERAL (${person("sc.oriented_by")}) r ON true
      WHERE sc.id = $1`,
    [id, today, organisationId],
    // The case page's head, on every visit: planned once per connection (ADR 0042).
    { prepare: true },
  );
  return row ?? null;
}

export type BarrierRow = {
  id: string;
  category: "social" | "professional";
  code: BarrierFact["code"];
  label: string | null;
  observed_on: string;
  joint_decision_on: string | null;
  resolved_on: string | null;
};
export const listBarriers = (db: Db, caseId: string) =>
  db.query<BarrierRow>(
    "SELECT id, category, code, label, observed_on, joint_decision_on, resolved_on FROM support_case_barriers WHERE case_id = $1 ORDER BY observed_on, created_at",
    [caseId],
  );

export function factsOf(row: CaseRow, barriers: BarrierRow[], today: string): SupportCaseFacts {
  return {
    status: row.status,
    origin: row.origin,
    orientedOn: row.oriented_on,
    registered: row.registered_at <= today && (row.deregistered_on === null || row.deregistered_on > today),
    barriers: barriers.map((b) => ({ category: b.category, code: b.code, jointDecisionOn: b.joint_decision_on, resolvedOn: b.resolved_on })),
    consent: row.consent_given_on && row.consent_method ? { givenOn: row.consent_given_on, method: row.consent_method } : null,
    diagnosis: row.diagnosis_kind && row.diagnosis_on ? { kind: row.diagnosis_kind, on: row.diagnosis_on, disagreement: row.diagnosis_disagreement } : null,
    pair: row.advisor_id && row.social_worker_id ? { advisorId: row.advisor_id, socialWorkerId: row.social_worker_id } : null,
    enteredOn: row.entered_on,
    periodEndsOn: row.period_ends_on,
    maxEndsOn: row.max_ends_on,
    renewalsUsed: row.renewals_used,
    socialOnlyStartedOn: row.social_only_started_on,
    socialOnlyEndsBy: row.social_only_ends_by,
    firstSocialAppointmentOn: row.first_social_appointment_on,
    firstProfessionalAppointmentOn: row.first_professional_appointment_on,
    exitedOn: row.exited_on,
    exitType: row.exit_type,
  };
}

/** Column of each fact a command may change. */
const COLUMNS: Partial<Record<keyof SupportCaseFacts, (c: CaseChange) => [string, unknown][]>> = {
  status: (c) => [["status", c.status]],
  consent: (c) => [
    ["consent_given_on", c.consent?.givenOn ?? null],
    ["consent_method", c.consent?.method ?? null],
  ],
  diagnosis: (c) => [
    ["diagnosis_kind", c.diagnosis?.kind ?? null],
    ["diagnosis_on", c.diagnosis?.on ?? null],
    ["diagnosis_disagreement", c.diagnosis?.disagreement ?? false],
  ],
  pair: (c) => [
    ["advisor_id", c.pair?.advisorId ?? null],
    ["social_worker_id", c.pair?.socialWorkerId ?? null],
  ],
  enteredOn: (c) => [["entered_on", c.enteredOn]],
  periodEndsOn: (c) => [["period_ends_on", c.periodEndsOn]],
  maxEndsOn: (c) => [["max_ends_on", c.maxEndsOn]],
  renewalsUsed: (c) => [["renewals_used", c.renewalsUsed]],
  socialOnlyStartedOn: (c) => [["social_only_started_on", c.socialOnlyStartedOn]],
  socialOnlyEndsBy: (c) => [["social_only_ends_by", c.socialOnlyEndsBy]],
  firstSocialAppointmentOn: (c) => [["first_social_appointment_on", c.firstSocialAppointmentOn]],
  firstProfessionalAppointmentOn: (c) => [["first_professional_appointment_on", c.firstProfessionalAppointmentOn]],
  exitedOn: (c) => [["exited_on", c.exitedOn]],
  exitType: (c) => [["exit_type", c.exitType]],
};

export async function saveCase(
  tx: Db,
  id: string,
  change: CaseChange,
  derived: { nextDeadlineOn: string | null; nextDeadlineKind: string | null; closedOn?: string | null },
): Promise<void> {
  const sets: [string, unknown][] = [];
  for (const key of Object.keys(change) as (keyof SupportCaseFacts)[]) {
    const columns = COLUMNS[key];
    if (columns) sets.push(...columns(change));
  }
  sets.push(["next_deadline_on", derived.nextDeadlineOn], ["next_deadline_kind", derived.nextDeadlineKind]);
  if (derived.closedOn !== undefined) sets.push(["closed_on", derived.closedOn]);
  await tx.query(`UPDATE support_cases SET ${sets.map(([col], i) => `${col} = $${i + 2}`).join(", ")}, updated_at = now() WHERE id = $1`, [
    id,
    ...sets.map(([, v]) => v),
  ]);
}

export type EventInput = { kind: string; occurredOn: string; details?: Record<string, unknown>; source?: unknown; recordedBy: string | null };
export async function insertEvent(tx: Db, caseId: string, e: EventInput): Promise<void> {
  await tx.query("INSERT INTO support_case_events (case_id, kind, occurred_on, details, source, recorded_by) VALUES ($1, $2, $3, $4, $5, $6)", [
    caseId,
    e.kind,
    e.occurredOn,
    JSON.stringify(e.details ?? {}),
    e.source === undefined ? null : JSON.stringify(e.source),
    e.recordedBy,
  ]);
}

/**
 * The social-only episodes of a case that are over, from its timeline: each start with the
 * resumption that ended it ([from, to), the resumption day excluded). A total cap counts them.
 */
export async function socialOnlyEpisodesOf(db: Db, caseId: string): Promise<SocialOnlyEpisode[]> {
  const events = await db.query<{ kind: string; occurred_on: string }>(
    "SELECT kind, occurred_on FROM support_case_events WHERE case_id = $1 AND kind IN ('social_only_started','social_only_ended') ORDER BY occurred_on, id",
    [caseId],
  );
  const episodes: SocialOnlyEpisode[] = [];
  let from: string | null = null;
  for (const e of events) {
    if (e.kind === "social_only_started") from = e.occurred_on;
    else if (from) {
      episodes.push({ from, to: e.occurred_on });
      from = null;
    }
  }
  return episodes;
}

/** Facts of the support's life after its entry (not plans, not records of who did what): an exit cannot precede them. */
const FACT_EVENT_KINDS = ["renewed", "social_only_started", "social_only_ended", "appointment_attended", "appointment_missed"];

/** The last such fact on the case's timeline, with its label, or null. */
export async function latestFactOf(db: Db, caseId: string): Promise<{ on: string; label: string } | null> {
  const [e] = await db.query<{ kind: string; occurred_on: string; details: Record<string, unknown> }>(
    "SELECT kind, occurred_on, details FROM support_case_events WHERE case_id = $1 AND kind = ANY($2) ORDER BY occurred_on DESC, id DESC LIMIT 1",
    [caseId, FACT_EVENT_KINDS],
  );
  return e ? { on: e.occurred_on, label: timelineLabel(e.kind, e.details) } : null;
}

export async function insertBarrier(
  tx: Db,
  caseId: string,
  b: { category: "social" | "professional"; code: string; label: string | null; observedOn: string; jointDecisionOn?: string | null },
  recordedBy: string | null,
): Promise<string> {
  const [row] = await tx.query<{ id: string }>(
    `INSERT INTO support_case_barriers (case_id, category, code, label, observed_on, joint_decision_on, recorded_by)
     VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
    [caseId, b.category, b.code, b.label, b.observedOn, b.jointDecisionOn ?? null, recordedBy],
  );
  return row.id;
}

/** One side of a case taken up before the other (the pair is saved by saveCase once both are held), on the command's day. */
export async function setCaseSide(tx: Db, caseId: string, side: "france_travail" | "social", userId: string, on: string): Promise<void> {
  const column = side === "france_travail" ? "advisor_id" : "social_worker_id";
  await tx.query(`UPDATE support_cases SET ${column} = $2, updated_at = now() WHERE id = $1`, [caseId, userId]);
  if (side === "france_travail") await followAdvisorAgency(tx, caseId, on);
}

/**
 * The case's agency follows its advisor's organisation, with its dates (migrations/044, ADR 0033), so
 * that the figures of a period keep the agency the case had then. Called in the command's transaction
 * once the advisor is written, with the command's day. A case's first agency covers it from its
 * orientation (it was waiting for that agency); a move to another agency starts on `on`, the agency
 * left going to the history with the days it covered. A second move the same day replaces the first
 * without history: the agency left then covered no whole day.
 */
export async function followAdvisorAgency(tx: Db, caseId: string, on: string): Promise<void> {
  const [c] = await tx.query<{ agency_id: string | null; agency_since: string | null; oriented_on: string; advisor_agency_id: string | null }>(
    `SELECT sc.agency_id, sc.agency_since::text AS agency_since, sc.oriented_on::text AS oriented_on, u.organisation_id AS advisor_agency_id
       FROM support_cases sc LEFT JOIN users u ON u.id = sc.advisor_id WHERE sc.id = $1`,
    [caseId],
  );
  if (!c?.advisor_agency_id || c.advisor_agency_id === c.agency_id) return;
  if (c.agency_id === null || c.agency_since === null) {
    await tx.query("UPDATE support_cases SET agency_id = $2, agency_since = $3 WHERE id = $1", [caseId, c.advisor_agency_id, c.oriented_on < on ? c.oriented_on : on]);
    return;
  }
  if (c.agency_since < on) {
    await tx.query("INSERT INTO support_case_agency_history (case_id, agency_id, from_on, until_on) VALUES ($1, $2, $3, $4)", [caseId, c.agency_id, c.agency_since, on]);
    await tx.query("UPDATE support_cases SET agency_id = $2, agency_since = $3 WHERE id = $1", [caseId, c.advisor_agency_id, on]);
    return;
  }
  await tx.query("UPDATE support_cases SET agency_id = $2 WHERE id = $1", [caseId, c.advisor_agency_id]);
}

/** A barrier recorded by mistake, corrected in place (its timeline event keeps what it was). */
export async function correctBarrierRow(
  tx: Db,
  barrierId: string,
  b: { category: "social" | "professional"; code: string; label: string | null; observedOn: string; jointDecisionOn: string | null },
): Promise<void> {
  await tx.query("UPDATE support_case_barriers SET category = $2, code = $3, label = $4, observed_on = $5, joint_decision_on = $6 WHERE id = $1", [
    barrierId,
    b.category,
    b.code,
    b.label,
    b.observedOn,
    b.jointDecisionOn,
  ]);
}
