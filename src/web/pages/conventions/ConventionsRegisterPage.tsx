import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { CONVENTION_STATUS_LABELS } from "../../../domain/convention/calendar";
import { CONVENTION_STATUS_VALUES, ConventionPageSchema } from "../../../shared/contracts/convention";
import { CONVENTION_KIND_LABELS, CONVENTION_KINDS } from "../../../shared/contracts/conventionFile";
import { api, queryString } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { EmptyState } from "../../components/EmptyState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { ConventionStatusBadge, frenchDate } from "./format";

const PAGE_SIZE = 20;
type Filters = { q: string; kind: string; status: string; commune: string };
const empty: Filters = { q: "", kind: "", status: "", commune: "" };

/** The register: every convention this user may see (the server filters), searchable. */
export function ConventionsRegisterPage() {
  usePageTitle("Conventions");
  const [draft, setDraft] = useState<Filters>(empty);
  const [filters, setFilters] = useState<Filters>(empty);
  const [page, setPage] = useState(1);
  const { data, error } = useApi(
    () => api.get(`/api/conventions${queryString({ ...filters, page, pageSize: PAGE_SIZE })}`, ConventionPageSchema),
    [filters, page],
  );
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setPage(1);
    setFilters({ ...draft, q: draft.q.trim(), commune: draft.commune.trim().toUpperCase() });
  };
  const reset = () => {
    setDraft(empty);
    setFilters(empty);
    setPage(1);
  };
  // Nothing at all yet, as opposed to nothing matching the filters: the empty state says which.
  const noFilter = Object.values(filters).every((v) => v === "");
  const pageCount = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <>
      <h1>Conventions</h1>
      <p>
        Les conventions de partenariat auxquelles vos organisations sont parties : leurs termes, leurs échéances, leurs engagements et leurs
        finances.
      </p>
      <p>
        <Link to="/conventions/import" className="fr-link fr-icon-arrow-right-line fr-link--icon-right">
          Importer une convention (fichier YAML ou JSON)
        </Link>
      </p>
      <form onSubmit={apply} className="fr-grid-row fr-grid-row--gutters fr-mb-3w" aria-label="Rechercher une convention">
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Recherche"
            hintText="Numéro, intitulé ou partie"
            nativeInputProps={{ type: "search", value: draft.q, maxLength: 100, onChange: (e) => setDraft({ ...draft, q: e.target.value }) }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <Input
            label="Commune (code INSEE)"
            hintText="5 caractères, ex. 57463"
            nativeInputProps={{ value: draft.commune, maxLength: 5, onChange: (e) => setDraft({ ...draft, commune: e.target.value }) }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select label="Type" nativeSelectProps={{ value: draft.kind, onChange: (e) => setDraft({ ...draft, kind: e.target.value }) }}>
            <option value="">Tous les types</option>
            {CONVENTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {CONVENTION_KIND_LABELS[k]}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Select label="Statut" nativeSelectProps={{ value: draft.status, onChange: (e) => setDraft({ ...draft, status: e.target.value }) }}>
            <option value="">Tous les statuts</option>
            {CONVENTION_STATUS_VALUES.map((s) => (
              <option key={s} value={s}>
                {CONVENTION_STATUS_LABELS[s]}
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4" style={{ alignSelf: "flex-end" }}>
          <Button type="submit" className="fr-mr-2w">
            Rechercher
          </Button>
          <Button type="button" priority="secondary" onClick={reset}>
            Effacer les filtres
          </Button>
        </div>
      </form>
      <ErrorAlert error={error} />
      {!data && !error && <LoadingState />}
      {data && data.total === 0 && (
        <EmptyState
          title={noFilter ? "Aucune convention" : "Aucune convention ne correspond à ces critères"}
          description={
            noFilter
              ? "Aucune convention ne lie encore vos organisations. Importez-en une à partir de son fichier."
              : "Modifiez ou effacez les filtres pour élargir la recherche."
          }
          // Filtered: the form's own « Effacer les filtres » is right above, no second button of the same name.
          action={
            noFilter && (
              <Link to="/conventions/import" className="fr-btn fr-btn--secondary">
                Importer une convention
              </Link>
            )
          }
        />
      )}
      {data && data.total > 0 && (
        <>
          <Table
            caption={`${data.total} convention${data.total > 1 ? "s" : ""}`}
            headers={["Numéro", "Intitulé", "Type", "Statut", "Date d’effet", "Fin", "Parties"]}
            data={data.items.map((c) => [
              <Link key={c.id} to={`/conventions/${c.id}`}>
                {c.number}
              </Link>,
              c.title,
              CONVENTION_KIND_LABELS[c.kind],
              <ConventionStatusBadge key="status" status={c.status} />,
              c.effectiveOn ? frenchDate(c.effectiveOn) : "À la dernière signature",
              frenchDate(c.endsOn),
              c.parties.join(", "),
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
