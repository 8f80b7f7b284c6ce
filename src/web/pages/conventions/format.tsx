import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { CONVENTION_STATUS_VALUES } from "../../../shared/contracts/convention";
import { CONVENTION_STATUS_LABELS } from "../../../domain/convention/calendar";

type ConventionStatus = (typeof CONVENTION_STATUS_VALUES)[number];

/** "2013-09-30" → "30/09/2013" (calendar dates travel as ISO strings, never as Date objects). */
export function frenchDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const [y, m, d] = iso.slice(0, 10).split("-");
  return `${d}/${m}/${y}`;
}

/** Today in Paris, as an ISO calendar date (the server computes statuses on the same day). */
export function parisToday(): string {
  return new Date().toLocaleDateString("sv-SE", { timeZone: "Europe/Paris" });
}

export const formatNumber = (n: number) => n.toLocaleString("fr-FR");

const STATUS_SEVERITY: Record<ConventionStatus, "success" | "info" | "warning" | "error" | "new" | undefined> = {
  draft: undefined,
  signed: "info",
  in_force: "success",
  expiring: "warning",
  ended: undefined,
  terminated: "error",
};

export function ConventionStatusBadge({ status, small = true }: { status: ConventionStatus; small?: boolean }) {
  return (
    <Badge severity={STATUS_SEVERITY[status]} small={small} noIcon>
      {CONVENTION_STATUS_LABELS[status]}
    </Badge>
  );
}
