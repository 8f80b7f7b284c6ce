import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { type FormEvent, useRef, useState } from "react";
import { Link } from "react-router";
import { AUDIT_ACTION_OPTIONS } from "../../../shared/auditActions";
import { type AuditEvent, AuditPageSchema, AuditQuerySchema } from "../../../shared/contracts/platform";
import "../../../shared/zodFrench";
import { api, queryString } from "../../api";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";

const PAGE_SIZE = 50;
type Filters = { person: string; user: string; action: string; from: string; to: string };
const empty: Filters = { person: "", user: "", action: "", from: "", to: "" };
const LABELS: Record<keyof Filters, string> = {
  person: "Personne accompagnée",
  user: "Utilisateur",
  action: "Action",
  from: "Du",
  to: "Au",
};

const parisTime = (iso: string) => new Date(iso).toLocaleString("fr-FR", { timeZone: "Europe/Paris" });

/** Who acted: their name and organisation; an entry without actor is Tandem's own (daily jobs). */
function Actor({ e }: { e: AuditEvent }) {
  if (!e.actorName) return <>Tandem (tâche automatique)</>;
  return (
    <>
      {e.actorName}
      {e.actorOrganisation && <span className="fr-hint-text fr-mb-0">{e.actorOrganisation}</span>}
    </>
  );
}

/**
 * The audit trail for a DPO: every entry about a person (by name or France Travail identifier) or
 * by or about a user, over a period and for an action, in French, with names — only the entries
 * the server's policy lets this reader see.
 */
export function AuditPage() {
  usePageTitle("Journal d’audit");
  const [filters, setFilters] = useState<Filters>(empty);
  const [problems, setProblems] = useState<Partial<Record<keyof Filters, string>>>({});
  const [page, setPage] = useState(1);
  const formRef = useRef<HTMLFormElement>(null);
  const query = Object.fromEntries(Object.entries(filters).filter(([, v]) => v));
  const { data, error } = useApi(() => api.get(`/api/audit-events${queryString({ ...query, page, pageSize: PAGE_SIZE })}`, AuditPageSchema), [filters, page]);

  const apply = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const d = new FormData(e.currentTarget);
    const draft = Object.fromEntries(Object.keys(empty).map((k) => [k, String(d.get(k) ?? "").trim()])) as Filters;
    const found: Partial<Record<keyof Filters, string>> = {};
    for (const input of e.currentTarget.querySelectorAll("input")) if (input.validity.badInput) found[input.name as keyof Filters] = "Saisissez une date valide (jj/mm/aaaa).";
    const checked = AuditQuerySchema.safeParse(Object.fromEntries(Object.entries(draft).filter(([, v]) => v)));
    if (!checked.success) for (const i of checked.error.issues) found[String(i.path[0]) as keyof Filters] ??= i.message;
    if (draft.from && draft.to && draft.from > draft.to) found.to ??= "La fin de la période doit suivre son début.";
    setProblems(found);
    const first = Object.keys(empty).find((k) => found[k as keyof Filters]);
    if (first) return (formRef.current?.elements.namedItem(first) as HTMLElement | null)?.focus();
    setPage(1);
    setFilters(draft);
  };

  const field = (key: keyof Filters, hint?: string, type = "text") => (
    <div className="fr-col-12 fr-col-md-4">
      <Input
        label={LABELS[key]}
        hintText={hint}
        state={problems[key] ? "error" : "default"}
        stateRelatedMessage={problems[key]}
        nativeInputProps={{ type, name: key, defaultValue: filters[key], maxLength: key === "user" ? 254 : 100 }}
      />
    </div>
  );
  const pageCount = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;

  return (
    <>
      <h1>Journal d’audit</h1>
      <p>
        Chaque consultation ou modification de données personnelles est tracée. Le journal ne peut être ni modifié ni effacé. Vous y voyez les actions des
        personnes de votre organisation.
      </p>
      <p>
        <Link to="/journal-audit/integrite" className="fr-link fr-icon-arrow-right-line fr-link--icon-right">
          Vérifier l’intégrité du journal
        </Link>
      </p>
      <form ref={formRef} onSubmit={apply} className="fr-grid-row fr-grid-row--gutters fr-mb-3w" role="search" aria-label="Rechercher dans le journal d’audit" noValidate>
        {field("person", "Nom, prénom ou identifiant France Travail : sa fiche, ses accompagnements, les décisions de revue")}
        {field("user", "Nom ou adresse électronique : ce qu’il a fait, ce qui concerne son compte")}
        <div className="fr-col-12 fr-col-md-4">
          <Select label={LABELS.action} hint="Toutes par défaut" nativeSelectProps={{ name: "action", defaultValue: filters.action }}>
            <option value="">Toutes les actions</option>
            {AUDIT_ACTION_OPTIONS.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </Select>
        </div>
        {field("from", undefined, "date")}
        {field("to", undefined, "date")}
        <div className="fr-col-12 fr-col-md-4" style={{ alignSelf: "flex-end" }}>
          <ul className="fr-btns-group fr-btns-group--inline-sm">
            <li>
              <Button type="submit">Filtrer</Button>
            </li>
            <li>
              <Button priority="secondary" linkProps={{ to: `/api/audit-events/export.csv${queryString(query)}`, reloadDocument: true }}>
                Exporter en CSV
              </Button>
            </li>
          </ul>
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
            caption={`${data.total} évènement${data.total > 1 ? "s" : ""}`}
            headers={["Date (heure de Paris)", "Auteur", "Action", "Objet", "Adresse IP"]}
            data={data.items.map((e) => [parisTime(e.occurredAt), <Actor key="a" e={e} />, e.actionLabel, e.subjectLabel, e.ip ?? ""])}
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
