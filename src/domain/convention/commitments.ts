/** Whether a commitment is being met, from its latest value (computed by Tandem or recorded by hand). */
export type CommitmentStatus = "met" | "at_risk" | "missed" | "not_recorded";

export function commitmentStatus(
  c: { comparison: "at_least" | "at_most"; target: number },
  value: number | null,
  conventionOver: boolean,
): CommitmentStatus {
  if (value === null) return "not_recorded";
  const met = c.comparison === "at_least" ? value >= c.target : value <= c.target;
  if (met) return "met";
  // While the convention runs there is still time to reach the target; once it is over, it was missed.
  return conventionOver ? "missed" : "at_risk";
}

export const COMMITMENT_STATUS_LABELS: Record<CommitmentStatus, string> = {
  met: "Tenu",
  at_risk: "À risque",
  missed: "Non tenu",
  not_recorded: "Non renseigné",
};
