import type { Db } from "../platform/db.js";

/**
 * Commitments Tandem can measure from its own data (`computedFrom` in the convention file).
 * Each capability that holds the data registers its calculator here; a commitment without
 * one is recorded by hand.
 */
export type CommitmentCalculator = (db: Db, conventionId: string, today: string) => Promise<number | null>;
export const commitmentCalculators: Record<string, CommitmentCalculator> = {};
