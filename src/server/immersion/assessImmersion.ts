import { assessmentRefusals } from "../../domain/immersion/immersionRules.js";
import type { ImmersionAssessmentSchema } from "../../shared/contracts/immersion.js";
import type { z } from "zod";
import type { Db } from "../platform/db.js";
import type { RequestContext } from "../platform/requestContext.js";
import { romeSkillsByCodes } from "../rome/romeReferential.js";
import { runImmersionCommand } from "./immersionCommand.js";
import { immersionErrors } from "./immersionErrors.js";

/**
 * The assessment at the end (bilan): whether the objective was reached, the ROME skills observed,
 * the follow-up, a comment. Recorded (or corrected) by the prescriber's side or by the host's staff,
 * dated between the immersion's start and today; the skills must be in the referential.
 */
export async function assessImmersion(db: Db, ctx: RequestContext, immersionId: string, input: z.output<typeof ImmersionAssessmentSchema>) {
  return runImmersionCommand(db, ctx, { immersionId }, { audit: "immersion.assessed", action: "immersion.assess" }, async ({ tx, user, today }, immersion) => {
    const i = immersion as NonNullable<typeof immersion>;
    const refusals = assessmentRefusals({ assessedOn: input.assessedOn }, { startsOn: i.starts_on }, today);
    if (refusals.length > 0) throw immersionErrors.refused(refusals);
    const codes = [...new Set(input.skillsObserved)];
    const skills = await romeSkillsByCodes(tx, codes);
    const unknown = codes.filter((c) => !skills.some((s) => s.code === c));
    if (unknown.length > 0) throw immersionErrors.unknownSkills(unknown);
    await tx.query(
      `UPDATE immersions SET objective_reached = $2, skills_observed = $3::jsonb, follow_up = $4, assessment_comment = $5, assessed_on = $6,
              assessed_by = $7, assessed_at = now() WHERE id = $1`,
      [i.id, input.objectiveReached, JSON.stringify(skills), input.followUp, input.comment, input.assessedOn, user.id],
    );
    return {
      result: { ok: true as const },
      subjectId: i.job_seeker_id,
      details: { immersionId: i.id, objectiveReached: input.objectiveReached, followUp: input.followUp, corrected: i.assessed_on !== null },
    };
  });
}

/** The Immersion Facilitée agreement's reference, recorded or cleared by the prescriber's side or the host. */
export async function setAgreementReference(db: Db, ctx: RequestContext, immersionId: string, reference: string | null) {
  return runImmersionCommand(db, ctx, { immersionId }, { audit: "immersion.agreement_recorded", action: "immersion.assess" }, async ({ tx }, immersion) => {
    const i = immersion as NonNullable<typeof immersion>;
    await tx.query("UPDATE immersions SET agreement_reference = $2 WHERE id = $1", [i.id, reference || null]);
    return { result: { ok: true as const }, subjectId: i.job_seeker_id, details: { immersionId: i.id, agreementReference: reference || null } };
  });
}
