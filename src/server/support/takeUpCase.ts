import { type CaseSides, takeUp } from "../../domain/support/takeUp.js";
import type { Db } from "../platform/db.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { runCaseCommand } from "./caseCommand.js";
import { notifyUser } from "./notify.js";
import { settleTakeUpAlerts } from "./notifyOrientation.js";
import type { SupportDeps } from "./supportDeps.js";
import { applyRule } from "./supportErrors.js";
import { setCaseSide } from "./supportRepository.js";

const memberOf = async (tx: Db, userId: string | null) => {
  if (!userId) return null;
  const [u] = await tx.query<{ id: string; name: string }>("SELECT id, first_name || ' ' || last_name AS name FROM users WHERE id = $1", [userId]);
  return u ?? null;
};

/**
 * « Prendre en charge » from the orientation queue: the caller takes their side of the case (an
 * advisor the France Travail side, a social worker the social side), on the case's locked row —
 * of two simultaneous take-ups, the second sees the first and gets CASE_ALREADY_TAKEN_UP (409).
 * When both sides are held the pair is chosen, and the other member is told.
 */
export async function takeUpCase(deps: SupportDeps, ctx: RequestContext & { user: SessionUser }, caseId: string, today?: string) {
  const me = ctx.user;
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.case_taken_up", today }, async ({ tx, row, facts, today }) => {
    const sides: CaseSides = { advisor: await memberOf(tx, row.advisor_id), socialWorker: await memberOf(tx, row.social_worker_id) };
    const name = `${me.firstName} ${me.lastName}`;
    const taken = applyRule(() =>
      takeUp(facts, sides, { id: me.id, name, isAdvisor: me.roles.includes("advisor"), isSocialWorker: me.roles.includes("social_worker") }),
    );
    if (taken.alreadyMine) return { change: {}, event: null };
    if (!taken.change.pair) await setCaseSide(tx, caseId, taken.side, me.id, today);
    const { advisor, socialWorker } = taken.sides;
    const pairChosen = advisor !== null && socialWorker !== null;
    const partner = taken.side === "france_travail" ? socialWorker : advisor;
    return {
      change: taken.change,
      event: pairChosen
        ? { kind: "pair_assigned", occurredOn: today, details: { advisor: advisor.name, socialWorker: socialWorker.name, takenUp: true } }
        : { kind: "taken_up", occurredOn: today, details: { side: taken.side, by: name } },
      afterSave: async (tx) => {
        await settleTakeUpAlerts(tx, caseId, [taken.side]);
        if (!pairChosen || !partner) return;
        await notifyUser(tx, deps, {
          userId: partner.id,
          kind: "pair_assigned",
          title: "Nouvel accompagnement global dans votre portefeuille",
          body: `Vous formez le binôme ${advisor.name} / ${socialWorker.name} pour un accompagnement global.`,
          caseId,
        });
      },
    };
  });
}
