import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { OrganisationPageSchema } from "../../../shared/contracts/organisations";
import { ORGANISATION_KIND_LABELS } from "../../../shared/roles";
import { api, queryString } from "../../api";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { KIND_OPTIONS } from "./OrganisationForm";

const PAGE_SIZE = 20;
export const ORGANISATIONS_PATH = "/administration/organisations";

/** The platform admin's list of organisations: search by name or code, filter by kind, pages from the server. */
export function OrganisationsAdminPage() {
  usePageTitle("Organisations");
  const [draft, setDraft] = useState({ q: "", kind: "" });
  const [filter, setFilter] = useState({ q: "", kind: "" });
  const [page, setPage] = useState(1);
  const { data, error } = useApi(
    () => api.get(`/api/organisations${queryString({ q: filter.q, kind: filter.kind, page, pageSize: PAGE_SIZE })}`, OrganisationPageSchema),
    [filter.q, filter.kind, page],
  );
  const pageCount = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setPage(1);
    setFilter({ q: draft.q.trim(), kind: draft.kind });
  };

  return (
    <>
      <h1>Organisations</h1>
      <p>
        Les organisations parties aux conventions, leurs identifiants officiels, leur territoire pris dans le référentiel officiel et leurs contacts. Un
        fichier CSV de toute une région s’importe avec <code>tandem organisations:import</code>.
      </p>
      <p>
        <Link className="fr-btn fr-btn--icon-left fr-icon-add-line" to={`${ORGANISATIONS_PATH}/nouvelle`}>
          Créer une organisation
        </Link>
      </p>
      <form onSubmit={submit} className="fr-grid-row fr-grid-row--gutters fr-mb-3w" role="search" aria-label="Rechercher une organisation" noValidate>
        <div className="fr-col-12 fr-col-md-6">
          <Input label="Nom ou code" nativeInputProps={{ type: "search", value: draft.q, maxLength: 100, onChange: (e) => setDraft({ ...draft, q: e.target.value }) }} />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select label="Type" nativeSelectProps={{ value: draft.kind, onChange: (e) => setDraft({ ...draft, kind: e.target.value }) }}>
            <option value="">Tous les types</option>
            {KIND_OPTIONS.map((k) => (
              <option key={k.value} value={k.value}>
                {k.label}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-2" style={{ alignSelf: "flex-end" }}>
          <Button type="submit">Rechercher</Button>
        </div>
      </form>
      <ErrorAlert error={error} />
      {!data && !error && <LoadingState />}
      {data && data.total === 0 && <EmptyState title="Aucune organisation ne correspond" description="Modifiez la recherche, ou créez l’organisation." />}
      {data && data.total > 0 && (
        <ResponsiveTable
          caption={`${data.total} organisation${data.total > 1 ? "s" : ""}`}
          headers={["Organisation", "Type", "Rattachée à", "Territoire", "Comptes"]}
          rows={data.items.map((o) => ({
            key: o.id,
            cells: [
              <Link key="l" to={`${ORGANISATIONS_PATH}/${o.id}`}>
                {o.name}
              </Link>,
              ORGANISATION_KIND_LABELS[o.kind],
              o.parentName ?? "—",
              o.communeCount === 0 ? "Aucun" : `${o.communeCount} commune${o.communeCount > 1 ? "s" : ""}`,
              String(o.userCount),
            ],
          }))}
        />
      )}
      {pageCount > 1 && (
        <Pagination
          count={pageCount}
          defaultPage={page}
          getPageLinkProps={(p) => ({ to: "#", onClick: (ev: { preventDefault: () => void }) => { ev.preventDefault(); setPage(p); } })}
        />
      )}
    </>
  );
}
