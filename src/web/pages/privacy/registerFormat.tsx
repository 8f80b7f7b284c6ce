import { Badge } from "@codegouvfr/react-dsfr/Badge";
import type { RightsStatus } from "../../../shared/contracts/privacyRegisters";

/** "31/01/2027" */
export const frDate = (d: string | null | undefined) => (d ? d.slice(0, 10).split("-").reverse().join("/") : "—");

const PARIS = new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", day: "2-digit", month: "2-digit", year: "numeric", hour: "2-digit", minute: "2-digit" });
/** « 28/03/2027 à 22:30 » at Paris time, whatever the browser's zone. */
export const parisDateTime = (iso: string) => PARIS.format(new Date(iso)).replace(" ", " à ");

const PARIS_DAY = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" });
/** Today in Paris, for the date fields' default. */
export const parisToday = () => PARIS_DAY.format(new Date());

const STATUS_SEVERITY: Record<RightsStatus, "new" | "info" | "success" | "error"> = { received: "new", in_progress: "info", answered: "success", refused: "error" };
export function RightsStatusBadge({ status, label }: { status: RightsStatus; label: string }) {
  return (
    <Badge severity={STATUS_SEVERITY[status]} small noIcon>
      {label}
    </Badge>
  );
}

/** « en retard de 3 jours », in the DSFR error colour, with its icon. */
export function LateBadge({ late }: { late: string | null }) {
  if (!late) return null;
  return (
    <Badge severity="error" small>
      {late}
    </Badge>
  );
}
