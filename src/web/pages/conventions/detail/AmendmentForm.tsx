import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { useState } from "react";
import { OkSchema } from "../../../../shared/contracts/common";
import { type ConventionDetail, RecordAmendmentRequestSchema } from "../../../../shared/contracts/convention";
import { CommandForm, DateInput, FormInput, formText } from "../../../components/CommandForm";
import { parisToday } from "../format";
import { postCommand } from "./shared";

/** The server names a problem of the resulting terms « changes → period.endsOn »: shown next to the new end date, the one term this form changes. */
const fieldOf = (path: string) => (path.startsWith("changes") ? "changes.period.endsOn" : undefined);

/**
 * A party proposes an amendment: it changes nothing until every party has signed it in Tandem.
 * The proposer may sign it for their own party at once (the party the server says they sign for);
 * that signature engages the party, so it is confirmed first.
 */
export function AmendmentForm({ conventionId, signsFor, onDone }: { conventionId: string; signsFor: ConventionDetail["signsFor"]; onDone: (m: string) => void }) {
  const [sign, setSign] = useState(false);
  return (
    <div className="fr-mt-4w">
      <CommandForm
        title="Proposer un avenant"
        submitLabel="Proposer l’avenant"
        schema={RecordAmendmentRequestSchema}
        success=""
        showRefusalMessage
        body={(d) => {
          const endsOn = formText(d, "endsOn");
          const signing = sign && signsFor;
          return {
            number: formText(d, "number"),
            effectiveOn: formText(d, "effectiveOn"),
            summary: formText(d, "summary"),
            changes: endsOn ? { period: { endsOn } } : {},
            ...(signing ? { signature: { name: formText(d, "signatory"), title: formText(d, "signatoryTitle"), signedOn: formText(d, "signatureOn") } } : {}),
          };
        }}
        confirm={
          sign && signsFor
            ? {
                title: "Confirmer la proposition et votre signature",
                description: `Votre signature engage ${signsFor.name} sur cet avenant : elle ne peut pas être retirée. L’avenant s’appliquera une fois signé par chacune des autres parties.`,
                confirmLabel: "Proposer et signer",
              }
            : undefined
        }
        onSubmit={async (body) => {
          await postCommand(`/api/conventions/${conventionId}/amendments`, OkSchema, body, fieldOf);
          const signed = body.signature && signsFor;
          setSign(false);
          onDone(
            signed
              ? `Avenant « ${body.number} » proposé et signé au nom de ${signsFor.name} : il s’appliquera une fois signé par les autres parties.`
              : `Avenant « ${body.number} » proposé : il s’appliquera une fois signé par chaque partie.`,
          );
        }}
      >
        <p className="fr-text--sm">L’avenant ne modifie la convention qu’une fois signé dans Tandem par chacune des parties.</p>
        <div className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
          <div className="fr-col-12 fr-col-md-4">
            <FormInput label="Numéro de l’avenant" name="number" required inputProps={{ maxLength: 60 }} />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <DateInput label="Prend effet le" name="effectiveOn" defaultValue="" />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <FormInput
              label="Nouvelle date de fin"
              name="endsOn"
              field="changes.period.endsOn"
              type="date"
              hint="Facultatif : si l’avenant prolonge ou raccourcit la convention"
            />
          </div>
          <div className="fr-col-12">
            <FormInput label="Objet de l’avenant" name="summary" textArea required inputProps={{ maxLength: 2000 }} />
          </div>
          {signsFor && (
            <div className="fr-col-12">
              <Checkbox
                options={[
                  {
                    label: `Signer aussi l’avenant au nom de ${signsFor.name}`,
                    hintText: "Les autres parties le signeront ensuite, chacune pour elle-même.",
                    nativeInputProps: { checked: sign, onChange: (e) => setSign(e.target.checked) },
                  },
                ]}
              />
            </div>
          )}
          {signsFor && sign && (
            <>
              <div className="fr-col-12 fr-col-md-4">
                <FormInput label="Signataire" name="signatory" field="signature.name" required inputProps={{ maxLength: 200 }} />
              </div>
              <div className="fr-col-12 fr-col-md-4">
                <FormInput label="Qualité" name="signatoryTitle" field="signature.title" required inputProps={{ maxLength: 200 }} />
              </div>
              <div className="fr-col-12 fr-col-md-4">
                <DateInput label="Date de signature" name="signatureOn" field="signature.signedOn" defaultValue={parisToday()} />
              </div>
            </>
          )}
        </div>
      </CommandForm>
    </div>
  );
}
