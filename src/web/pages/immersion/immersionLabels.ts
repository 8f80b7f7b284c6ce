import type { z } from "zod";
import type { ImmersionSummarySchema } from "../../../shared/contracts/immersion";

type State = z.infer<typeof ImmersionSummarySchema>["state"];
export const IMMERSION_STATE_LABELS: Record<State, string> = {
  upcoming: "À venir",
  ongoing: "En cours",
  assessment_due: "Bilan à faire",
  assessment_overdue: "Bilan en retard",
  assessed: "Bilan fait",
};
export const IMMERSION_STATE_SEVERITY: Record<State, "info" | "new" | "warning" | "error" | "success"> = {
  upcoming: "info",
  ongoing: "new",
  assessment_due: "warning",
  assessment_overdue: "error",
  assessed: "success",
};
export const FOLLOW_UP_LABELS: Record<string, string> = {
  recruitment: "Recrutement",
  training: "Formation",
  other_immersion: "Autre immersion",
  none: "Aucune suite",
};
export const OBJECTIVE_LABELS: Record<string, string> = { yes: "Oui", partly: "En partie", no: "Non" };
export const SKILL_KIND_LABELS: Record<string, string> = { savoir_faire: "Savoir-faire", savoir_etre: "Savoir-être professionnel", savoir: "Savoir" };
