import { updatedShare } from "../../domain/directory/freshness.js";
import { endOfMonth, minDate, parisToday } from "../../domain/shared/calendarDate.js";
import { conventionPartyOrganisationIds, conventionPeriod, termsInForce } from "../convention/conventionTerms.js";
import { conventionsOfParty } from "../convention/conventionsOfParty.js";
import { audit } from "../platform/audit.js";
import type { Db } from "../platform/db.js";
import { authorize, can } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { directoryErrors } from "./directoryErrors.js";

/**
 * The yearly joint update of the directory [001 art. 2.1: « à minima une fois par an »] as a
 * campaign per convention and year, and the accounts that reach the directory per organisation
 * [002 axe 1: « le nombre d’accès … et le listing des utilisateurs »], for steering users.
 * The deadline comes from the convention file: its `directory.yearlyUpdateBy` day when it writes
 * one; otherwise 31 December (the seeds set no day), and the page says why — or the convention's
 * end, if sooner.
 */
export async function deadlineOf(db: Db, conventionId: string, year: number, today: string) {
  const terms = await termsInForce(db, conventionId, today);
  const period = await conventionPeriod(db, conventionId);
  const end = period?.endsOn ?? `${year}-12-31`;
  const fr = (d: string) => d.split("-").reverse().join("/");
  const written = terms?.directory?.yearlyUpdateBy ?? null;
  if (written) {
    // A 29 February in a year without one is the last day of February.
    const deadline = minDate(minDate(`${year}-${written}`, endOfMonth(year, Number(written.slice(0, 2)))), end);
    return { deadline, note: `La convention fixe la mise à jour de la base de ressources au ${fr(written)} de chaque année (${terms?.directory?.source}) : échéance au ${fr(deadline)}.` };
  }
  const deadline = minDate(`${year}-12-31`, end);
  if (terms?.directory) {
    return {
      deadline,
      note: `La convention ne fixe pas de jour pour la mise à jour de la base de ressources (${terms.directory.source}) : échéance retenue au ${fr(deadline)}.`,
    };
  }
  const commitment = terms?.commitments.find((c) => /ressource/i.test(`${c.key} ${c.description}`));
  const note = commitment
    ? `La convention demande « ${commitment.description} » ${commitment.period === "year" ? "chaque année" : "sur sa période"} sans fixer de jour (${commitment.source ?? "convention"}) : échéance au ${fr(deadline)}.`
    : `La convention ne fixe pas de terme pour la mise à jour de la base de ressources : échéance retenue au ${fr(deadline)}.`;
  return { deadline, note };
}

async function steeredConventions(db: Db, user: SessionUser, today: string) {
  const out: { id: string; number: string; parties: string[] }[] = [];
  for (const c of await conventionsOfParty(db, user.organisationId, today)) {
    const parties = await conventionPartyOrganisationIds(db, c.id, today);
    if (can(user, "directory.steer", { partyOrganisationIds: parties })) out.push({ id: c.id, number: c.number, parties });
  }
  return out;
}

export async function directorySteering(db: Db, ctx: RequestContext & { user: SessionUser }, today = parisToday()) {
  const conventions = await steeredConventions(db, ctx.user, today);
  const year = Number(today.slice(0, 4));
  const result = [];
  const parties = new Set<string>();
  for (const c of conventions) {
    for (const p of c.parties) parties.add(p);
    const [campaign] = await db.query<{ year: number; starts_on: string; deadline: string }>(
      "SELECT year, to_char(starts_on, 'YYYY-MM-DD') AS starts_on, to_char(deadline, 'YYYY-MM-DD') AS deadline FROM directory_update_campaigns WHERE convention_id = $1 AND year = $2",
      [c.id, year],
    );
    const { note } = await deadlineOf(db, c.id, year, today);
    let progress = null;
    if (campaign) {
      const dates = await db.query<{ d: string }>("SELECT to_char(date_maj, 'YYYY-MM-DD') AS d FROM directory_services WHERE organisation_id = ANY($1::uuid[])", [c.parties]);
      progress = { year: campaign.year, startsOn: campaign.starts_on, deadline: campaign.deadline, ...updatedShare(dates.map((r) => r.d), campaign.starts_on) };
    }
    result.push({ id: c.id, number: c.number, campaign: progress, deadlineNote: note });
  }
  // Every active account of a party reaches the directory (its own resources and its partners').
  const users = await db.query<{ organisation: string; name: string; email: string }>(
    `SELECT o.name AS organisation, u.first_name || ' ' || u.last_name AS name, u.email FROM users u JOIN organisations o ON o.id = u.organisation_id
      WHERE u.active AND u.organisation_id = ANY($1::uuid[]) ORDER BY o.name, u.last_name, u.first_name`,
    [[...parties]],
  );
  const byOrganisation = new Map<string, { name: string; email: string }[]>();
  for (const u of users) byOrganisation.set(u.organisation, [...(byOrganisation.get(u.organisation) ?? []), { name: u.name, email: u.email }]);
  return { conventions: result, accounts: [...byOrganisation].map(([organisation, list]) => ({ organisation, count: list.length, users: list })) };
}

export async function openCampaign(db: Db, ctx: RequestContext & { user: SessionUser }, input: { conventionId: string; year: number }, today = parisToday()) {
  const parties = await conventionPartyOrganisationIds(db, input.conventionId, today);
  authorize(ctx.user, "directory.steer", { partyOrganisationIds: parties });
  const { deadline } = await deadlineOf(db, input.conventionId, input.year, today);
  await db.transaction(async (tx) => {
    const rows = await tx.query(
      `INSERT INTO directory_update_campaigns (convention_id, year, starts_on, deadline, created_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (convention_id, year) DO NOTHING RETURNING id`,
      [input.conventionId, input.year, minDate(today, deadline), deadline, ctx.user.id],
    );
    if (rows.length === 0) throw directoryErrors.campaignExists();
    await audit(tx, ctx, { action: "directory.campaign_opened", subjectType: "convention", subjectId: input.conventionId, details: { year: input.year, deadline } });
  });
}
