import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { STATUS_LABELS, type SupportStatus } from "../../../domain/support/vocabulary";

export { frenchDate } from "../../../domain/shared/calendarDate";

/** Today in Paris as an ISO calendar date, the day the server decides on. */
export const todayInParis = () => new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());

/** The convention that runs the case has ended (or been terminated): its last day is past. */
export const conventionEnded = (view: { convention: { endsOn: string | null } }) => view.convention.endsOn !== null && view.convention.endsOn < todayInParis();

/**
 * Whether the case still takes acts other than the decision that closes it: not once its convention
 * has ended (ADR 0024, runCaseCommand refuses them); the page then shows no form for them.
 */
export const takesNewActs = (view: { convention: { endsOn: string | null } }) => !conventionEnded(view);

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

/** « 09 h 30 », as French administrative writing puts a time. */
export const frenchTime = (time: string) => time.replace(":", " h ");

/** « lundi 14 décembre 2026 ». */
export const longFrenchDate = (on: string) =>
  new Intl.DateTimeFormat("fr-FR", { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" }).format(new Date(`${on}T12:00:00Z`));

/** A moment (ISO timestamp) in Paris: « 30/11/2026 à 09 h 12 ». */
export const parisMoment = (iso: string) => {
  const parts = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" }).formatToParts(new Date(iso));
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? "";
  return `${get("day")}/${get("month")}/${get("year")} à ${get("hour")} h ${get("minute")}`;
};
