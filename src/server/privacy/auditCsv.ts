import type { AuditEvent } from "../../shared/contracts/platform.js";
import { toFrenchCsv } from "../platform/frenchCsv.js";

const PARIS = new Intl.DateTimeFormat("fr-FR", {
  timeZone: "Europe/Paris",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});

/** « 30/11/2026 14:05:12 »: the time a DPO in France reads, summer or winter. */
export function parisTimestamp(iso: string): string {
  const part = Object.fromEntries(PARIS.formatToParts(new Date(iso)).map((p) => [p.type, p.value]));
  return `${part.day}/${part.month}/${part.year} ${part.hour}:${part.minute}:${part.second}`;
}

const HEADERS = ["Date et heure (Paris)", "Auteur", "Adresse de l’auteur", "Organisation de l’auteur", "Action", "Objet", "Code de l’action", "Identifiant de l’objet", "Détails", "Requête", "Adresse IP"];

/** The trail as the page shows it, for a spreadsheet: French headers, labels and names; every text cell through `spreadsheetText`. */
export const auditTrailCsv = (events: AuditEvent[]) =>
  toFrenchCsv(
    HEADERS,
    events.map((e) => [
      parisTimestamp(e.occurredAt),
      e.actorName ?? "Tandem (tâche automatique)",
      e.actorEmail,
      e.actorOrganisation,
      e.actionLabel,
      e.subjectLabel,
      e.action,
      e.subjectId,
      JSON.stringify(e.details),
      e.requestId,
      e.ip,
    ]),
  );
