import type { Db } from "../platform/db.js";
import { activeCasesPerAdvisor, dedicatedAdvisors } from "../support/globalSupportMeasures.js";

/**
 * Commitments Tandem measures from its own data (`computedFrom` in the convention file). A
 * commitment without a calculator here is recorded by hand.
 */
export type CommitmentCalculator = (db: Db, conventionId: string, today: string) => Promise<number | null>;
export const commitmentCalculators: Record<string, CommitmentCalculator> = {
  global_support_dedicated_advisors: dedicatedAdvisors,
  global_support_active_cases_per_advisor: activeCasesPerAdvisor,
};
