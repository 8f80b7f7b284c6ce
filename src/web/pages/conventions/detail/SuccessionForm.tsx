import { useCallback, useState } from "react";
import { OkSchema } from "../../../../shared/contracts/common";
import { type ConventionDetail, RecordSuccessionRequestSchema } from "../../../../shared/contracts/convention";
import { ReferentialResultSchema } from "../../../../shared/contracts/organisations";
import { api, queryString } from "../../../api";
import { CommandForm, DateInput, FormProblem, FormSelect, formText } from "../../../components/CommandForm";
import { type PickedEntry, ReferentialPicker } from "../../organisations/ReferentialPicker";

/**
 * A party's succession (002 art. 10: « la Collectivité européenne d’Alsace succède au
 * Département du Bas-Rhin »), recorded from the convention page: the party, its successor chosen
 * in the directory of organisations (never typed), the date. Irreversible: confirmed first.
 */
export function SuccessionForm({ data, onDone }: { data: ConventionDetail; onDone: (message: string) => void }) {
  const [successor, setSuccessor] = useState<PickedEntry[]>([]);
  const parties = data.parties.filter((p) => !p.validTo);
  const search = useCallback(
    async (q: string) => (await api.get(`/api/organisations/directory${queryString({ q })}`, ReferentialResultSchema)).items.filter((o) => !data.parties.some((p) => p.organisationId === o.code)),
    [data.parties],
  );
  if (!parties.length) return null;
  return (
    <details className="fr-mt-3w">
      <summary>Enregistrer la succession d’une partie</summary>
      <CommandForm
        title="Succession d’une partie"
        titleAs="h3"
        submitLabel="Enregistrer la succession"
        className="fr-col-12 fr-col-md-8 fr-mt-2w"
        schema={RecordSuccessionRequestSchema}
        body={(d) => {
          if (!successor[0]) throw new FormProblem([{ field: "successorOrganisationId", message: "Choisissez dans la liste l’organisation qui succède." }]);
          return { predecessorOrganisationId: formText(d, "predecessorOrganisationId"), successorOrganisationId: successor[0].code, from: formText(d, "from") };
        }}
        confirm={{
          title: "Enregistrer cette succession ?",
          description: `À partir de la date choisie, ${successor[0]?.name ?? "le successeur"} reprend les droits et obligations de la partie, et sa signature ; la partie d’origine cesse d’être partie.`,
          confirmLabel: "Confirmer la succession",
        }}
        onSubmit={async (body) => {
          await api.post(`/api/conventions/${data.id}/successions`, OkSchema, body);
          setSuccessor([]);
          onDone(`Succession enregistrée : ${successor[0]?.name}.`);
        }}
        success="Succession enregistrée."
      >
        <FormSelect label="Partie qui est remplacée" name="predecessorOrganisationId" required placeholder="Choisir une partie" options={parties.map((p) => ({ value: p.organisationId, label: p.name }))} />
        <ReferentialPicker
          label="Organisation qui lui succède"
          hint="Saisissez au moins 2 caractères du nom, puis choisissez dans la liste. Organisation absente ? L’administrateur de la plateforme la crée."
          searchUrl="/api/organisations/directory"
          search={search}
          field="successorOrganisationId"
          name="successorSearch"
          noun="l’organisation"
          value={successor}
          onChange={setSuccessor}
        />
        <DateInput label="À partir du" name="from" />
      </CommandForm>
    </details>
  );
}
