import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState } from "react";
import { periodContaining, periodsEndingWith } from "../../../domain/indicators/periods";
import { parisToday } from "../../../domain/shared/calendarDate";
import { TerritoryDashboardSchema } from "../../../shared/contracts/indicators";
import { api, queryString } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";

const frDate = (iso: string) =>
  new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date(iso));

/** A France Travail territorial director's view (ADR 0033): every convention of the territory side by side for a quarter. */
export function TerritoryIndicatorsPage() {
  const today = parisToday();
  const [period, setPeriod] = useState(periodContaining("quarter", today).key);
  const { data, error } = useApi(() => api.get(`/api/indicators/territory${queryString({ period })}`, TerritoryDashboardSchema), [period]);
  usePageTitle("Indicateurs du territoire");
  const choices = periodsEndingWith(periodContaining("quarter", today), 8).reverse();

  return (
    <>
      <h1>Indicateurs du territoire</h1>
      {data && <p className="fr-text--lead">{data.direction.name} : les conventions où la direction ou ses agences agissent.</p>}
      <div className="fr-grid-row fr-grid-row--gutters" hidden={Boolean(error) && !data}>
        <div className="fr-col-12 fr-col-md-4">
          <Select label="Trimestre" nativeSelectProps={{ name: "period", value: period, onChange: (e) => setPeriod(e.target.value) }}>
            {choices.map((p) => (
              <option key={p.key} value={p.key}>
                {p.label}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <ErrorAlert error={error} />
      {!data && !error && <LoadingState />}
      {data && data.conventions.length === 0 && <p>Aucune convention en vigueur sur le territoire pendant cette période.</p>}
      {data && data.conventions.length > 0 && (
        <ResponsiveTable
          caption={`Chiffres principaux — ${data.period.label}`}
          headers={["Convention", ...data.indicators.map((i) => `${i.name} (${i.unit})`), "Adoption"]}
          rows={data.conventions.map((c) => ({
            key: c.id,
            cells: [
              <span key="c">
                <strong>{c.number}</strong>
                <br />
                {c.title}
              </span>,
              ...c.cells.map((cell) => cell.display),
              c.frozen ? `Figée le ${frDate(c.frozen.at)} par ${c.frozen.by}` : "Non figée (calculée en direct)",
            ],
          }))}
        />
      )}
      {data && data.conventions.length > 0 && <p className="fr-text--sm">« — » : indicateur que la convention ne suit pas (hors accompagnement global).</p>}
    </>
  );
}
