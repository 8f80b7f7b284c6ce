import type { CreateJobSeekerRequest } from "../../shared/contracts/support.js";
import { audit } from "../platform/audit.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import type { Db } from "../platform/db.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { authorizeSupportUse, conventionsOf, inTerritory } from "./supportAccess.js";
import { supportErrors } from "./supportErrors.js";

/**
 * Records a person not yet known to Tandem, in the user's territory. Duplicates are caught on the
 * France Travail identifier and on name + first name + birth date (case and accents aside).
 */
export async function createJobSeeker(db: Db, ctx: RequestContext & { user: SessionUser }, input: CreateJobSeekerRequest, today = parisToday()) {
  authorizeSupportUse(ctx.user, await conventionsOf(db, ctx.user, today), "jobSeeker.create");
  if (!(await inTerritory(db, ctx.user.organisationId, input.communeInsee, today))) throw supportErrors.outsideTerritory();
  return db.transaction(async (tx) => {
    const [byId] = await tx.query<{ id: string }>("SELECT id FROM job_seekers WHERE ft_identifier = $1", [input.ftIdentifier]);
    if (byId) throw supportErrors.duplicateJobSeeker("identifier", null);
    const [byIdentity] = await tx.query<{ id: string }>(
      `SELECT id FROM job_seekers
        WHERE tandem_unaccent(lower(last_name || ' ' || first_name)) = tandem_unaccent(lower($1 || ' ' || $2)) AND birth_date = $3
        LIMIT 1`,
      [input.lastName, input.firstName, input.birthDate],
    );
    if (byIdentity) throw supportErrors.duplicateJobSeeker("identity", null);
    const [row] = await tx.query<{ id: string }>(
      `INSERT INTO job_seekers (ft_identifier, first_name, last_name, birth_date, commune_insee, qpv, benefits, registered_at, email, phone)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id`,
      [input.ftIdentifier, input.firstName, input.lastName, input.birthDate, input.communeInsee, input.qpv, input.benefits, input.registeredAt, input.email, input.phone],
    );
    await audit(tx, ctx, { action: "job_seeker.created", subjectType: "job_seeker", subjectId: row.id });
    return row.id;
  });
}
