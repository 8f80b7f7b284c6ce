import { type Period, periodContaining, previousPeriod } from "../../domain/indicators/periods.js";
import type { MeetingFigures } from "../../shared/contracts/governance.js";
import { readDashboard } from "../indicators/indicatorDashboard.js";
import type { Db } from "../platform/db.js";
import { AppError } from "../platform/errors.js";
import type { SessionUser } from "../platform/requestContext.js";

/**
 * The figures a meeting looks at (issue 13): each indicator of the convention over the last
 * quarter ended before the meeting, as the indicators dashboard gives them — frozen where adopted,
 * masked where small —, for those who may read that dashboard (the parties' steering users); the
 * others see the link only.
 */
export async function meetingFigures(db: Db, user: SessionUser, conventionId: string, heldOn: string, today: string): Promise<MeetingFigures | null> {
  const period: Period = previousPeriod(periodContaining("quarter", heldOn));
  try {
    const dashboard = await readDashboard(db, user, conventionId, { period: period.key }, { today });
    return {
      period: period.label,
      figures: dashboard.indicators.map((i) => {
        const cell = i.series[i.series.length - 1];
        return { key: i.key, name: i.name, display: cell.cell.display, frozen: cell.frozen !== null };
      }),
    };
  } catch (e) {
    if (e instanceof AppError && (e.status === 403 || e.status === 404)) return null;
    throw e;
  }
}
