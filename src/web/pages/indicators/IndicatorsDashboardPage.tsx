import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState } from "react";
import { useParams } from "react-router";
import { type PeriodKind, periodContaining, periodsEndingWith } from "../../../domain/indicators/periods";
import { parisToday } from "../../../domain/shared/calendarDate";
import { type Dashboard, DashboardSchema, FreezeIndicatorsSchema, type IndicatorView } from "../../../shared/contracts/indicators";
import { api, queryString } from "../../api";
import { hasAnyRole, useSession } from "../../session";
import { CommandForm } from "../../components/CommandForm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { type DashboardFilters, DrillDownPanel, type DrillTarget } from "./DrillDownPanel";
import { IndicatorChart } from "./IndicatorChart";

const KIND_LABELS: Record<PeriodKind, string> = { quarter: "Trimestre", semester: "Semestre", year: "Année" };
/** The filters applied, in words after a caption: « (Agence …, Eurométropole de Strasbourg) ». */
const filterWords = (data: Dashboard) => {
  const words = [data.agencies.find((a) => a.id === data.agencyId)?.name, data.territories.find((t) => t.code === data.territory)?.name].filter(Boolean);
  return words.length ? ` (${words.join(", ")})` : "";
};
const frDateTime = (iso: string) =>
  new Intl.DateTimeFormat("fr-FR", { timeZone: "Europe/Paris", day: "2-digit", month: "2-digit", year: "numeric" }).format(new Date(iso));

/** A convention's steering dashboard (ADR 0033): each indicator against the periods before, its breakdowns, the cases behind a figure. */
export function IndicatorsDashboardPage() {
  const { id = "" } = useParams();
  const { user } = useSession();
  const today = parisToday();
  const [kind, setKind] = useState<PeriodKind>("quarter");
  const [period, setPeriod] = useState(periodContaining("quarter", today).key);
  const [filters, setFilters] = useState<DashboardFilters>({ agency: "", territory: "" });
  const [drill, setDrill] = useState<DrillTarget | null>(null);
  const query = queryString({ period, ...filters });
  const { data, error, reload } = useApi(() => api.get(`/api/conventions/${id}/indicators${query}`, DashboardSchema), [id, query]);
  usePageTitle(data ? `Indicateurs — ${data.convention.number}` : "Indicateurs");
  const choices = periodsEndingWith(periodContaining(kind, today), 8).reverse();
  const open = (target: DrillTarget) => setDrill(target);

  return (
    <>
      <h1>Indicateurs{data ? ` — ${data.convention.number}` : ""}</h1>
      {data && <p className="fr-text--lead">{data.convention.title}</p>}
      <div className="fr-grid-row fr-grid-row--gutters" hidden={Boolean(error) && !data}>
        <div className="fr-col-12 fr-col-md-3">
          <Select
            label="Pas de temps"
            nativeSelectProps={{
              name: "kind",
              value: kind,
              onChange: (e) => {
                const k = e.target.value as PeriodKind;
                setKind(k);
                setPeriod(periodContaining(k, today).key);
                setDrill(null);
              },
            }}
          >
            {(Object.keys(KIND_LABELS) as PeriodKind[]).map((k) => (
              <option key={k} value={k}>
                {KIND_LABELS[k]}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Select label="Période" nativeSelectProps={{ name: "period", value: period, onChange: (e) => {
              setPeriod(e.target.value);
              setDrill(null);
            } }}>
            {choices.map((p) => (
              <option key={p.key} value={p.key}>
                {p.label}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Select label="Agence" nativeSelectProps={{ name: "agency", value: filters.agency, onChange: (e) => {
              setFilters({ ...filters, agency: e.target.value });
              setDrill(null);
            } }}>
            <option value="">Toutes les agences</option>
            {data?.agencies.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <Select
            label="Territoire (intercommunalité)"
            nativeSelectProps={{ name: "territory", value: filters.territory, onChange: (e) => {
              setFilters({ ...filters, territory: e.target.value });
              setDrill(null);
            } }}
          >
            <option value="">Toutes les intercommunalités</option>
            {data?.territories.map((t) => (
              <option key={t.code} value={t.code}>
                {t.name}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <ErrorAlert error={error} />
      {!data && !error && <LoadingState />}
      {data && (
        <>
          <Adoption data={data} conventionId={id} onFrozen={reload} />
          <p>
            <a
              className="fr-link fr-icon-download-line fr-link--icon-left"
              href={`/api/conventions/${id}/indicators/export.xlsx${query}`}
              download
            >
              Télécharger les indicateurs (XLSX, une feuille par indicateur)
            </a>
          </p>
          <p>
            <a className="fr-link fr-icon-download-line fr-link--icon-left" href={`/api/conventions/${id}/indicators/export.csv${query}`} download>
              Télécharger les chiffres (CSV : une ligne par indicateur, période et ventilation)
            </a>
          </p>
          <p>
            <a className="fr-link fr-icon-download-line fr-link--icon-left" href={`/api/conventions/${id}/indicators/report.pdf${query}`} download>
              Télécharger le rapport du comité de pilotage (PDF, graphiques et définitions)
            </a>
          </p>
          <p>
            <a
              className="fr-link fr-icon-download-line fr-link--icon-left"
              href={`/api/conventions/${id}/indicators/evaluation.xlsx?period=${data.period.key.slice(0, 4)}`}
              download
            >
              Télécharger le dossier d’évaluation annuelle {data.period.key.slice(0, 4)} (XLSX : profils, freins, sorties, leviers)
            </a>
          </p>
          {hasAnyRole(user, ["advisor", "social_worker", "orienter"]) && (
            <p>
              <a
                className="fr-link fr-icon-download-line fr-link--icon-left"
                href={`/api/conventions/${id}/indicators/fse-evidence.xlsx?period=${data.period.key.slice(0, 4)}`}
                download
              >
                Télécharger les justificatifs FSE {data.period.key.slice(0, 4)} (XLSX : participants que vous pouvez lire, entrées et sorties)
              </a>
            </p>
          )}
          <Summary data={data} onOpen={open} />
          {drill && !drill.dim && <DrillDownPanel conventionId={id} period={data.period.key} filters={filters} scope={filterWords(data)} target={drill} onClose={() => setDrill(null)} />}
          <h2 className="fr-mt-5w">Détail par indicateur</h2>
          {data.indicators
            .filter((i) => i.available)
            .map((i) => (
              <IndicatorSection key={i.key} data={data} indicator={i} drill={drill} onOpen={open} conventionId={id} filters={filters} onClose={() => setDrill(null)} />
            ))}
        </>
      )}
    </>
  );
}

/** Whether the period is adopted (frozen: who, when, which versions) or still computed live, and the act of adopting it. */
function Adoption(props: { data: Dashboard; conventionId: string; onFrozen: () => void }) {
  const { data } = props;
  if (data.frozen) {
    const versions = [...new Set(data.indicators.flatMap((i) => i.series.filter((s) => s.period === data.period.key && s.frozen).map((s) => `${i.name} v${s.version}`)))];
    return (
      <Alert
        severity="info"
        className="fr-mb-3w"
        title={`Chiffres figés le ${frDateTime(data.frozen.at)} par ${data.frozen.by}`}
        description={data.agencyId || data.territory ? "Les filtres par agence et par territoire recalculent les chiffres en direct." : `Définitions : ${versions.join(" ; ")}.`}
      />
    );
  }
  return (
    <>
      <p className="fr-text--sm">Chiffres calculés en direct à partir des accompagnements (non figés).</p>
      {data.canFreeze && (
        <CommandForm
          title="Adopter les chiffres de la période"
          titleAs="h2"
          submitLabel={`Figer les chiffres — ${data.period.label}`}
          schema={FreezeIndicatorsSchema}
          body={() => ({ period: data.period.key })}
          onSubmit={async (body) => {
            await api.post(`/api/conventions/${props.conventionId}/indicators/freeze`, FreezeIndicatorsSchema.passthrough(), body);
            props.onFrozen();
          }}
          success="Les chiffres de la période sont figés."
          confirm={{
            title: "Figer les chiffres de la période ?",
            description: "Les chiffres adoptés par le comité de pilotage ne seront plus recalculés, même si des faits de la période sont corrigés ensuite. Chacun garde la version de sa définition.",
            confirmLabel: "Figer les chiffres",
          }}
        />
      )}
    </>
  );
}

type CommitmentResult = IndicatorView["commitments"][number]["results"][number];
const BADGE: Record<CommitmentResult["status"], string> = {
  met: "fr-badge--success",
  not_met: "fr-badge--error",
  unavailable: "fr-badge--info",
  not_comparable: "",
};

/** A figure against a commitment: met, not met, data not available (never « not met »), or not comparable. */
function CommitmentBadge(props: { status?: CommitmentResult }) {
  if (!props.status) return null;
  return <span className={`fr-badge fr-badge--sm fr-badge--no-icon ${BADGE[props.status.status]}`}>{props.status.label}</span>;
}

/** Every indicator side by side over the periods: the steering committee's table. */
function Summary(props: { data: Dashboard; onOpen: (t: DrillTarget) => void }) {
  const { data } = props;
  return (
    <div className="fr-table fr-table--no-scroll" style={{ overflowX: "auto" }}>
      <table>
        <caption>
          Synthèse — {data.period.label} et les périodes précédentes{filterWords(data)}
        </caption>
        <thead>
          <tr>
            <th scope="col">Indicateur</th>
            {data.periods.map((p) => (
              <th key={p.key} scope="col">
                {p.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {data.indicators.map((i) => (
            <tr key={i.key}>
              <th scope="row">
                {i.name} <span className="fr-text--xs">(v{i.version})</span>
                {i.commitments.map((c) => (
                  <span key={c.key} className="fr-text--xs" style={{ display: "block" }}>
                    Engagement : {c.targetLabel}
                  </span>
                ))}
              </th>
              {i.available ? (
                i.series.map((s, n) => (
                  <td key={s.period}>
                    {n === i.series.length - 1 && (s.cell.value ?? 0) > 0 ? (
                      <button type="button" className="fr-link" onClick={() => props.onOpen({ key: i.key })} aria-label={`${i.name} : ${s.cell.display}, voir les accompagnements`}>
                        {s.cell.display}
                      </button>
                    ) : (
                      s.cell.display
                    )}
                    {s.frozen && <span className="fr-text--xs"> (figé, v{s.version})</span>}
                    {i.commitments.map((c) => (
                      <span key={c.key} style={{ display: "block" }}>
                        <CommitmentBadge status={c.results.find((r) => r.period === s.period)} />
                      </span>
                    ))}
                  </td>
                ))
              ) : (
                <td colSpan={data.periods.length}>Données non disponibles dans Tandem</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function IndicatorSection(props: {
  data: Dashboard;
  indicator: IndicatorView;
  drill: DrillTarget | null;
  onOpen: (t: DrillTarget) => void;
  onClose: () => void;
  conventionId: string;
  filters: DashboardFilters;
}) {
  const { data, indicator: i, drill } = props;
  const label = (key: string) => data.periods.find((p) => p.key === key)?.label ?? key;
  return (
    <section className="fr-mb-5w" aria-labelledby={`ind-${i.key}`}>
      <h3 id={`ind-${i.key}`}>{i.name}</h3>
      <p className="fr-mb-1w">{i.description}</p>
      <p className="fr-text--sm fr-mb-2w">
        Compte : {i.counts} Unité : {i.unit}. Source : {i.source}. Définition v{i.version}.
      </p>
      {i.commitments.map((c) => (
        <p key={c.key} className="fr-text--sm fr-mb-2w">
          <strong>Engagement de la convention</strong> : {c.description} ({c.owner}) — {c.targetLabel}, {c.period}. Source : {c.source}.
        </p>
      ))}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-6">
          <IndicatorChart indicator={i} periods={data.periods} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <ResponsiveTable
            caption="Valeurs par période"
            headers={["Période", "Valeur", ...i.commitments.map((c) => `Engagement : ${c.targetLabel}`), "Définition"]}
            rows={i.series.map((s) => ({
              key: s.period,
              cells: [
                label(s.period),
                s.cell.display,
                ...i.commitments.map((c) => <CommitmentBadge key={c.key} status={c.results.find((r) => r.period === s.period)} />),
                s.frozen ? `v${s.version}, figé le ${frDateTime(s.frozen.at)} par ${s.frozen.by}` : `v${s.version}`,
              ],
            }))}
          />
        </div>
      </div>
      {i.breakdowns.filter((b) => b.rows.length > 0).length > 0 && (
        <div className="fr-accordions-group">
          {i.breakdowns
            .filter((b) => b.rows.length > 0)
            .map((b) => (
              <Accordion key={b.dim} label={`${b.label} — ${data.period.label}`}>
                <ResponsiveTable
                  caption={`${i.name} — ${b.label}`}
                  headers={[b.label, "Valeur"]}
                  rows={b.rows.map((r) => ({
                    key: r.key || "none",
                    cells: [
                      r.label,
                      b.dim !== "benefit" && (r.cell.value !== null || r.cell.masked) ? (
                        <button key="v" type="button" className="fr-link" onClick={() => props.onOpen({ key: i.key, dim: b.dim, value: r.key })}>
                          {r.cell.display}
                          <span className="fr-sr-only"> — voir les accompagnements</span>
                        </button>
                      ) : (
                        r.cell.display
                      ),
                    ],
                  }))}
                />
              </Accordion>
            ))}
        </div>
      )}
      {drill?.key === i.key && drill.dim && (
        <DrillDownPanel conventionId={props.conventionId} period={data.period.key} filters={props.filters} scope={filterWords(data)} target={drill} onClose={props.onClose} />
      )}
    </section>
  );
}
