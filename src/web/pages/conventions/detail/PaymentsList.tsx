import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { useState } from "react";
import type { ConventionDetail, PaymentDto } from "../../../../shared/contracts/convention";
import { frenchDate } from "../format";
import { PaymentCancellationForm, PaymentCorrectionForm } from "./PaymentCorrectionForms";

type Finance = NonNullable<ConventionDetail["finance"]>;
type HistoryEntry = PaymentDto["history"][number];
type Values = HistoryEntry["before"];

const when = (iso: string) => new Date(iso).toLocaleString("fr-FR", { timeZone: "Europe/Paris", dateStyle: "short", timeStyle: "short" });

/**
 * The payments recorded on the convention — who paid whom, what for, who recorded it — each with
 * its history of corrections; who may record payments may correct or cancel one.
 */
export function PaymentsList({ data, finance, onDone }: { data: ConventionDetail; finance: Finance; onDone: (m: string) => void }) {
  const [open, setOpen] = useState<{ id: string; act: "correct" | "cancel" } | null>(null);
  const done = (message: string) => {
    setOpen(null);
    onDone(message);
  };
  if (finance.payments.length === 0) return <p>Aucun versement enregistré.</p>;
  const editing = open && finance.payments.find((p) => p.id === open.id && !p.cancelled);
  return (
    <>
      <Table
        caption="Versements enregistrés"
        headers={["Date", "Montant", "Payeur → bénéficiaire", "Échéance payée", "Enregistré par", finance.canCorrectPayments ? "État et actions" : "État"]}
        data={finance.payments.map((p) => [
          frenchDate(p.paidOn),
          p.cancelled ? <s key="amount">{p.amount}</s> : p.amount,
          `${p.payer.name} → ${p.payee.name}`,
          p.instalment?.label ?? "Non précisée",
          <span key="by">
            {p.recordedBy ?? "Tandem"}, le {when(p.recordedAt)}
            {p.note && (
              <>
                <br />
                <small>{p.note}</small>
              </>
            )}
          </span>,
          <span key="state">
            {p.cancelled ? (
              <Badge severity="error" small noIcon>
                Annulé
              </Badge>
            ) : p.history.length > 0 ? (
              <Badge severity="info" small noIcon>
                Corrigé
              </Badge>
            ) : (
              <Badge severity="success" small noIcon>
                Compté
              </Badge>
            )}
            {finance.canCorrectPayments && !p.cancelled && (
              <span className="fr-btns-group fr-btns-group--inline-sm fr-mt-1w" style={{ display: "flex" }}>
                <Button size="small" priority="secondary" onClick={() => setOpen({ id: p.id, act: "correct" })} title={`Corriger le versement du ${frenchDate(p.paidOn)}`}>
                  Corriger
                </Button>
                <Button size="small" priority="tertiary" onClick={() => setOpen({ id: p.id, act: "cancel" })} title={`Annuler le versement du ${frenchDate(p.paidOn)}`}>
                  Annuler ce versement
                </Button>
              </span>
            )}
          </span>,
        ])}
      />
      {editing && open.act === "correct" && <PaymentCorrectionForm key={editing.id} data={data} finance={finance} payment={editing} onDone={done} onClose={() => setOpen(null)} />}
      {editing && open.act === "cancel" && <PaymentCancellationForm key={editing.id} conventionId={data.id} payment={editing} onDone={done} onClose={() => setOpen(null)} />}
      {finance.payments
        .filter((p) => p.history.length > 0)
        .map((p) => (
          <details key={p.id} className="fr-mb-2w">
            <summary>
              Historique du versement du {frenchDate(p.paidOn)} ({p.history.length} modification{p.history.length > 1 ? "s" : ""})
            </summary>
            <ul className="fr-mt-1w">
              {p.history.map((h) => (
                <li key={h.at}>
                  <PaymentChange entry={h} />
                </li>
              ))}
            </ul>
          </details>
        ))}
    </>
  );
}

const FIELDS: [keyof Values, string][] = [
  ["paidOn", "date"],
  ["amount", "montant"],
  ["payer", "payeur"],
  ["payee", "bénéficiaire"],
  ["instalment", "échéance"],
  ["note", "note"],
];
const shown = (key: keyof Values, v: Values) => (key === "paidOn" ? frenchDate(v.paidOn) : (v[key] ?? "non précisé(e)"));

/** One correction (each value changed, before → after) or the cancellation, with who, when and why. */
function PaymentChange({ entry }: { entry: HistoryEntry }) {
  const after = entry.after;
  const changes = after ? FIELDS.filter(([key]) => entry.before[key] !== after[key]) : [];
  return (
    <>
      Le {when(entry.at)}, par {entry.by ?? "Tandem"} :{" "}
      {after ? (
        <>
          corrigé —{" "}
          {changes.map(([key, label], i) => (
            <span key={key}>
              {i > 0 && " ; "}
              {label} {shown(key, entry.before)} → {shown(key, after)}
            </span>
          ))}
        </>
      ) : (
        <>
          annulé ({entry.before.amount} du {frenchDate(entry.before.paidOn)})
        </>
      )}{" "}
      ; motif : « {entry.reason} ».
    </>
  );
}
