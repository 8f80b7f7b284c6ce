import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { BARRIER_CODES, BARRIER_LABELS, STATUS_LABELS, SUPPORT_STATUSES } from "../../../domain/support/vocabulary";
import { OkSchema } from "../../../shared/contracts/common";
import { NotificationListSchema, PortfolioResponseSchema } from "../../../shared/contracts/support";
import { api, queryString } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { EmptyState } from "../../components/EmptyState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { frenchDate, StatusBadge, UrgencyBadge } from "./supportFormat";

const PAGE_SIZE = 25;
type Filters = { status: string; barrier: string; rsa: string; qpv: string; pairWith: string };
const empty: Filters = { status: "", barrier: "", rsa: "", qpv: "", pairWith: "" };

/** My unread alerts (missed first appointments, new cases, daily digest). */
function MyAlerts() {
  const { data, error, reload } = useApi(() => api.get("/api/notifications", NotificationListSchema), []);
  const unread = data?.items.filter((n) => !n.readAt) ?? [];
  const markRead = async (id: string) => {
    await api.post(`/api/notifications/${id}/read`, OkSchema);
    reload();
  };
  return (
    <section className="fr-mb-4w" aria-labelledby="mes-alertes">
      <h2 id="mes-alertes">Mes alertes {data ? `(${data.unread} non lue${data.unread > 1 ? "s" : ""})` : ""}</h2>
      <ErrorAlert error={error} />
      {data && unread.length === 0 && <p>Aucune alerte non lue.</p>}
      {unread.slice(0, 10).map((n) => (
        <Alert
          key={n.id}
          className="fr-mb-2w"
          severity={n.kind === "no_show" ? "warning" : "info"}
          small
          description={
            <>
              <strong>{n.title}</strong> — {n.body.split("\n")[0]}{" "}
              {n.link && <Link to={n.link}>Ouvrir l'accompagnement</Link>}{" "}
              <Button priority="tertiary no outline" size="small" onClick={() => void markRead(n.id)}>
                Marquer comme lue
              </Button>
            </>
          }
        />
      ))}
    </section>
  );
}

/** « Mon portefeuille »: my open cases, most urgent deadline first, and my load against the convention's target. */
export function PortfolioPage() {
  usePageTitle("Mon portefeuille");
  const [draft, setDraft] = useState<Filters>(empty);
  const [filters, setFilters] = useState<Filters>(empty);
  const [page, setPage] = useState(1);
  const { data, error } = useApi(() => api.get(`/api/support/portfolio${queryString({ ...filters, page, pageSize: PAGE_SIZE })}`, PortfolioResponseSchema), [filters, page]);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setPage(1);
    setFilters(draft);
  };
  // Nothing at all yet, as opposed to nothing matching the filters: the empty state says which.
  const noFilter = Object.values(filters).every((v) => v === "");
  const pageCount = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const select = (key: keyof Filters, label: string, options: [string, string][]) => (
    <div className="fr-col-12 fr-col-md-4 fr-col-lg-2">
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
      <h1>Mon portefeuille</h1>
      <p>
        Mes accompagnements globaux en cours, l'échéance la plus urgente d'abord.{" "}
        <Link to="/personnes" className="fr-link">
          Rechercher une personne pour l'orienter
        </Link>
      </p>
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
      <MyAlerts />
      <form onSubmit={apply} className="fr-grid-row fr-grid-row--gutters fr-mb-3w" aria-label="Filtrer mon portefeuille">
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
          <Button type="submit">Filtrer</Button>
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
              : "Modifiez ou retirez des filtres pour élargir la recherche."
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
          <Table
            caption={`${data.total} accompagnement${data.total > 1 ? "s" : ""}`}
            headers={["Personne", "Statut", "Prochaine échéance", "Binôme", "RSA / QPV", "Mon rôle"]}
            data={data.items.map((c) => [
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
            ])}
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
