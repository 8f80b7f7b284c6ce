import type { UpdateJobSeekerRequest } from "../../shared/contracts/support.js";
import { audit } from "../platform/audit.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import type { Db } from "../platform/db.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { readableJobSeeker } from "./getJobSeeker.js";
import { requireNotLimited } from "./processingLimitation.js";

const COLUMNS: Record<keyof UpdateJobSeekerRequest, string> = {
  communeInsee: "commune_insee",
  qpv: "qpv",
  benefits: "benefits",
  email: "email",
  phone: "phone",
  deregisteredOn: "deregistered_on",
};

/**
 * Keeps the record current: address (commune, QPV), benefits, contact details, a cancelled
 * registration. Identity (name, birth date, identifier) comes from France Travail and is not
 * edited here. Only a professional who may see the person may change it; the audit keeps which fields.
 */
export async function updateJobSeeker(db: Db, ctx: RequestContext & { user: SessionUser }, id: string, input: UpdateJobSeekerRequest, today = parisToday()) {
  return db.transaction(async (tx) => {
    // Whoever may read the record under the policy keeps it current.
    await readableJobSeeker(tx, ctx.user, id, today);
    await requireNotLimited(tx, id);
    const fields = (Object.keys(input) as (keyof UpdateJobSeekerRequest)[]).filter((k) => input[k] !== undefined);
    if (fields.length === 0) return;
    await tx.query(`UPDATE job_seekers SET ${fields.map((f, i) => `${COLUMNS[f]} = $${i + 2}`).join(", ")} WHERE id = $1`, [id, ...fields.map((f) => input[f])]);
    await audit(tx, ctx, { action: "job_seeker.updated", subjectType: "job_seeker", subjectId: id, details: { fields } });
  });
}
