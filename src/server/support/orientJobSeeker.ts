import { nextDeadline } from "../../domain/support/deadlines.js";
import { orientationDateProblems } from "../../domain/support/eventDateRules.js";
import type { SupportCaseFacts } from "../../domain/support/lifecycle.js";
import { BARRIER_LABELS, ORIGIN_LABELS } from "../../domain/support/vocabulary.js";
import type { OrientRequest } from "../../shared/contracts/support.js";
import { audit } from "../platform/audit.js";
import { parisToday } from "../../domain/shared/calendarDate.js";
import { authorize } from "../platform/policies.js";
import { requireNotLimited } from "./processingLimitation.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { normaliseBarrier } from "./addBarrier.js";
import { readableJobSeeker } from "./getJobSeeker.js";
import { conventionPeriod, requireDataExchangeOpen } from "../convention/conventionTerms.js";
import { conventionsOf } from "./supportAccess.js";
import type { SupportDeps } from "./supportDeps.js";
import { supportErrors } from "./supportErrors.js";
import { insertBarrier, insertEvent } from "./supportRepository.js";
import { notifyOrientationTakers } from "./notifyOrientation.js";

/**
 * Orientation towards global support by an advisor, a social worker or an orientation platform,
 * with its origin and the barriers observed. The case runs under the convention in force that
 * opens the programme to the orienter's organisation.
 */
export async function orientJobSeeker(deps: SupportDeps, ctx: RequestContext & { user: SessionUser }, input: OrientRequest, today = parisToday()): Promise<string> {
  const { db } = deps;
  const orientedOn = input.orientedOn ?? today;
  const requirePlausible = (problems: ReturnType<typeof orientationDateProblems>) => {
    if (problems.length > 0) throw supportErrors.implausibleDate(problems.map((p) => ({ ...p, path: "body.orientedOn" })));
  };
  const barriers = input.barriers.map(normaliseBarrier);

  return db.transaction(async (tx) => {
    // Which convention the case runs under is decided inside the transaction, like everything else.
    const conventions = await conventionsOf(tx, ctx.user, today);
    if (conventions.length === 0) throw supportErrors.noConvention();
    const convention = input.conventionId ? conventions.find((c) => c.conventionId === input.conventionId) : conventions.length === 1 ? conventions[0] : null;
    if (!convention) throw input.conventionId ? supportErrors.noConvention() : supportErrors.conventionChoiceNeeded();
    const { row: person, ref } = await readableJobSeeker(tx, ctx.user, input.jobSeekerId, today);
    authorize(ctx.user, "support.orient", ref);
    await requireNotLimited(tx, person.id);
    if (person.open_case_id) throw supportErrors.alreadyOpen();
    // An orientation hands the person's data to the other party's side of the pair.
    await requireDataExchangeOpen(tx, convention.conventionId, today, "Orientation refusée");
    // The case runs under the convention: it cannot have been oriented before the convention applied.
    const period = await conventionPeriod(tx, convention.conventionId);
    requirePlausible(orientationDateProblems(orientedOn, today, period ?? undefined));
    const facts: SupportCaseFacts = {
      status: "oriented",
      origin: input.origin,
      orientedOn,
      registered: true,
      barriers: [],
      consent: null,
      diagnosis: null,
      pair: null,
      enteredOn: null,
      periodEndsOn: null,
      maxEndsOn: null,
      renewalsUsed: 0,
      socialOnlyStartedOn: null,
      socialOnlyEndsBy: null,
      firstSocialAppointmentOn: null,
      firstProfessionalAppointmentOn: null,
      exitedOn: null,
      exitType: null,
    };
    const next = nextDeadline(facts, { conventionNumber: "", terms: convention.terms });
    const [created] = await tx.query<{ id: string }>(
      `INSERT INTO support_cases (job_seeker_id, convention_id, status, origin, origin_detail, oriented_on, oriented_by, orienter_organisation_id,
                                  next_deadline_on, next_deadline_kind)
       VALUES ($1, $2, 'oriented', $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
      [person.id, convention.conventionId, input.origin, input.originDetail ?? null, orientedOn, ctx.user.id, ctx.user.organisationId, next?.dueOn, next?.kind],
    );
    for (const b of barriers) await insertBarrier(tx, created.id, { ...b, observedOn: orientedOn }, ctx.user.id);
    if (input.note) {
      await tx.query("INSERT INTO support_notes (case_id, visibility, body, author_id) VALUES ($1, 'pair', $2, $3)", [created.id, input.note, ctx.user.id]);
    }
    await insertEvent(tx, created.id, {
      kind: "oriented",
      occurredOn: orientedOn,
      details: { origin: ORIGIN_LABELS[input.origin], barriers: barriers.map((b) => b.label ?? BARRIER_LABELS[b.code]) },
      recordedBy: ctx.user.id,
    });
    await audit(tx, ctx, { action: "support.oriented", subjectType: "support_case", subjectId: created.id, details: { jobSeekerId: person.id } });
    await notifyOrientationTakers(tx, deps, {
      caseId: created.id,
      conventionId: convention.conventionId,
      conventionNumber: convention.number,
      communeInsee: person.commune_insee,
      orientedOn,
      today,
      orientationToStart: convention.terms.orientationToStart,
      originLabel: ORIGIN_LABELS[input.origin],
      orienter: { id: ctx.user.id, organisationId: ctx.user.organisationId },
    });
    return created.id;
  });
}
