import { Button } from "@codegouvfr/react-dsfr/Button";
import { useEffect, useRef } from "react";
import { Link } from "react-router";
import { type DrillDown, DrillDownSchema } from "../../../shared/contracts/indicators";
import { api, queryString } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { useApi } from "../../useApi";

export type DrillTarget = { key: string; dim?: string; value?: string };

/** What the rows behind a figure are: supports, unless the indicator counts something else (PEC contracts, candidacies). */
const rowsOf = (data: DrillDown) => data.indicator.counted ?? { one: "accompagnement", many: "accompagnements" };
/** The dashboard's filters, as its selects hold them ("" for none). */
export type DashboardFilters = { agency: string; territory: string };

const capitalised = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The cases behind a figure: names for those the user may read, otherwise counts masked under 5.
 * `scope`: the dashboard's filters in words (« (Agence …, Eurométropole de Strasbourg) »), said in
 * the heading as in the synthesis' caption.
 */
export function DrillDownPanel(props: { conventionId: string; period: string; filters: DashboardFilters; scope: string; target: DrillTarget; onClose: () => void }) {
  const { target } = props;
  const heading = useRef<HTMLHeadingElement>(null);
  const { data, error } = useApi(
    () =>
      api.get(
        `/api/conventions/${props.conventionId}/indicators/${target.key}/cases${queryString({ period: props.period, agency: props.filters.agency, territory: props.filters.territory, dim: target.dim, value: target.value })}`,
        DrillDownSchema,
      ),
    [props.conventionId, props.period, props.filters.agency, props.filters.territory, target.key, target.dim, target.value],
  );
  // The panel opens where the figure was clicked: focus moves to its heading (RGAA 7.1).
  useEffect(() => {
    if (data) heading.current?.focus();
  }, [data]);
  return (
    <section className="fr-p-3w fr-mb-3w" style={{ border: "1px solid var(--border-default-grey)" }} aria-live="polite">
      <ErrorAlert error={error} />
      {!data && !error && <LoadingState />}
      {data && (
        <>
          <h3 ref={heading} tabIndex={-1} className="fr-h5">
            {capitalised(rowsOf(data).many)} derrière « {data.indicator.name} » — {data.period.label}
            {props.scope}
            {data.filter ? ` — ${data.filter.label} : ${data.filter.value}` : ""}
          </h3>
          <p>
            {data.total.display} {data.total.value === 1 ? rowsOf(data).one : rowsOf(data).many} au total (définition v{data.indicator.version}).
          </p>
          {data.cases.length > 0 && (
            <ResponsiveTable
              caption="Accompagnements que vous pouvez consulter"
              headers={["Personne", "Agence", "Commune"]}
              rows={data.cases.map((c) => ({
                key: c.id,
                cells: [
                  <Link key="n" to={`/accompagnements/${c.id}`}>
                    {c.name}
                  </Link>,
                  c.agency ?? "—",
                  c.commune,
                ],
              }))}
            />
          )}
          {(data.hidden.value ?? 1) > 0 && (
            <>
              <p>
                {data.cases.length > 0 ? "Autres accompagnements" : capitalised(rowsOf(data).many)}, sans les noms (
                {data.indicator.counted ? "ce détail est donné en effectifs seulement" : "vous n’avez pas accès à ces dossiers"} ; effectifs de moins de 5 masqués,
                secret statistique) : <strong>{data.hidden.display}</strong>.
              </p>
              {data.hiddenByAgency.length > 0 && (
                <ResponsiveTable
                  caption="Effectifs par agence"
                  headers={["Agence", "Accompagnements"]}
                  rows={data.hiddenByAgency.map((a) => ({ key: a.label, cells: [a.label, a.cell.display] }))}
                />
              )}
            </>
          )}
        </>
      )}
      <Button priority="secondary" size="small" onClick={props.onClose}>
        Fermer le détail
      </Button>
    </section>
  );
}
