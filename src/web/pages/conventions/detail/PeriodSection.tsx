import { useState } from "react";
import { z } from "zod";
import { type TerminationReason, terminationDate, terminationReasons } from "../../../../domain/convention/calendar";
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
      {terms.termination.breach && (
        <>
          <dl className="tandem-terms">
            <Term label="En cas de manquement">
              {terms.termination.breach.effectiveAfterFormalNotice
                ? `effet ${delayLabel(terms.termination.breach.effectiveAfterFormalNotice)} après une mise en demeure restée sans effet`
                : "effet à la réception du courrier (aucun délai fixé)"}
              {terms.termination.breach.suspendDataExchangeAtOnce && ", échanges de données suspendus immédiatement"}
            </Term>
          </dl>
          <Source text={terms.termination.breach.source} />
        </>
      )}
      {terms.termination.mutualAgreement && (
        <>
          <dl className="tandem-terms">
            <Term label="D’un commun accord">à la date convenue entre les parties</Term>
          </dl>
          <Source text={terms.termination.mutualAgreement.source} />
        </>
      )}
      {terms.annexOf && <p className="fr-text--sm">Annexe de la convention {terms.annexOf} : elle prend fin avec elle.</p>}
      {data.dataExchangeSuspendedOn && <p className="fr-text--sm">Échange de données suspendu depuis le {frenchDate(data.dataExchangeSuspendedOn)}.</p>}
      {/* Not on a convention that has already ended: there is nothing left to terminate. */}
      {data.canEdit && !data.terminatedOn && data.status !== "ended" && terminationReasons(terms).length > 0 && <TerminationForm {...{ data, terms, onDone }} />}
    </Section>
  );
}

const REASON_LABELS: Record<TerminationReason, string> = { notice: "Préavis", breach: "Manquement d’une partie", mutual: "Commun accord des parties" };

const TerminationResponseSchema = z.object({ endsOn: z.string() });

/**
 * Records a termination: irreversible, so it first says what will happen — the end date the
 * convention's rules give for this letter, and what stops then.
 */
function TerminationForm({ data, terms, onDone }: SectionProps) {
  const [receivedOn, setReceivedOn] = useState("");
  const reasons = terminationReasons(terms);
  const [reason, setReason] = useState<TerminationReason>(reasons[0] ?? "notice");
  const [agreedEndOn, setAgreedEndOn] = useState("");
  const isDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d);
  const endsOn =
    isDate(receivedOn) && (reason !== "mutual" || isDate(agreedEndOn))
      ? terminationDate(terms, { effectiveOn: data.effectiveOn, endsOn: data.endsOn }, { receivedOn, reason, agreedEndOn: agreedEndOn || null })
      : null;
  return (
    <div className="fr-mt-4w">
      <CommandForm
        title="Notifier une résiliation"
        submitLabel="Enregistrer la résiliation"
        schema={RecordTerminationRequestSchema}
        success=""
        body={(d) => ({
          receivedOn: formText(d, "receivedOn"),
          reason: formText(d, "reason") as TerminationReason,
          agreedEndOn: reason === "mutual" ? optionalText(d, "agreedEndOn") : undefined,
          note: optionalText(d, "note"),
        })}
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
            if (field.name === "reason") setReason(reasons.find((r) => r === field.value) ?? reasons[0]);
            if (field.name === "agreedEndOn") setAgreedEndOn(field.value);
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
              defaultValue={reasons[0]}
              options={reasons.map((r) => ({ value: r, label: REASON_LABELS[r] }))}
            />
          </div>
          {reason === "mutual" && (
            <div className="fr-col-12 fr-col-md-4">
              <DateInput label="Fin convenue le" name="agreedEndOn" defaultValue="" />
            </div>
          )}
          <div className="fr-col-12 fr-col-md-4">
            <FormInput label="Note (facultatif)" name="note" inputProps={{ maxLength: 2000 }} />
          </div>
        </div>
      </CommandForm>
    </div>
  );
}
