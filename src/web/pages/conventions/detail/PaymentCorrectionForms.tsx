import { Button } from "@codegouvfr/react-dsfr/Button";
import { OkSchema } from "../../../../shared/contracts/common";
import { CancelPaymentRequestSchema, type ConventionDetail, CorrectPaymentRequestSchema, type PaymentDto } from "../../../../shared/contracts/convention";
import { CommandForm, FormInput, formText } from "../../../components/CommandForm";
import { frenchDate } from "../format";
import { PaymentFields, paymentBody } from "./PaymentFields";
import { postCommand } from "./shared";

/** What is still due counting this payment as unpaid (cents + a decimal amount, exactly). */
const euros = (outstandingCents: string, amount: string) =>
  (Number(BigInt(outstandingCents) + BigInt(amount.replace(".", ""))) / 100).toLocaleString("fr-FR", { style: "currency", currency: "EUR" });

type Finance = NonNullable<ConventionDetail["finance"]>;
type Props = { payment: PaymentDto; onDone: (m: string) => void; onClose: () => void };

const closeButton = (onClose: () => void) => (
  <li>
    <Button type="button" priority="secondary" onClick={onClose}>
      Fermer
    </Button>
  </li>
);

/**
 * Corrects a payment recorded with a mistake: its values as they should be and why. The server
 * checks them by the rules of a new payment and keeps the previous ones in its history.
 */
export function PaymentCorrectionForm({ data, finance, payment, onDone, onClose }: Props & { data: ConventionDetail; finance: Finance }) {
  return (
    <CommandForm
      className="fr-mt-2w fr-mb-4w"
      title={`Corriger le versement du ${frenchDate(payment.paidOn)} (${payment.amount})`}
      submitLabel="Enregistrer la correction"
      schema={CorrectPaymentRequestSchema}
      success=""
      showRefusalMessage
      extraButtons={closeButton(onClose)}
      body={(d) => ({ ...paymentBody(d), reason: formText(d, "reason") })}
      onSubmit={async (body) => {
        await postCommand(`/api/conventions/${data.id}/payments/${payment.id}/corrections`, OkSchema, body);
        onDone(`Versement du ${frenchDate(body.paidOn)} corrigé ; sa version précédente reste dans son historique.`);
      }}
    >
      <PaymentFields
        data={data}
        finance={finance}
        amountHint={`Reste dû, ce versement compris : ${euros(finance.outstandingCents, payment.amountValue)}. Ex. 16650,40`}
        values={{
          paidOn: payment.paidOn,
          amount: payment.amountValue,
          payer: payment.payer.organisationId,
          payee: payment.payee.organisationId,
          instalment: payment.instalment?.key ?? null,
          note: payment.note,
        }}
      />
      <FormInput label="Motif de la correction" name="reason" required hint="Gardé dans l’historique du versement." inputProps={{ maxLength: 2000 }} />
    </CommandForm>
  );
}

/** Cancels a payment recorded by mistake: irreversible, so it says first what will happen. */
export function PaymentCancellationForm({ conventionId, payment, onDone, onClose }: Props & { conventionId: string }) {
  return (
    <CommandForm
      className="fr-mt-2w fr-mb-4w"
      title={`Annuler le versement du ${frenchDate(payment.paidOn)} (${payment.amount})`}
      submitLabel="Annuler le versement"
      schema={CancelPaymentRequestSchema}
      success=""
      extraButtons={closeButton(onClose)}
      body={(d) => ({ reason: formText(d, "reason") })}
      confirm={{
        title: "Confirmer l’annulation du versement",
        description: `Le versement de ${payment.amount} du ${frenchDate(payment.paidOn)} ne comptera plus dans le montant versé : le reste dû augmentera d’autant. Il reste listé, avec le motif, et l’annulation ne peut pas être défaite.`,
        confirmLabel: "Confirmer l’annulation",
      }}
      onSubmit={async (body) => {
        await postCommand(`/api/conventions/${conventionId}/payments/${payment.id}/cancellation`, OkSchema, body);
        onDone(`Versement du ${frenchDate(payment.paidOn)} annulé : il ne compte plus dans le montant versé.`);
      }}
    >
      <FormInput label="Motif de l’annulation" name="reason" required inputProps={{ maxLength: 2000 }} />
    </CommandForm>
  );
}
