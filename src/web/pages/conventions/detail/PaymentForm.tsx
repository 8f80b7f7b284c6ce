import { OkSchema } from "../../../../shared/contracts/common";
import { type ConventionDetail, RecordPaymentRequestSchema } from "../../../../shared/contracts/convention";
import { CommandForm } from "../../../components/CommandForm";
import { PaymentFields, paymentBody } from "./PaymentFields";
import { postCommand } from "./shared";

type Finance = NonNullable<ConventionDetail["finance"]>;

/** A payment, with the amount still due; the server checks it against what is due and the convention's dates, and says why next to the field. */
export function PaymentForm({ data, finance, onDone }: { data: ConventionDetail; finance: Finance; onDone: (m: string) => void }) {
  return (
    <CommandForm
      className="fr-mt-4w fr-mb-4w"
      title={`Enregistrer un versement (reste dû : ${finance.outstanding})`}
      submitLabel="Enregistrer"
      schema={RecordPaymentRequestSchema}
      success=""
      showRefusalMessage
      body={(d) => {
        const { instalment, ...rest } = paymentBody(d);
        return { ...rest, ...(instalment ? { instalment } : {}) };
      }}
      onSubmit={async (body) => {
        await postCommand(`/api/conventions/${data.id}/payments`, OkSchema, body);
        onDone("Versement enregistré.");
      }}
    >
      <PaymentFields data={data} finance={finance} />
    </CommandForm>
  );
}
