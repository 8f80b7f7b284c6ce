import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { STATUS_LABELS, type SupportStatus } from "../../../domain/support/vocabulary";

export { frenchDate } from "../../../domain/shared/calendarDate";

/** Today in Paris as an ISO calendar date, the day the server decides on. */
export const todayInParis = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());

const STATUS_SEVERITY: Record<SupportStatus, "success" | "info" | "warning" | "error" | "new" | undefined> = {
  oriented: "new",
  diagnosed: "info",
  awaiting_entry: "info",
  active: "success",
  social_only: "warning",
  exited: undefined,
  refused: "error",
};

export function StatusBadge({ status }: { status: SupportStatus }) {
  return (
    <Badge small noIcon severity={STATUS_SEVERITY[status]}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

const URGENCY: Record<"overdue" | "soon" | "later", { label: string; severity: "error" | "warning" | "info" }> = {
  overdue: { label: "En retard", severity: "error" },
  soon: { label: "Bientôt", severity: "warning" },
  later: { label: "À venir", severity: "info" },
};

/** Overdue deadlines stand out (red badge with words, not colour alone). */
export function UrgencyBadge({ urgency }: { urgency: "overdue" | "soon" | "later" }) {
  return (
    <Badge small severity={URGENCY[urgency].severity}>
      {URGENCY[urgency].label}
    </Badge>
  );
}
