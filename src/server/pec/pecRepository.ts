import type { Db } from "../platform/db.js";

/** The PEC context's rows (migrations/039), read and locked by the context's commands. */
export type OfferRow = {
  id: string;
  convention_id: string;
  employer_org_id: string;
  title: string;
  skills: string;
  rome_codes: string[];
  weekly_hours: number;
  duration_months: number;
  site_address: string;
  wished_start_on: string;
  status: "open" | "filled" | "withdrawn";
  posted_by: string;
  created_at: string;
};
export type CandidacyRow = {
  id: string;
  offer_id: string;
  convention_id: string;
  job_seeker_id: string;
  proposed_by: string;
  diagnosis: string;
  proposal: string;
  status: "proposed" | "accepted" | "refused";
  employer_org_id: string;
};
export type ContractRow = {
  id: string;
  convention_id: string;
  offer_id: string;
  employer_org_id: string;
  job_seeker_id: string;
  referent_advisor_id: string;
  tutor_id: string | null;
  starts_on: string;
  ends_on: string;
  initial_ends_on: string;
  weekly_hours: number;
  status: "active" | "ended";
  renewals: number;
  certificate_requested_on: string | null;
  exit_on: string | null;
};

const OFFER_COLUMNS = `id, convention_id, employer_org_id, title, skills, rome_codes, weekly_hours, duration_months, site_address,
  to_char(wished_start_on, 'YYYY-MM-DD') AS wished_start_on, status, posted_by, created_at::text AS created_at`;
const CONTRACT_COLUMNS = `id, convention_id, offer_id, employer_org_id, job_seeker_id, referent_advisor_id, tutor_id,
  to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(ends_on, 'YYYY-MM-DD') AS ends_on, to_char(initial_ends_on, 'YYYY-MM-DD') AS initial_ends_on,
  weekly_hours, status, renewals, to_char(certificate_requested_on, 'YYYY-MM-DD') AS certificate_requested_on, to_char(exit_on, 'YYYY-MM-DD') AS exit_on`;

const uuidLike = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

export async function findOffer(db: Db, id: string, lock = false): Promise<OfferRow | null> {
  if (!uuidLike(id)) return null;
  const [row] = await db.query<OfferRow>(`SELECT ${OFFER_COLUMNS} FROM pec_offers WHERE id = $1${lock ? " FOR UPDATE" : ""}`, [id]);
  return row ?? null;
}

export async function findCandidacy(db: Db, id: string, lock = false): Promise<CandidacyRow | null> {
  if (!uuidLike(id)) return null;
  const [row] = await db.query<CandidacyRow>(
    `SELECT c.id, c.offer_id, c.convention_id, c.job_seeker_id, c.proposed_by, c.diagnosis, c.proposal, c.status, o.employer_org_id
       FROM pec_candidacies c JOIN pec_offers o ON o.id = c.offer_id WHERE c.id = $1${lock ? " FOR UPDATE OF c" : ""}`,
    [id],
  );
  return row ?? null;
}

export async function findContract(db: Db, id: string, lock = false): Promise<ContractRow | null> {
  if (!uuidLike(id)) return null;
  const [row] = await db.query<ContractRow>(`SELECT ${CONTRACT_COLUMNS} FROM pec_contracts WHERE id = $1${lock ? " FOR UPDATE" : ""}`, [id]);
  return row ?? null;
}

/** A tutor's active PEC contracts in Tandem (the subsidised employees they tutor here), this contract left out. */
export async function activeContractsOfTutor(db: Db, tutorId: string, exceptContractId: string | null): Promise<number> {
  const [{ n }] = await db.query<{ n: string }>("SELECT count(*) AS n FROM pec_contracts WHERE tutor_id = $1 AND status = 'active' AND id IS DISTINCT FROM $2::uuid", [
    tutorId,
    exceptContractId,
  ]);
  return Number(n);
}

/** Of `ids`, the people proposed for a PEC or under a PEC contract: the PEC justifies keeping them (the retention purges ask). */
export async function peopleInPec(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.query<{ id: string }>(
    `SELECT job_seeker_id AS id FROM pec_candidacies WHERE job_seeker_id = ANY($1::uuid[])
     UNION SELECT job_seeker_id FROM pec_contracts WHERE job_seeker_id = ANY($1::uuid[])`,
    [ids],
  );
  return new Set(rows.map((r) => r.id));
}

/** The person's PEC contract still running (the latest end), if any: it founds the processing of their data. */
export async function activePecContractEnd(db: Db, jobSeekerId: string): Promise<string | null> {
  const [row] = await db.query<{ ends_on: string }>(
    "SELECT max(ends_on)::text AS ends_on FROM pec_contracts WHERE job_seeker_id = $1 AND status = 'active' HAVING count(*) > 0",
    [jobSeekerId],
  );
  return row?.ends_on ?? null;
}

/** How many PEC rows of the person go with their record (erased with it: candidacies, contracts). */
export async function pecRowsOfPerson(db: Db, jobSeekerId: string): Promise<{ pecCandidacies: number; pecContracts: number }> {
  const [row] = await db.query<{ candidacies: number; contracts: number }>(
    `SELECT (SELECT count(*) FROM pec_candidacies WHERE job_seeker_id = $1)::int AS candidacies,
            (SELECT count(*) FROM pec_contracts WHERE job_seeker_id = $1)::int AS contracts`,
    [jobSeekerId],
  );
  return { pecCandidacies: row.candidacies, pecContracts: row.contracts };
}
