import { parsePeriod } from "../../domain/indicators/periods.js";
import { runConventionCommand } from "../convention/conventionCommand.js";
import type { Db } from "../platform/db.js";
import { authorize } from "../platform/policies.js";
import type { RequestContext, SessionUser } from "../platform/requestContext.js";
import { type RawFigure, computeFigures } from "./computeFigures.js";
import { CURRENT_DEFINITIONS, definitionsFor, indicatorConvention, indicatorErrors } from "./indicatorAccess.js";
import type { ComputableDefinition } from "./indicatorSql.js";
import { insertSnapshots, snapshotsOf } from "./snapshots.js";

/**
 * A steering committee adopts a finished period's figures: they are computed once more and kept
 * with their definition's version, and never recomputed after. Through the convention's command
 * path (its row locked: two adoptions of the same period are serialised and the second is refused),
 * steering users of its parties only, audited in the same transaction.
 */
export async function freezeIndicators(
  db: Db,
  ctx: RequestContext & { user: SessionUser },
  conventionId: string,
  periodKey: string,
  opts: { today?: string; definitions?: readonly ComputableDefinition[] } = {},
): Promise<{ period: string; frozen: number }> {
  const period = parsePeriod(periodKey);
  if (!period) throw indicatorErrors.periodInvalid();
  const result = await runConventionCommand(
    db,
    ctx,
    conventionId,
    {
      audit: "indicators.frozen",
      today: opts.today,
      authorize: (user, locked) => authorize(user, "indicators.freeze", { partyOrganisationIds: locked.readers }),
    },
    async ({ tx, today }) => {
      if (period.to >= today) throw indicatorErrors.periodNotOver();
      if ((await snapshotsOf(tx, conventionId, [period.key])).length > 0) throw indicatorErrors.alreadyFrozen(period.label);
      const convention = await indicatorConvention(tx, conventionId, period.to);
      const definitions = definitionsFor(convention.keys, opts.definitions ?? CURRENT_DEFINITIONS).filter((d) => d.available && d.rule);
      const live = await computeFigures(
        tx,
        { conventionId, periods: [period], agencyId: null, orientDelay: convention.orientDelay, firstDelay: convention.firstDelay, today },
        definitions,
      );
      const figures = definitions.flatMap((d) => {
        const f = live.get(d.key)?.[0];
        return f && !("unavailable" in f) ? [{ key: d.key, version: d.version, figure: f as RawFigure }] : [];
      });
      await insertSnapshots(tx, conventionId, period, figures, ctx.user.id);
      return {
        event: null,
        audit: { period: period.key, definitions: figures.map((f) => `${f.key} v${f.version}`) },
        result: { period: period.key, frozen: figures.length },
      };
    },
  );
  return result ?? { period: period.key, frozen: 0 };
}
