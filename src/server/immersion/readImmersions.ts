import { delayLabel } from "../../domain/convention/delays.js";
import { type ImmersionObject, IMMERSION_OBJECT_LABELS } from "../../shared/contracts/conventionFile.js";
import { type ImmersionConvention, immersionConventionsFor, immersionTermsOf } from "../convention/conventionTerms.js";
import { auditRead } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { can } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { romeSkillsOfTrade } from "../rome/romeReferential.js";
import { findJobSeekersInReach, jobSeekerNames, jobSeekerReach, reachOfPersons } from "../support/jobSeekersInReach.js";
import { hostTradesOf } from "./hostTrades.js";
import { IMMERSION_COLUMNS, type ImmersionRow, immersionRefOf } from "./immersionCommand.js";
import { immersionErrors } from "./immersionErrors.js";
import { immersionFacileUrl } from "./immersionFacile.js";

type Ctx = RequestContext & { user: SessionUser };
type Row = ImmersionRow & { convention_number: string; host_name: string };

const stateOf = (r: ImmersionRow, today: string) =>
  r.assessed_on !== null
    ? ("assessed" as const)
    : today < r.starts_on
      ? ("upcoming" as const)
      : today <= r.ends_on
        ? ("ongoing" as const)
        : today <= r.assessment_due_on
          ? ("assessment_due" as const)
          : ("assessment_overdue" as const);

const SELECT = `SELECT ${IMMERSION_COLUMNS}, c.number AS convention_number, o.name AS host_name
  FROM immersions i JOIN conventions c ON c.id = i.convention_id JOIN organisations o ON o.id = i.host_org_id`;

const summaryOf = (r: Row, names: Map<string, { firstName: string; lastName: string }>, today: string) => ({
  id: r.id,
  person: { firstName: names.get(r.job_seeker_id)?.firstName ?? "", lastName: names.get(r.job_seeker_id)?.lastName ?? "" },
  host: { id: r.host_org_id, name: r.host_name },
  conventionNumber: r.convention_number,
  startsOn: r.starts_on,
  endsOn: r.ends_on,
  object: r.object,
  objectLabel: IMMERSION_OBJECT_LABELS[r.object as ImmersionObject],
  trade: { code: r.rome_code, label: r.rome_label },
  assessmentDueOn: r.assessment_due_on,
  assessed: r.assessed_on !== null,
  state: stateOf(r, today),
});

/** The conventions under which the user's organisation prescribes immersions today (France Travail side). */
const prescribingConventions = (all: ImmersionConvention[], user: SessionUser) => all.filter((c) => c.franceTravailOrganisationIds.includes(user.organisationId));

/**
 * « Immersions (PMSMP) »: a France Travail advisor sees the immersions of the conventions its
 * organisation acts under where the person is in reach (or which they prescribed); a host's staff see
 * the immersions it hosts. Each row is still asked of the policy. Anyone else: an empty list.
 */
export async function listImmersions(db: Db, ctx: Ctx, today: string) {
  const user = ctx.user;
  const conventions = await immersionConventionsFor(db, user.organisationId, today);
  const prescribing = prescribingConventions(conventions, user);
  const rows = await db.query<Row>(
    `${SELECT} WHERE i.host_org_id = $1 OR i.convention_id = ANY($2::uuid[]) OR i.prescriber_id = $3 ORDER BY i.starts_on DESC, i.created_at DESC LIMIT 500`,
    [user.organisationId, prescribing.map((c) => c.conventionId), user.id],
  );
  const reach = await reachOfPersons(db, user.organisationId, [...new Set(rows.map((r) => r.job_seeker_id))], today);
  const ftOf = new Map(conventions.map((c) => [c.conventionId, c.franceTravailOrganisationIds]));
  const visible = rows.filter((r) =>
    can(user, "immersion.read", {
      franceTravailOrganisationIds: ftOf.get(r.convention_id) ?? [],
      hostOrganisationId: r.host_org_id,
      prescriberId: r.prescriber_id,
      personInReach: reach.get(r.job_seeker_id) ?? false,
    }),
  );
  const names = await jobSeekerNames(db, [...new Set(visible.map((r) => r.job_seeker_id))]);
  if (visible.length > 0) {
    await auditRead(db, ctx, { action: "immersion.list_read", subjectType: "immersion", details: { count: visible.length, jobSeekerIds: [...new Set(visible.map((r) => r.job_seeker_id))] } });
  }
  const canRecord = prescribing.some((c) => c.inForce) && user.roles.includes("advisor");
  return { items: visible.map((r) => summaryOf(r, names, today)), canRecord };
}

/** One immersion: France Travail's side sees all of it (with the prefilled Immersion Facilitée link); the host sees it without the person's identifier. */
export async function readImmersion(db: Db, ctx: Ctx, id: string, today: string) {
  const user = ctx.user;
  const [row] = await db.query<Row>(`${SELECT} WHERE i.id = $1`, [id]);
  if (!row) throw immersionErrors.notFound();
  const convention = await immersionTermsOf(db, row.convention_id, today);
  const ref = await immersionRefOf(db, user, row, convention, today);
  if (!can(user, "immersion.read", ref)) throw immersionErrors.notFound();
  const franceTravailSide = ref.franceTravailOrganisationIds.includes(user.organisationId) && user.roles.includes("advisor");
  // The person's e-mail (for the prefilled link) is read only for France Travail's side.
  const person = franceTravailSide ? await jobSeekerReach(db, user.organisationId, row.job_seeker_id, today) : null;
  const names = await jobSeekerNames(db, [row.job_seeker_id]);
  const tradeSkills = await romeSkillsOfTrade(db, row.rome_code);
  const people = await db.query<{ id: string; name: string; organisation: string }>(
    `SELECT u.id, u.first_name || ' ' || u.last_name AS name, o.name AS organisation FROM users u JOIN organisations o ON o.id = u.organisation_id WHERE u.id = ANY($1::uuid[])`,
    [[row.prescriber_id, row.assessed_by].filter(Boolean)],
  );
  const prescriber = people.find((p) => p.id === row.prescriber_id);
  const identity = names.get(row.job_seeker_id);
  await auditRead(db, ctx, { action: "immersion.read", subjectType: "job_seeker", subjectId: row.job_seeker_id, details: { immersionId: row.id } });
  return {
    ...summaryOf(row, names, today),
    conventionId: row.convention_id,
    ftIdentifier: franceTravailSide ? (identity?.ftIdentifier ?? null) : null,
    tutor: { name: row.tutor_name, email: row.tutor_email, function: row.tutor_function },
    weeklyHours: Number(row.weekly_hours),
    prescriber: { name: prescriber?.name ?? "", organisation: prescriber?.organisation ?? "" },
    agreementReference: row.agreement_reference,
    immersionFacileUrl:
      franceTravailSide && identity
        ? immersionFacileUrl({
            person: { firstName: identity.firstName, lastName: identity.lastName, email: person?.email ?? null },
            hostName: row.host_name,
            tutor: { name: row.tutor_name, email: row.tutor_email, function: row.tutor_function },
            object: row.object as ImmersionObject,
            tradeLabel: row.rome_label,
            startsOn: row.starts_on,
            endsOn: row.ends_on,
          })
        : null,
    assessment:
      row.assessed_on === null
        ? null
        : {
            assessedOn: row.assessed_on,
            objectiveReached: row.objective_reached ?? "",
            skillsObserved: row.skills_observed,
            followUp: row.follow_up ?? "",
            comment: row.assessment_comment ?? "",
            assessedBy: people.find((p) => p.id === row.assessed_by)?.name ?? "",
          },
    tradeSkills,
    canAssess: can(user, "immersion.assess", ref),
    canEditAgreement: can(user, "immersion.assess", ref),
    source: convention?.terms.source ?? "",
  };
}

/** What the recording form offers: the conventions in force the advisor prescribes under, their objects, hosts and each host's trades. */
export async function immersionOptions(db: Db, ctx: Ctx, today: string) {
  const user = ctx.user;
  const prescribing = prescribingConventions(await immersionConventionsFor(db, user.organisationId, today), user).filter((c) => c.inForce);
  const canRecord = user.roles.includes("advisor") && prescribing.length > 0;
  const conventions = [];
  for (const c of canRecord ? prescribing : []) {
    const hosts = [];
    for (const h of c.hosts) hosts.push({ id: h.id, name: h.name, trades: (await hostTradesOf(db, h.id)).map((t) => ({ code: t.code, label: t.label })) });
    conventions.push({
      id: c.conventionId,
      number: c.number,
      title: c.title,
      effectiveOn: c.effectiveOn,
      endsOn: c.endsOn,
      objects: c.terms.objects.map((o) => ({ value: o, label: IMMERSION_OBJECT_LABELS[o] })),
      assessmentWithin: delayLabel(c.terms.assessmentWithin),
      source: c.terms.source,
      hosts,
    });
  }
  return { canRecord, conventions };
}

/** The persons an advisor may record an immersion for: those in their organisation's reach, by name or identifier. */
export async function searchImmersionPersons(db: Db, ctx: Ctx, q: string, today: string) {
  const user = ctx.user;
  if (!user.roles.includes("advisor")) return [];
  const found = await findJobSeekersInReach(db, user.organisationId, q, today, 10);
  if (found.length > 0) await auditRead(db, ctx, { action: "immersion.persons_searched", subjectType: "immersion", details: { count: found.length } });
  return found.map((p) => ({ id: p.id, ftIdentifier: p.ftIdentifier, firstName: p.firstName, lastName: p.lastName, birthDate: p.birthDate }));
}
