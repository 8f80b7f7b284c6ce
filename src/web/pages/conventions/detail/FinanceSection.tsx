import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Table } from "@codegouvfr/react-dsfr/Table";
import type { Revaluation } from "../../../../shared/contracts/conventionFile";
import { formatNumber, frenchDate } from "../format";
import { PaymentForm } from "./PaymentForm";
import { PaymentsList } from "./PaymentsList";
import { StatementForm } from "./StatementForm";
import { euros, Section, type SectionProps, Source, Term } from "./shared";

/** How the file says the yearly amount is revalued. */
function revaluationText(r: Revaluation): string {
  if ("rate" in r) return `revalorisé chaque année de ${formatNumber(Number(r.rate) * 100)} %`;
  if ("index" in r) return `indexé sur ${r.index.name} (valeur de référence ${formatNumber(Number(r.index.reference))})`;
  return "actualisé chaque année par avenant";
}

/** What the convention makes due, what has been paid (each payment, its corrections), and — for who may edit — a payment to record. */
export function FinanceSection({ data, terms, onDone }: SectionProps) {
  const finance = data.finance;
  if (!finance) return null;
  return (
    <Section id="finances" title="Finances">
      <dl className="tandem-terms">
        <Term label="Montant annuel">{finance.yearlyAmount}</Term>
        {terms.finance && (
          <Term label="Calcul">
            {euros(terms.finance.yearlyAmountPerFte)} par ETP × {formatNumber(Number(terms.finance.fte))} ETP
            {terms.finance.revaluation && `, ${revaluationText(terms.finance.revaluation)}`}
          </Term>
        )}
        <Term label="Montant dû sur la durée de la convention">{finance.due}</Term>
        <Term label="Déjà versé">{finance.paid}</Term>
        <Term label="Reste dû">{finance.outstanding}</Term>
      </dl>
      {finance.instalments.length > 0 ? (
        <Table
          caption="Échéancier des versements"
          headers={["Versement", "Montant prévu", "Versé pour cette échéance"]}
          data={finance.instalments.map((i) => [
            i.onStatement ? `${i.label} — ${i.statementOn ? `mémoire reçu le ${frenchDate(i.statementOn)}` : "en attente du mémoire"}` : i.label,
            i.amount,
            i.paid,
          ])}
        />
      ) : (
        <Table
          caption="Échéancier des versements"
          headers={["Versement", "Date d’échéance", "Montant"]}
          data={finance.schedule.map((s, i) => [
            s.label,
            s.dueOn ? frenchDate(s.dueOn) : terms.finance?.schedule[i]?.due === "statement" ? "Au vu du mémoire" : "À la signature de toutes les parties",
            s.amount,
          ])}
        />
      )}
      {finance.earlyEnd && (
        <Alert
          className="fr-mb-3w"
          severity="warning"
          small
          description={`Fin anticipée au ${frenchDate(finance.earlyEnd.endedOn)} : montant dû pour la période effectuée ${finance.earlyEnd.served}, à reverser ${finance.earlyEnd.refund}.`}
        />
      )}
      <Source text={finance.source} />
      <PaymentsList data={data} finance={finance} onDone={onDone} />
      <StatementForm data={data} onDone={onDone} />
      {finance.canRecordPayment ? (
        <PaymentForm data={data} finance={finance} onDone={onDone} />
      ) : (
        data.canEdit && (
          <p className="fr-text--sm">
            {finance.paymentPeriod === null
              ? "Les versements s’enregistrent une fois la convention signée par toutes les parties."
              : finance.outstandingCents === "0"
                ? "Le montant dû est entièrement versé : aucun versement à enregistrer."
                : "Aucun versement ne peut être enregistré pour le moment."}
          </p>
        )
      )}
    </Section>
  );
}
