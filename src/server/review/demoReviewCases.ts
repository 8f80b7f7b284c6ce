import { buildSupportCase } from "../demo/buildSupportCase.js";
import type { Db } from "../platform/db.js";

/**
 * Demo: the Strasbourg Meinau agency's next portfolio review has work to do — people awaiting
 * entry and supports whose 6-month period [002 art. 2 g)] ends before the following review.
 */
export async function loadDemoReviewCases(tx: Db, today: string): Promise<void> {
  const pairs = [
    { advisor: "conseiller.basrhin", socialWorker: "social.basrhin" },
    { advisor: "conseiller.basrhin", socialWorker: "social.strasbourg" },
  ];
  for (const [i, pair] of [...pairs, ...pairs].entries()) {
    await buildSupportCase(tx, { ...pair, jobSeekerCommune: "67482", rsa: i % 2 === 0 }, today);
  }
  for (const [i, days] of [5, 12, 20].entries()) {
    await buildSupportCase(tx, { ...pairs[i % 2], jobSeekerCommune: "67482", entered: { monthsAgo: 5, daysAgo: days }, rsa: i !== 1 }, today);
  }
}
