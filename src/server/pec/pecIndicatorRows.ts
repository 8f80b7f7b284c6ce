import { PEC_CANDIDACY_STATUS_LABELS, PEC_EXIT_LABELS } from "../../shared/contracts/pec.js";

/**
 * PEC's facts as rows the indicators count (ADR 0033's reporting read model, ADR 0037): the PEC
 * context says which of its rows are a fact, when it happened, its outcome and which agency it
 * belongs to, so that the indicators never name PEC's tables themselves.
 *
 * Each statement yields `(id, convention_id, job_seeker_id, on_date, outcome, outcome_label, agency_id)`:
 * `on_date` the fact's day, `outcome` PEC's own value with its French label, `agency_id` the
 * organisation of the France Travail advisor behind it (the contract's referent, the candidacy's
 * proposer) — the dashboard's agency filter.
 */
export type PecIndicatorRows = "contract_exits" | "candidacies";

const caseOf = (column: string, labels: Record<string, string>) =>
  `CASE ${column} ${Object.entries(labels)
    .map(([k, v]) => `WHEN '${k}' THEN '${v.replaceAll("'", "''")}'`)
    .join(" ")} ELSE ${column} END`;

const ROWS: Record<PecIndicatorRows, string> = {
  // The exits of contracts (ended, with their outcome), on the exit day.
  contract_exits: `SELECT c.id, c.convention_id, c.job_seeker_id, c.exit_on AS on_date, c.exit_outcome AS outcome,
      ${caseOf("c.exit_outcome", PEC_EXIT_LABELS)} AS outcome_label, adv.organisation_id AS agency_id
    FROM pec_contracts c JOIN users adv ON adv.id = c.referent_advisor_id
   WHERE c.status = 'ended'`,
  // The candidacies (mises en relation), on the day they were proposed (Paris time), with their answer so far.
  candidacies: `SELECT k.id, k.convention_id, k.job_seeker_id, (k.proposed_at AT TIME ZONE 'Europe/Paris')::date AS on_date, k.status AS outcome,
      ${caseOf("k.status", PEC_CANDIDACY_STATUS_LABELS)} AS outcome_label, k.proposed_by_org_id AS agency_id
    FROM pec_candidacies k`,
};

/** The SQL giving PEC's rows of one kind, for the indicators' base (a sub-select, read-only). */
export const pecIndicatorRowsSql = (kind: PecIndicatorRows): string => ROWS[kind];
