import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { AuditPageSchema } from "../../../shared/contracts/platform";
import { api, queryString } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { EmptyState } from "../../components/EmptyState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";

const PAGE_SIZE = 50;
type Filters = { action: string; actorEmail: string; subjectId: string; from: string; to: string };
const empty: Filters = { action: "", actorEmail: "", subjectId: "", from: "", to: "" };

export function AuditPage() {
  usePageTitle("Journal d'audit");
  const [draft, setDraft] = useState<Filters>(empty);
  const [filters, setFilters] = useState<Filters>(empty);
  const [page, setPage] = useState(1);
  const { data, error } = useApi(
    () => api.get(`/api/audit-events${queryString({ ...filters, page, pageSize: PAGE_SIZE })}`, AuditPageSchema),
    [filters, page],
  );
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setPage(1);
    setFilters(draft);
  };
  const field = (key: keyof Filters, label: string, type = "text") => (
    <div className="fr-col-12 fr-col-md-4">
      <Input label={label} nativeInputProps={{ type, value: draft[key], onChange: (e) => setDraft({ ...draft, [key]: e.target.value }) }} />
    </div>
  );
  const pageCount = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <>
      <h1>Journal d'audit</h1>
      <p>Chaque consultation ou modification de données personnelles est tracée. Le journal ne peut être ni modifié ni effacé.</p>
      <p>
        <Link to="/journal-audit/integrite" className="fr-link fr-icon-arrow-right-line fr-link--icon-right">
          Vérifier l'intégrité du journal
        </Link>
      </p>
      <form onSubmit={apply} className="fr-grid-row fr-grid-row--gutters fr-mb-3w">
        {field("action", "Action (ex. auth.login)")}
        {field("actorEmail", "Adresse de l'auteur")}
        {field("subjectId", "Identifiant de l'objet")}
        {field("from", "Du", "date")}
        {field("to", "Au", "date")}
        <div className="fr-col-12 fr-col-md-4" style={{ alignSelf: "flex-end" }}>
          <Button type="submit" className="fr-mr-2w">Filtrer</Button>
          <Button priority="secondary" linkProps={{ to: `/api/audit-events/export.csv${queryString(filters)}`, reloadDocument: true }}>
            Exporter en CSV
          </Button>
        </div>
      </form>
      <ErrorAlert error={error} />
      {!data && !error && <LoadingState />}
      {data && data.total === 0 && (
        <EmptyState title="Aucun évènement" description="Aucun évènement du journal ne correspond à ces critères. Modifiez les filtres ou la période." />
      )}
      {data && data.total > 0 && (
        <>
          <Table
            caption={`${data.total} évènements`}
            headers={["Date", "Auteur", "Action", "Objet", "IP"]}
            data={data.items.map((e) => [
              new Date(e.occurredAt).toLocaleString("fr-FR", { timeZone: "Europe/Paris" }),
              e.actorEmail ?? "—",
              e.action,
              `${e.subjectType}${e.subjectId ? ` ${e.subjectId}` : ""}`,
              e.ip ?? "",
            ])}
          />
          {pageCount > 1 && (
            <Pagination
              count={pageCount}
              defaultPage={page}
              getPageLinkProps={(p) => ({ to: "#", onClick: (ev: { preventDefault: () => void }) => { ev.preventDefault(); setPage(p); } })}
            />
          )}
        </>
      )}
    </>
  );
}
