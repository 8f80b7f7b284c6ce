import { z } from "zod";
import { OkSchema } from "../../../../shared/contracts/common";
import type { ConventionDetail } from "../../../../shared/contracts/convention";
import { CommandForm, DateInput, FormInput, FormSelect, formText, optionalText } from "../../../components/CommandForm";
import { parisToday } from "../format";
import { postCommand } from "./shared";

const StatementSchema = z.strictObject({
  instalment: z.string().min(1, "Choisissez le versement."),
  recordedOn: z.iso.date({ error: "Indiquez la date de réception du mémoire." }),
  note: z.string().max(2000).optional(),
});

/** A payment due « au vu du mémoire » becomes due when its statement is recorded here (with its reminder in the calendar). */
export function StatementForm({ data, onDone }: { data: ConventionDetail; onDone: (m: string) => void }) {
  const waiting = (data.finance?.instalments ?? []).filter((i) => i.onStatement && !i.statementOn);
  if (!data.canEdit || waiting.length === 0) return null;
  return (
    <details className="fr-mt-3w fr-mb-2w">
      <summary>Enregistrer un mémoire (versement dû au vu du mémoire)</summary>
    <CommandForm
      className="fr-mt-2w"
      title="Nouveau mémoire"
      submitLabel="Enregistrer le mémoire"
      schema={StatementSchema}
      success=""
      body={(d) => ({ instalment: formText(d, "instalment"), recordedOn: formText(d, "recordedOn"), note: optionalText(d, "note") })}
      onSubmit={async (body) => {
        await postCommand(`/api/conventions/${data.id}/statements`, OkSchema, body);
        onDone("Mémoire enregistré : le versement est dû à partir de cette date (voir le calendrier).");
      }}
    >
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
        <div className="fr-col-12 fr-col-md-6">
          <FormSelect label="Versement au vu du mémoire" name="instalment" required options={waiting.map((i) => ({ value: i.key, label: i.label }))} />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <DateInput label="Mémoire reçu le" name="recordedOn" defaultValue={parisToday()} />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <FormInput label="Note (facultatif)" name="note" inputProps={{ maxLength: 2000 }} />
        </div>
      </div>
    </CommandForm>
    </details>
  );
}
