import { Table } from "@codegouvfr/react-dsfr/Table";
import { formatNumber, frenchDate } from "../format";
import { euros, Section, type SectionProps } from "./shared";

const EVENT_LABELS: Record<string, string> = {
  imported: "Import",
  amendment: "Avenant",
  amendment_proposed: "Avenant proposé",
  amendment_signature: "Signature d’un avenant",
  signature: "Signature",
  termination_notice: "Résiliation notifiée",
  succession: "Succession d’une partie",
  commitment_value: "Valeur d’engagement relevée",
  payment: "Versement",
  payment_corrected: "Versement corrigé",
  payment_cancelled: "Versement annulé",
};

/** What has happened to the convention, most recent first. */
export function HistorySection({ data }: SectionProps) {
  return (
    <Section id="historique" title="Historique">
      {data.events.length === 0 ? (
        <p>Aucun évènement enregistré.</p>
      ) : (
        <Table
          headers={["Date", "Évènement", "Détails", "Enregistré le"]}
          data={data.events.map((e) => [
            frenchDate(e.occurredOn),
            EVENT_LABELS[e.kind] ?? e.kind,
            eventDetails(e.kind, e.details),
            new Date(e.recordedAt).toLocaleString("fr-FR", { timeZone: "Europe/Paris" }),
          ])}
        />
      )}
    </Section>
  );
}

/** An event's details in French, for the kinds Tandem records; other keys as they come. */
function eventDetails(kind: string, d: Record<string, unknown>): string {
  const str = (v: unknown) => (v === null || v === undefined ? "" : String(v));
  switch (kind) {
    case "imported": {
      const n = Number(d.amendments ?? 0);
      const imported = n === 0 ? "Fichier de convention importé, sans avenant" : `Fichier de convention importé, avec ${n} avenant${n > 1 ? "s" : ""}`;
      return d.draft ? `${imported}, comme brouillon à signer par chaque partie` : imported;
    }
    case "amendment":
      return `${str(d.number)} — ${str(d.summary)}`;
    case "amendment_proposed":
      return `${str(d.number)} — ${str(d.summary)} ; effet le ${frenchDate(str(d.effectiveOn))}${d.signedBy ? ` ; signé par ${str(d.signedBy)} avec la proposition` : ""}${d.applies ? " ; s’applique" : ""}`;
    case "amendment_signature":
      return `Avenant ${str(d.number)} : ${str(d.name)}, ${str(d.title)} (${str(d.organisation)})${d.mode === "scanned_copy" ? " — copie signée (scan)" : " — signé dans Tandem"}${d.applies ? " ; signé par toutes les parties, l’avenant s’applique" : ""}`;
    case "signature":
      return `${str(d.name)}, ${str(d.title)} (${str(d.organisation)})${d.mode === "scanned_copy" ? " — copie signée (scan)" : d.mode === "in_app" ? " — signée dans Tandem" : ""}`;
    case "termination_notice":
      return `${d.reason === "breach" ? "Manquement" : "Préavis"} ; fin le ${frenchDate(str(d.endsOn))}${d.note ? ` ; ${str(d.note)}` : ""}`;
    case "succession":
      return `${str(d.successor)} succède à ${str(d.predecessor)}`;
    case "commitment_value":
      return `${str(d.key)} : ${typeof d.value === "number" ? formatNumber(d.value) : str(d.value)}`;
    case "payment":
      return typeof d.amount === "string" ? euros(d.amount) : "";
    case "payment_corrected":
      return `Versement du ${frenchDate(str(d.paidOn))} : ${str(d.amountBefore)} → ${str(d.amountAfter)} ; motif : ${str(d.reason)}`;
    case "payment_cancelled":
      return `Versement du ${frenchDate(str(d.paidOn))} de ${str(d.amount)} annulé ; motif : ${str(d.reason)}`;
    default:
      return Object.entries(d)
        .filter(([, v]) => v !== null && v !== undefined && typeof v !== "object")
        .map(([k, v]) => `${k} : ${String(v)}`)
        .join(" ; ");
  }
}
