import type { UpdateJobSeekerRequest } from "../../shared/contracts/support.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import type { RequestContext } from "../platform/requestContext.js";

const COLUMNS: Record<keyof UpdateJobSeekerRequest, string> = {
  communeInsee: "commune_insee",
  qpv: "qpv",
  benefits: "benefits",
  email: "email",
  phone: "phone",
  deregisteredOn: "deregistered_on",
};

/**
 * A rectification the person obtained through their DPO (privacy/registers, ADR 0031): the same
 * fields as updateJobSeeker, in the caller's transaction (the answer to the request and the change
 * commit together), audited as a change of the record with the request it answers. The caller has
 * checked that the person is in its organisation's reach (personInReachOf) and that its user is
 * the DPO answering; identity fields stay France Travail's, as in updateJobSeeker.
 */
export async function rectifyJobSeeker(tx: Db, ctx: RequestContext, id: string, input: UpdateJobSeekerRequest, rightsRequestId: string): Promise<string[]> {
  const fields = (Object.keys(input) as (keyof UpdateJobSeekerRequest)[]).filter((k) => input[k] !== undefined);
  if (fields.length === 0) return [];
  await tx.query(`SELECT id FROM job_seekers WHERE id = $1 FOR UPDATE`, [id]);
  await tx.query(`UPDATE job_seekers SET ${fields.map((f, i) => `${COLUMNS[f]} = $${i + 2}`).join(", ")} WHERE id = $1`, [id, ...fields.map((f) => input[f])]);
  await audit(tx, ctx, { action: "job_seeker.updated", subjectType: "job_seeker", subjectId: id, details: { fields, rightsRequestId } });
  return fields;
}
