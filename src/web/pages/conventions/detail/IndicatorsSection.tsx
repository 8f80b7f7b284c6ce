import { Table } from "@codegouvfr/react-dsfr/Table";
import { PERIOD_LABELS } from "../../../../shared/contracts/conventionFile";
import { Link } from "react-router";
import { useSession } from "../../../session";
import { Section, type SectionProps } from "./shared";

/** The indicators the parties produce, and how often. */
export function IndicatorsSection({ data, terms }: SectionProps) {
  const { user } = useSession();
  return (
    <Section id="indicateurs" title="Indicateurs">
      {user?.roles.includes("steering") && (
        <p>
          <Link to={`/conventions/${data.id}/indicateurs`} className="fr-link fr-icon-line-chart-line fr-link--icon-left">
            Tableau de bord des indicateurs
          </Link>
        </p>
      )}
      {terms.indicators.length === 0 ? (
        <p>Aucun indicateur à produire.</p>
      ) : (
        <Table headers={["Indicateur", "Fréquence", "Source"]} data={terms.indicators.map((i) => [i.name, PERIOD_LABELS[i.frequency], i.source])} />
      )}
    </Section>
  );
}
