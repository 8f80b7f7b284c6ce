import { Accordion } from "@codegouvfr/react-dsfr/Accordion";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Tabs } from "@codegouvfr/react-dsfr/Tabs";
import { type FormEvent, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { BARRIER_CODES, BARRIER_LABELS, STATUS_LABELS, SUPPORT_STATUSES } from "../../../domain/support/vocabulary";
import { OkSchema } from "../../../shared/contracts/common";
import {
  NotificationListSchema,
  OrientationQueueSchema,
  PortfolioExportQuerySchema,
  PortfolioResponseSchema,
  ReadAllNotificationsResponseSchema,
} from "../../../shared/contracts/support";
import { api, queryString } from "../../api";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { hasAnyRole, useSession } from "../../session";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { EndedConventionCases } from "./EndedConventionCases";
import { OrientationQueuePanel } from "./OrientationQueuePanel";
import { frenchDate, StatusBadge, UrgencyBadge } from "./supportFormat";

const PAGE_SIZE = 25;
type Filters = { q: string; status: string; barrier: string; rsa: string; qpv: string; pairWith: string };
const empty: Filters = { q: "", status: "", barrier: "", rsa: "", qpv: "", pairWith: "" };
/** The tab of the page, kept in the address so that a link (or a notification) can open it. */
const QUEUE_TAB = "a-attribuer";

/** How each kind of alert is grouped on the portfolio. */
const ALERT_GROUPS: Record<string, string> = {
  case_to_take_up: "Nouvelles orientations à prendre en charge",
  pair_assigned: "Nouveaux accompagnements dans mon portefeuille",
  no_show: "Absences au premier rendez-vous",
  daily_digest: "Récapitulatifs des échéances",
  social_only_cap: "Fins d’accompagnement social exclusif à venir",
  convention_end: "Fins de convention à venir",
};
const groupLabel = (kind: string) => ALERT_GROUPS[kind] ?? "Autres alertes";

/** My unread alerts, grouped by kind, each readable or dismissible, all of them at once too. */
function MyAlerts() {
  const { data, error, reload } = useApi(() => api.get("/api/notifications", NotificationListSchema), []);
  const [actionError, setActionError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const unread = data?.items.filter((n) => !n.readAt) ?? [];
  const act = async (fn: () => Promise<unknown>) => {
    setActionError(null);
    setDone(null);
    try {
      await fn();
      reload();
    } catch (err) {
      setActionError(err);
    }
  };
  const markRead = (id: string) => act(() => api.post(`/api/notifications/${id}/read`, OkSchema));
  const markAll = () =>
    act(async () => {
      const { marked } = await api.post("/api/notifications/read-all", ReadAllNotificationsResponseSchema, {});
      setDone(`${marked} alerte${marked > 1 ? "s" : ""} marquée${marked > 1 ? "s" : ""} comme lue${marked > 1 ? "s" : ""}.`);
    });
  return (
    <section className="fr-mb-4w" aria-labelledby="mes-alertes">
      <h2 id="mes-alertes">Mes alertes {data ? `(${data.unread} non lue${data.unread > 1 ? "s" : ""})` : ""}</h2>
      <ErrorAlert error={error ?? actionError} />
      <div role="status" aria-live="polite">
        {done && <p className="fr-message fr-message--valid fr-mb-2w">{done}</p>}
      </div>
      {!data && !error && <LoadingState />}
      {data && data.unread === 0 && <p>Aucune alerte non lue.</p>}
      {data && data.unread > 0 && (
        <>
          <div className="fr-accordions-group fr-mb-2w">
            {data.unreadByKind.map((group) => (
              <Accordion key={group.kind} label={`${groupLabel(group.kind)} (${group.count})`}>
                <ul className="fr-raw-list">
                  {unread
                    .filter((n) => n.kind === group.kind)
                    .map((n) => (
                      <li key={n.id} className="fr-mb-2w">
                        <strong>{n.title}</strong> — {frenchDate(n.createdAt.slice(0, 10))}
                        <br />
                        {n.body.split("\n")[0]} {n.link && <Link to={n.link}>Ouvrir l’accompagnement</Link>}{" "}
                        <Button priority="tertiary no outline" size="small" onClick={() => void markRead(n.id)}>
                          Marquer comme lue
                        </Button>
                      </li>
                    ))}
                </ul>
              </Accordion>
            ))}
          </div>
          <Button priority="secondary" iconId="fr-icon-check-line" onClick={() => void markAll()}>
            Tout marquer comme lu
          </Button>
        </>
      )}
    </section>
  );
}

/** My cases: search, filters, export, and the table (cards on a phone). */
function MyCases() {
  const [draft, setDraft] = useState<Filters>(empty);
  const [filters, setFilters] = useState<Filters>(empty);
  const [searchError, setSearchError] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const { data, error } = useApi(() => api.get(`/api/support/portfolio${queryString({ ...filters, page, pageSize: PAGE_SIZE })}`, PortfolioResponseSchema), [filters, page]);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    // The shared contract says what a search may be, before anything is sent.
    const checked = PortfolioExportQuerySchema.safeParse(Object.fromEntries(Object.entries(draft).filter(([, v]) => v !== "")));
    const qIssue = checked.success ? undefined : checked.error.issues.find((i) => i.path[0] === "q");
    setSearchError(qIssue?.message);
    if (qIssue) return;
    setPage(1);
    setFilters(draft);
  };
  const noFilter = Object.values(filters).every((v) => v === "");
  const pageCount = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const select = (key: Exclude<keyof Filters, "q">, label: string, options: [string, string][]) => (
    <div className="fr-col-6 fr-col-md-4 fr-col-lg-2">
      <Select label={label} nativeSelectProps={{ value: draft[key], onChange: (e) => setDraft({ ...draft, [key]: e.target.value }) }}>
        <option value="">Tous</option>
        {options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </Select>
    </div>
  );
  return (
    <>
      {data && (
        <p className="fr-text--lg">
          Charge active : <strong>{data.load.active}</strong> accompagnement{data.load.active > 1 ? "s" : ""} en cours
          {data.load.target !== null && (
            <>
              {" "}
              — taille cible du portefeuille : <strong>{data.load.target}</strong> <span className="fr-text--sm">{data.load.targetSource}</span>
            </>
          )}
        </p>
      )}
      <form onSubmit={apply} className="fr-grid-row fr-grid-row--gutters fr-mb-3w" aria-label="Rechercher et filtrer mon portefeuille" noValidate>
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-4">
          <Input
            label="Nom, prénom ou identifiant"
            hintText="Sans accents ni majuscules nécessaires"
            state={searchError ? "error" : "default"}
            stateRelatedMessage={searchError}
            nativeInputProps={{ type: "search", name: "q", value: draft.q, onChange: (e) => setDraft({ ...draft, q: e.target.value }) }}
          />
        </div>
        {select("status", "Statut", SUPPORT_STATUSES.map((s) => [s, STATUS_LABELS[s]]))}
        {select("barrier", "Frein", BARRIER_CODES.map((b) => [b, BARRIER_LABELS[b]]))}
        {select("rsa", "RSA", [
          ["true", "Bénéficiaire du RSA"],
          ["false", "Non bénéficiaire"],
        ])}
        {select("qpv", "QPV", [
          ["true", "Réside en QPV"],
          ["false", "Hors QPV"],
        ])}
        {select("pairWith", "Binôme avec", (data?.pairPartners ?? []).map((p) => [p.id, p.name]))}
        <div className="fr-col-12 fr-col-md-4 fr-col-lg-2" style={{ alignSelf: "flex-end" }}>
          <Button type="submit">Rechercher</Button>
        </div>
      </form>
      <ErrorAlert error={error} />
      {!data && !error && <LoadingState />}
      {data && data.total === 0 && (
        <EmptyState
          title={noFilter ? "Aucun accompagnement en cours" : "Aucun accompagnement ne correspond à ces critères"}
          description={
            noFilter
              ? "Les personnes que vous orientez ou accompagnez apparaîtront ici, l’échéance la plus urgente d’abord."
              : "Modifiez ou retirez des critères pour élargir la recherche."
          }
          action={
            noFilter && (
              <Link to="/personnes" className="fr-btn fr-btn--secondary">
                Rechercher une personne à orienter
              </Link>
            )
          }
        />
      )}
      {data && data.total > 0 && (
        <>
          <p>
            <a
              className="fr-link fr-icon-download-line fr-link--icon-left"
              href={`/api/support/portfolio/export.xlsx${queryString({ ...filters })}`}
              download
            >
              Exporter {noFilter ? "mon portefeuille" : "ces accompagnements"} (XLSX, {data.total} ligne{data.total > 1 ? "s" : ""})
            </a>
          </p>
          <ResponsiveTable
            caption={`${data.total} accompagnement${data.total > 1 ? "s" : ""}`}
            headers={["Personne", "Statut", "Prochaine échéance", "Binôme", "RSA / QPV", "Mon rôle"]}
            rows={data.items.map((c) => ({
              key: c.id,
              cells: [
                <Link key={c.id} to={`/accompagnements/${c.id}`}>
                  {c.person.name}
                </Link>,
                <StatusBadge key="s" status={c.status} />,
                c.nextDeadline ? (
                  <span key="d">
                    <UrgencyBadge urgency={c.nextDeadline.urgency} /> {c.nextDeadline.label} — {frenchDate(c.nextDeadline.dueOn)}
                  </span>
                ) : (
                  "—"
                ),
                [c.advisor, c.socialWorker].filter(Boolean).join(" / ") || "À choisir",
                [c.person.rsa && "RSA", c.person.qpv && "QPV"].filter(Boolean).join(", ") || "—",
                c.myRole === "advisor" ? "Conseiller" : c.myRole === "social_worker" ? "Travailleur social" : "Orienteur",
              ],
            }))}
          />
          {pageCount > 1 && (
            <Pagination
              count={pageCount}
              defaultPage={page}
              getPageLinkProps={(p) => ({
                to: "#",
                onClick: (ev: { preventDefault: () => void }) => {
                  ev.preventDefault();
                  setPage(p);
                },
              })}
            />
          )}
        </>
      )}
    </>
  );
}

/** « Mon portefeuille »: my open cases, most urgent deadline first; the orientations my structure has to take up; my alerts. */
export function PortfolioPage() {
  usePageTitle("Mon portefeuille");
  const { user } = useSession();
  const takesUp = hasAnyRole(user, ["advisor", "social_worker"]);
  const [params, setParams] = useSearchParams();
  const tab = takesUp && params.get("vue") === QUEUE_TAB ? QUEUE_TAB : "mes-accompagnements";
  const [queuePage, setQueuePage] = useState(1);
  // Loaded for its count in the tab's name, whichever tab is open; a take-up reloads it.
  const [version, setVersion] = useState(0);
  const queue = useApi(
    () => (takesUp ? api.get(`/api/support/queue${queryString({ page: queuePage, pageSize: PAGE_SIZE })}`, OrientationQueueSchema) : Promise.resolve(null)),
    [takesUp, queuePage],
  );
  return (
    <>
      <h1>Mon portefeuille</h1>
      <p>
        Mes accompagnements globaux en cours, l’échéance la plus urgente d’abord.{" "}
        <Link to="/personnes" className="fr-link">
          Rechercher une personne pour l’orienter
        </Link>
      </p>
      <MyAlerts />
      <EndedConventionCases />
      {takesUp ? (
        <Tabs
          label="Mon portefeuille"
          selectedTabId={tab}
          onTabChange={(id) => setParams(id === QUEUE_TAB ? { vue: QUEUE_TAB } : {}, { replace: true })}
          tabs={[
            { tabId: "mes-accompagnements", label: "Mes accompagnements" },
            { tabId: QUEUE_TAB, label: `Orientations à attribuer${queue.data ? ` (${queue.data.total})` : ""}` },
          ]}
        >
          {tab === QUEUE_TAB ? (
            <>
              <ErrorAlert error={queue.error} />
              {!queue.data && !queue.error && <LoadingState />}
              {queue.data && (
                <OrientationQueuePanel
                  queue={queue.data}
                  pageSize={PAGE_SIZE}
                  onPage={setQueuePage}
                  onTakenUp={() => {
                    queue.reload();
                    setVersion(version + 1);
                  }}
                />
              )}
            </>
          ) : (
            <MyCases key={version} />
          )}
        </Tabs>
      ) : (
        <MyCases />
      )}
    </>
  );
}
