import type { ConventionDetail } from "../../../../shared/contracts/convention";
import { DateInput, FormInput, FormSelect, formText } from "../../../components/CommandForm";
import { frenchDate, parisToday } from "../format";
import { decimalAmount } from "./shared";

type Finance = NonNullable<ConventionDetail["finance"]>;
type Values = { paidOn?: string; amount?: string; payer?: string | null; payee?: string | null; instalment?: string | null; note?: string | null };

/** The fields of a payment, new or corrected: date, amount, who paid whom, the instalment it pays, a note. */
export function PaymentFields({ data, finance, values = {}, amountHint }: { data: ConventionDetail; finance: Finance; values?: Values; amountHint?: string }) {
  const parties = data.parties.map((p) => ({ value: p.organisationId, label: p.name }));
  const payer = values.payer ?? finance.payerOrganisationId ?? "";
  const payerSide = data.parties.find((p) => p.organisationId === payer)?.side;
  const payee = values.payee ?? data.parties.find((p) => p.side !== payerSide)?.organisationId ?? "";
  const period = finance.paymentPeriod;
  const today = parisToday();
  return (
    <div className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
      <div className="fr-col-12 fr-col-md-4">
        <DateInput
          label="Date du versement"
          name="paidOn"
          defaultValue={values.paidOn ?? (period && period.until < today ? period.until : today)}
          hint={period ? `Du ${frenchDate(period.from)} au ${frenchDate(period.until < today ? period.until : today)}` : undefined}
        />
      </div>
      <div className="fr-col-12 fr-col-md-4">
        <FormInput
          label="Montant (€)"
          name="amount"
          required
          defaultValue={values.amount?.replace(".", ",")}
          hint={amountHint ?? `Reste dû : ${finance.outstanding}. Ex. 16650,40`}
          inputProps={{ inputMode: "decimal" }}
        />
      </div>
      <div className="fr-col-12 fr-col-md-4">
        <FormSelect
          label="Échéance payée (facultatif)"
          name="instalment"
          defaultValue={values.instalment ?? ""}
          placeholder="Non précisée"
          options={finance.instalments.map((i) => ({ value: i.key, label: i.label }))}
        />
      </div>
      <div className="fr-col-12 fr-col-md-4">
        <FormSelect label="Payeur" name="payerOrganisationId" required defaultValue={payer} options={parties} />
      </div>
      <div className="fr-col-12 fr-col-md-4">
        <FormSelect label="Bénéficiaire" name="payeeOrganisationId" required defaultValue={payee} options={parties} />
      </div>
      <div className="fr-col-12 fr-col-md-4">
        <FormInput label="Note (facultatif)" name="note" defaultValue={values.note ?? undefined} inputProps={{ maxLength: 2000 }} />
      </div>
    </div>
  );
}

/** The request body of those fields (the amount typed the French way, « 16 650,40 »). */
export const paymentBody = (d: FormData) => ({
  paidOn: formText(d, "paidOn"),
  amount: decimalAmount(formText(d, "amount")),
  payerOrganisationId: formText(d, "payerOrganisationId"),
  payeeOrganisationId: formText(d, "payeeOrganisationId"),
  instalment: formText(d, "instalment") || null,
  note: formText(d, "note") || undefined,
});
