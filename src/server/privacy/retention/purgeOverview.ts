import { countRows, pendingStatus, purgeStatusLabel } from "../../../domain/privacy/retention.js";
import { addMonths, frenchDate, parisToday } from "../../../domain/shared/calendarDate.js";
import { type HoldOptions, PURGE_KIND_LABELS, type PlannedPurge, type PurgesOverview } from "../../../shared/contracts/retention.js";
import { conventionPeriod } from "../../convention/conventionTerms.js";
import { conventionsOfParty } from "../../convention/conventionsOfParty.js";
import { dataDestructionsEndingBy } from "../../convention/dataDestructions.js";
import { receivedListsHoldingData } from "../../lists/receivedListPurge.js";
import { auditRead } from "../../platform/audit.js";
import type { Db } from "../../platform/db.js";
import { authorize } from "../../platform/policies.js";
import type { RequestContext, SessionUser } from "../../platform/requestContext.js";
import { closedCasesUnder, openCasesUnder } from "../../support/purgeSupportData.js";
import { holdUntil, listLegalHolds } from "./legalHolds.js";
import { conventionEndLabel } from "./purgeConventionEnd.js";
import { journalOf, journalStatusOf } from "./purgeJournal.js";
import { receivedListLabel } from "./purgeReceivedList.js";

type Ctx = RequestContext & { user: SessionUser };

/** How far ahead the page looks for conventions' ends (received lists: all of them, they are due within months). */
const CONVENTION_HORIZON_MONTHS = 12;

/**
 * What the DPO of an organisation sees (ADR 0032): the purges to come — each received list of the
 * organisation still holding data, each convention it is party to whose destruction after the end
 * is due within a year — with what they will remove counted in SQL now and their state (à venir,
 * en retard, suspendue, en échec); the journal of those run; the holds; and the banner's alerts.
 */
export async function purgesOverview(db: Db, ctx: Ctx, today = parisToday()): Promise<PurgesOverview> {
  const org = ctx.user.organisationId;
  authorize(ctx.user, "privacy.retention.manage", { organisationId: org });
  const planned: PlannedPurge[] = [];
  const state = async (dueOn: string, key: Parameters<typeof journalStatusOf>[1], hold: Parameters<typeof holdUntil>[1]) => {
    const until = await holdUntil(db, hold, today);
    if (until) return { status: "suspended" as const, statusLabel: purgeStatusLabel("suspended", { holdUntil: until }) };
    const journal = await journalStatusOf(db, key);
    const status = journal?.status === "failed" || journal?.status === "running" ? journal.status : pendingStatus(dueOn, today);
    return { status, statusLabel: purgeStatusLabel(status) };
  };
  for (const list of await receivedListsHoldingData(db, null, org)) {
    const key = { kind: "received_list" as const, listImportId: list.id, conventionId: list.conventionId };
    if ((await journalStatusOf(db, key))?.status === "done") continue;
    planned.push({
      kind: "received_list",
      kindLabel: PURGE_KIND_LABELS.received_list,
      what: receivedListLabel(list),
      conventionNumber: (await conventionPeriod(db, list.conventionId))?.number ?? "—",
      rule: list.purgeRule,
      dueOn: list.purgeOn,
      ...(await state(list.purgeOn, key, { listImportId: list.id, conventionIds: [list.conventionId] })),
      counts: countRows({ listRows: list.rows, links: list.links, peopleCreated: list.peopleCreated }),
    });
  }
  for (const d of await dataDestructionsEndingBy(db, addMonths(today, CONVENTION_HORIZON_MONTHS))) {
    if (!d.partyOrganisationIds.includes(org)) continue;
    const key = { kind: "convention_end" as const, conventionId: d.conventionId };
    const closed = await closedCasesUnder(db, d.coveredConventionIds);
    if ((await journalStatusOf(db, key))?.status === "done" && closed === 0) continue;
    planned.push({
      kind: "convention_end",
      kindLabel: PURGE_KIND_LABELS.convention_end,
      what: conventionEndLabel(d),
      conventionNumber: d.number,
      rule: d.rule,
      dueOn: d.dueOn,
      ...(await state(d.dueOn, key, { conventionIds: d.coveredConventionIds })),
      counts: countRows({ cases: closed, openCases: await openCasesUnder(db, d.coveredConventionIds) }),
    });
  }
  planned.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const journal = await journalOf(db, org);
  const alerts = [
    ...planned.filter((p) => p.status === "late").map((p) => `La purge « ${p.what} » devait être faite le ${frenchDate(p.dueOn)} : elle est en retard.`),
    ...journal.filter((j) => j.status === "failed").map((j) => `La purge « ${j.what} » due le ${frenchDate(j.dueOn)} est en échec : elle sera réessayée demain.`),
  ];
  await auditRead(db, ctx, { action: "privacy.purges_read", subjectType: "organisation", subjectId: org, details: { planned: planned.length, journal: journal.length } });
  return { planned, journal, holds: await listLegalHolds(db, org, today), alerts };
}

/** What the DPO may put on hold besides a person: the organisation's received lists still holding data, and its conventions. */
export async function holdOptions(db: Db, ctx: Ctx, today = parisToday()): Promise<HoldOptions> {
  const org = ctx.user.organisationId;
  authorize(ctx.user, "privacy.retention.manage", { organisationId: org });
  const lists = await receivedListsHoldingData(db, null, org);
  const conventions = await conventionsOfParty(db, org, today);
  return {
    lists: lists.map((l) => ({ id: l.id, label: `${receivedListLabel(l)} — purge le ${frenchDate(l.purgeOn)}` })),
    conventions: conventions.map((c) => ({ id: c.id, label: `${c.number} — ${c.title}` })),
  };
}
