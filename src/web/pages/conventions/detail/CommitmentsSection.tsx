import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { COMMITMENT_STATUS_LABELS } from "../../../../domain/convention/commitments";
import { OkSchema } from "../../../../shared/contracts/common";
import { type ConventionDetail, RecordCommitmentValueRequestSchema } from "../../../../shared/contracts/convention";
import { PERIOD_LABELS } from "../../../../shared/contracts/conventionFile";
import { CommandForm, DateInput, FormInput, FormProblem, formText, optionalText } from "../../../components/CommandForm";
import { formatNumber, frenchDate, parisToday } from "../format";
import { DedicatedAdvisors } from "./DedicatedAdvisors";
import { postCommand, Section, type SectionProps } from "./shared";

type Commitment = ConventionDetail["commitments"][number];
const COMPARISON_LABELS = { at_least: "au moins", at_most: "au plus" } as const;
const COMMITMENT_SEVERITY = { met: "success", at_risk: "warning", missed: "error", not_recorded: undefined } as const;

/** Each party's quantified commitments, whether they are met, and — for who may edit — a value to record. */
export function CommitmentsSection({ data, onDone }: SectionProps) {
  return (
    <Section id="engagements" title="Engagements">
      {data.commitments.length === 0 ? (
        <p>Cette convention ne fixe pas d’engagement chiffré.</p>
      ) : (
        <>
          <Table
            headers={["Engagement", "Cible", "Période", "Valeur relevée", "État", "Source"]}
            data={data.commitments.map((c) => [
              c.description,
              `${COMPARISON_LABELS[c.comparison]} ${formatNumber(c.target)} ${c.measure}`,
              PERIOD_LABELS[c.period as keyof typeof PERIOD_LABELS] ?? c.period,
              c.value === null ? (
                "—"
              ) : (
                <span key="value">
                  {formatNumber(c.value)}
                  {c.valueOn && ` au ${frenchDate(c.valueOn)}`}
                  {c.computed && " (calculée par Tandem)"}
                  {c.valueNote && (
                    <>
                      <br />
                      <small>{c.valueNote}</small>
                    </>
                  )}
                </span>
              ),
              <Badge key="status" severity={COMMITMENT_SEVERITY[c.status]} small noIcon>
                {COMMITMENT_STATUS_LABELS[c.status]}
              </Badge>,
              c.source,
            ])}
          />
          {data.canEdit &&
            data.commitments.filter((c) => !c.computed).map((c) => <CommitmentValueForm key={c.key} conventionId={data.id} commitment={c} onDone={onDone} />)}
          <DedicatedAdvisors data={data} onDone={onDone} />
        </>
      )}
    </Section>
  );
}

function CommitmentValueForm({ conventionId, commitment, onDone }: { conventionId: string; commitment: Commitment; onDone: (m: string) => void }) {
  return (
    <details className="fr-mb-2w">
      <summary>Relever une valeur : {commitment.description}</summary>
      <CommandForm
        className="fr-mt-2w"
        title="Nouveau relevé"
        submitLabel="Enregistrer"
        schema={RecordCommitmentValueRequestSchema}
        success=""
        body={(d) => {
          const typed = formText(d, "value").replace(",", ".");
          if (!/^\d+(\.\d+)?$/.test(typed)) throw new FormProblem([{ field: "value", message: "Indiquez un nombre positif (ex. 0,8)." }]);
          return { recordedOn: formText(d, "recordedOn"), value: Number(typed), note: optionalText(d, "note") };
        }}
        onSubmit={async (body) => {
          await postCommand(`/api/conventions/${conventionId}/commitments/${commitment.key}/values`, OkSchema, body);
          onDone(`Valeur enregistrée pour « ${commitment.description} ».`);
        }}
      >
        <div className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
          <div className="fr-col-12 fr-col-md-3">
            <DateInput label="Date du relevé" name="recordedOn" defaultValue={parisToday()} />
          </div>
          <div className="fr-col-12 fr-col-md-3">
            <FormInput label={`Valeur (${commitment.measure})`} name="value" required inputProps={{ inputMode: "decimal" }} />
          </div>
          <div className="fr-col-12 fr-col-md-6">
            <FormInput label="Note (facultatif)" name="note" inputProps={{ maxLength: 2000 }} />
          </div>
        </div>
      </CommandForm>
    </details>
  );
}
