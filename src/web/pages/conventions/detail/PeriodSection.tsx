import { useState } from "react";
import { z } from "zod";
import { terminationDate } from "../../../../domain/convention/calendar";
import { delayLabel } from "../../../../domain/convention/delays";
import { RecordTerminationRequestSchema } from "../../../../shared/contracts/convention";
import { CommandForm, DateInput, FormInput, FormSelect, formText, optionalText } from "../../../components/CommandForm";
import { frenchDate } from "../format";
import { postCommand, Section, type SectionProps, Source, Term } from "./shared";

const NOTICE_BEFORE_LABELS: Record<string, string> = {
  yearly_anniversary: "avant la date d’échéance annuelle",
  end: "avant la fin de la convention",
  none: "sans date de référence",
};

/** The convention's period, its termination rules, and — for who may edit it — recording a termination. */
export function PeriodSection({ data, terms, onDone }: SectionProps) {
  return (
    <Section id="periode" title="Période et résiliation">
      <dl className="tandem-terms">
        <Term label="Date d’effet">{data.effectiveOn ? frenchDate(data.effectiveOn) : "À la dernière signature (pas encore signée par toutes les parties)"}</Term>
        {data.signedOn && <Term label="Signée le">{frenchDate(data.signedOn)}</Term>}
        <Term label="Fin">{frenchDate(data.endsOn)}</Term>
        {data.terminatedOn && <Term label="Résiliée, fin le">{frenchDate(data.terminatedOn)}</Term>}
        <Term label="Durée maximale">{terms.period.maxDuration ? `${delayLabel(terms.period.maxDuration)} à compter de la date d’effet` : "Non fixée"}</Term>
      </dl>
      <Source text={terms.period.source} />
      <h3 className="fr-h6 fr-mt-3w">Résiliation</h3>
      <dl className="tandem-terms">
        <Term label="Préavis">
          {terms.termination.notice.delay ? `${delayLabel(terms.termination.notice.delay)} ${NOTICE_BEFORE_LABELS[terms.termination.notice.before] ?? ""}` : "Aucun préavis fixé"}
          {terms.termination.notice.effectiveAfterReceipt !== null && ` ; effet ${delayLabel(terms.termination.notice.effectiveAfterReceipt)} après réception du courrier`}
        </Term>
      </dl>
      <Source text={terms.termination.notice.source} />
      <dl className="tandem-terms">
        <Term label="En cas de manquement">
          {terms.termination.breach.effectiveAfterFormalNotice
            ? `effet ${delayLabel(terms.termination.breach.effectiveAfterFormalNotice)} après une mise en demeure restée sans effet`
            : "aucun délai fixé après la mise en demeure"}
          {terms.termination.breach.suspendDataExchangeAtOnce && ", échanges de données suspendus immédiatement"}
        </Term>
      </dl>
      <Source text={terms.termination.breach.source} />
      {data.canEdit && !data.terminatedOn && <TerminationForm {...{ data, terms, onDone }} />}
    </Section>
  );
}

const TerminationResponseSchema = z.object({ endsOn: z.string() });

/**
 * Records a termination: irreversible, so it first says what will happen — the end date the
 * convention's rules give for this letter, and what stops then.
 */
function TerminationForm({ data, terms, onDone }: SectionProps) {
  const [receivedOn, setReceivedOn] = useState("");
  const [reason, setReason] = useState<"notice" | "breach">("notice");
  const endsOn = /^\d{4}-\d{2}-\d{2}$/.test(receivedOn) ? terminationDate(terms, { effectiveOn: data.effectiveOn, endsOn: data.endsOn }, { receivedOn, reason }) : null;
  return (
    <div className="fr-mt-4w">
      <CommandForm
        title="Notifier une résiliation"
        submitLabel="Enregistrer la résiliation"
        schema={RecordTerminationRequestSchema}
        success=""
        body={(d) => ({ receivedOn: formText(d, "receivedOn"), reason: formText(d, "reason") as "notice" | "breach", note: optionalText(d, "note") })}
        confirm={{
          title: "Confirmer la résiliation",
          description: (
            <>
              <p className="fr-mb-1w">
                {endsOn ? (
                  <>
                    Selon les règles de résiliation de la convention, elle prendra fin le <strong>{frenchDate(endsOn)}</strong>.
                  </>
                ) : (
                  "La date de fin sera calculée selon les règles de résiliation de la convention."
                )}
              </p>
              <p className="fr-mb-1w">
                Après cette date, la convention n’ouvre plus aucune donnée : plus d’orientation, d’accompagnement global ni de revue de portefeuille sous cette
                convention ; aucun avenant ni aucune signature ne pourra plus être enregistré.
                {terms.finance?.earlyEndRefund === "pro_rata" && " Les sommes versées au-delà de la période effectuée seront à reverser au prorata."}
              </p>
              <p className="fr-mb-0">Une résiliation enregistrée ne peut pas être annulée.</p>
            </>
          ),
          confirmLabel: "Résilier la convention",
        }}
        onSubmit={async (body) => {
          const { endsOn: end } = await postCommand(`/api/conventions/${data.id}/termination`, TerminationResponseSchema, body);
          onDone(`Résiliation enregistrée : la convention prendra fin le ${frenchDate(end)}.`);
        }}
      >
        <p>La date de fin est calculée selon les règles de résiliation de la convention.</p>
        {/* The confirmation says the end date these two fields give: they are followed as they change. */}
        <div
          className="fr-grid-row fr-grid-row--gutters fr-mb-2w"
          onChange={(e) => {
            const field = e.target as HTMLInputElement | HTMLSelectElement;
            if (field.name === "receivedOn") setReceivedOn(field.value);
            if (field.name === "reason") setReason(field.value === "breach" ? "breach" : "notice");
          }}
        >
          <div className="fr-col-12 fr-col-md-4">
            <DateInput label="Courrier reçu le" name="receivedOn" defaultValue="" />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <FormSelect
              label="Motif"
              name="reason"
              required
              defaultValue="notice"
              options={[
                { value: "notice", label: "Préavis" },
                { value: "breach", label: "Manquement d’une partie" },
              ]}
            />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <FormInput label="Note (facultatif)" name="note" inputProps={{ maxLength: 2000 }} />
          </div>
        </div>
      </CommandForm>
    </div>
  );
}
