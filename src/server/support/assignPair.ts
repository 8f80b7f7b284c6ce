import * as lifecycle from "../../domain/support/lifecycle.js";
import { conventionPartyOrganisationIds } from "../convention/conventionTerms.js";
import type { Db } from "../platform/db.js";
import type { RequestContext } from "../platform/requestContext.js";
import { runCaseCommand } from "./caseCommand.js";
import { notifyUser } from "./notify.js";
import { settleTakeUpAlerts } from "./notifyOrientation.js";
import type { SupportDeps } from "./supportDeps.js";
import { applyRule, supportErrors } from "./supportErrors.js";

type Professional = { id: string; roles: string[]; organisation_id: string; name: string };

async function professionalOf(tx: Db, userId: string, partyIds: string[]): Promise<Professional> {
  const [u] = await tx.query<Professional>(
    "SELECT id, roles, organisation_id, first_name || ' ' || last_name AS name FROM users WHERE id = $1 AND active",
    [userId],
  );
  if (!u || !partyIds.includes(u.organisation_id)) throw supportErrors.unknownProfessional();
  return u;
}

/** One advisor and one social worker of the convention's parties; fixed once the support has started. */
export async function assignPair(deps: SupportDeps, ctx: RequestContext, caseId: string, input: { advisorId: string; socialWorkerId: string }, today?: string) {
  await runCaseCommand(deps.db, ctx, caseId, { audit: "support.pair_assigned", today }, async ({ tx, row, facts, today }) => {
    const parties = await conventionPartyOrganisationIds(tx, row.convention_id, today);
    const advisor = await professionalOf(tx, input.advisorId, parties);
    const socialWorker = await professionalOf(tx, input.socialWorkerId, parties);
    const change = applyRule(() =>
      lifecycle.assignPair(facts, {
        advisor: { id: advisor.id, isAdvisor: advisor.roles.includes("advisor") },
        socialWorker: { id: socialWorker.id, isSocialWorker: socialWorker.roles.includes("social_worker") },
      }),
    );
    const changed = facts.pair?.advisorId !== advisor.id || facts.pair?.socialWorkerId !== socialWorker.id;
    return {
      change,
      event: changed ? { kind: "pair_assigned", occurredOn: today, details: { advisor: advisor.name, socialWorker: socialWorker.name } } : null,
      afterSave: async (tx) => {
        if (!changed) return;
        await settleTakeUpAlerts(tx, caseId, ["france_travail", "social"]);
        for (const member of [advisor, socialWorker]) {
          if (member.id === ctx.user?.id) continue;
          await notifyUser(tx, deps, {
            userId: member.id,
            kind: "pair_assigned",
            title: "Nouvel accompagnement global dans votre portefeuille",
            body: `Vous formez le binôme ${advisor.name} / ${socialWorker.name} pour un accompagnement global.`,
            caseId,
          });
        }
      },
    };
  });
}
