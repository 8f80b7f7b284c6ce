import { Table } from "@codegouvfr/react-dsfr/Table";
import { PERIOD_LABELS } from "../../../../shared/contracts/conventionFile";
import { Section, type SectionProps } from "./shared";

/** The indicators the parties produce, and how often. */
export function IndicatorsSection({ terms }: SectionProps) {
  return (
    <Section id="indicateurs" title="Indicateurs">
      {terms.indicators.length === 0 ? (
        <p>Aucun indicateur à produire.</p>
      ) : (
        <Table headers={["Indicateur", "Fréquence", "Source"]} data={terms.indicators.map((i) => [i.name, PERIOD_LABELS[i.frequency], i.source])} />
      )}
    </Section>
  );
}
