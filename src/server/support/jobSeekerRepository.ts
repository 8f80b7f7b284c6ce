import type { JobSeekerSummary } from "../../shared/contracts/support.js";
import type { Db } from "../platform/db.js";

export type JobSeekerRow = {
  id: string;
  ft_identifier: string;
  first_name: string;
  last_name: string;
  birth_date: string;
  commune_insee: string;
  qpv: boolean;
  benefits: string[];
  registered_at: string;
  deregistered_on: string | null;
  email: string | null;
  phone: string | null;
  open_case_id: string | null;
  open_case_status: JobSeekerSummary["openCase"] extends infer T ? (T extends { status: infer S } ? S : never) : never;
};

export const JOB_SEEKER_COLUMNS = `js.id, js.ft_identifier, js.first_name, js.last_name, js.birth_date, js.commune_insee, js.qpv, js.benefits,
  js.registered_at, js.deregistered_on, js.email, js.phone,
  oc.id AS open_case_id, oc.status AS open_case_status`;
/** The person's open case, if any (at most one, by a unique index). */
export const OPEN_CASE_JOIN = "LEFT JOIN support_cases oc ON oc.job_seeker_id = js.id AND oc.status NOT IN ('exited','refused')";

export const toSummary = (r: JobSeekerRow): JobSeekerSummary => ({
  id: r.id,
  ftIdentifier: r.ft_identifier,
  firstName: r.first_name,
  lastName: r.last_name,
  birthDate: r.birth_date,
  communeInsee: r.commune_insee,
  qpv: r.qpv,
  benefits: r.benefits,
  openCase: r.open_case_id ? { id: r.open_case_id, status: r.open_case_status } : null,
});

export async function findJobSeeker(db: Db, id: string): Promise<JobSeekerRow | null> {
  const [row] = await db.query<JobSeekerRow>(`SELECT ${JOB_SEEKER_COLUMNS} FROM job_seekers js ${OPEN_CASE_JOIN} WHERE js.id = $1`, [id]);
  return row ?? null;
}

/** Whether the user follows the person in a case (pair member or orienter), wherever they live. */
export async function followsPerson(db: Db, userId: string, jobSeekerId: string): Promise<boolean> {
  const rows = await db.query(
    "SELECT 1 FROM support_cases WHERE job_seeker_id = $1 AND (advisor_id = $2 OR social_worker_id = $2 OR oriented_by = $2) LIMIT 1",
    [jobSeekerId, userId],
  );
  return rows.length > 0;
}
