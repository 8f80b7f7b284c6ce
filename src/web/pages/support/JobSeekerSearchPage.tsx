import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { type FormEvent, useState } from "react";
import { Link } from "react-router";
import { JobSeekerPageSchema, JobSeekerSearchQuerySchema } from "../../../shared/contracts/support";
import "../../../shared/zodFrench";
import { api, queryString } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { EmptyState } from "../../components/EmptyState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { frenchDate, StatusBadge } from "./supportFormat";

/** Search a person by name or France Travail identifier, among those the server lets me see. */
export function JobSeekerSearchPage() {
  usePageTitle("Rechercher une personne");
  const [draft, setDraft] = useState("");
  const [q, setQ] = useState("");
  const [problem, setProblem] = useState<string | undefined>();
  const { data, error } = useApi(
    () => (q.length >= 2 ? api.get(`/api/job-seekers${queryString({ q, pageSize: 50 })}`, JobSeekerPageSchema) : Promise.resolve(null)),
    [q],
  );
  const submit = (e: FormEvent) => {
    e.preventDefault();
    // Checked by the request's own contract before anything is sent; said next to the field.
    const checked = JobSeekerSearchQuerySchema.shape.q.safeParse(draft);
    setProblem(checked.success ? undefined : checked.error.issues[0]?.message);
    if (checked.success) setQ(checked.data);
  };
  return (
    <>
      <h1>Rechercher une personne</h1>
      <p>
        Les personnes de votre territoire, et celles que vous accompagnez. Saisissez un nom, un prénom ou un identifiant France Travail. Personne inconnue de
        Tandem ? <Link to="/accompagnements/orienter">Enregistrez sa fiche</Link>.
      </p>
      <form onSubmit={submit} className="fr-grid-row fr-grid-row--gutters fr-mb-3w" role="search" aria-label="Rechercher une personne" noValidate>
        <div className="fr-col-12 fr-col-md-8">
          <Input
            label="Nom, prénom ou identifiant France Travail"
            state={problem ? "error" : "default"}
            stateRelatedMessage={problem}
            nativeInputProps={{ type: "search", value: draft, minLength: 2, maxLength: 100, onChange: (e) => setDraft(e.target.value) }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4" style={{ alignSelf: "flex-end" }}>
          <Button type="submit">Rechercher</Button>
        </div>
      </form>
      <ErrorAlert error={error} />
      {data && data.total === 0 && (
        <EmptyState
          title="Aucune personne ne correspond à cette recherche"
          description="Vérifiez l’orthographe du nom ou cherchez par identifiant France Travail. Si la personne n’est pas encore connue de Tandem, enregistrez sa fiche."
          action={
            <Link className="fr-btn fr-btn--secondary" to="/accompagnements/orienter">
              Enregistrer une nouvelle personne
            </Link>
          }
        />
      )}
      {data && data.total > 0 && (
        <Table
            caption={`${data.total} personne${data.total > 1 ? "s" : ""}`}
            headers={["Personne", "Identifiant", "Date de naissance", "Commune", "Situation", "Accompagnement global"]}
            data={data.items.map((p) => [
              `${p.lastName} ${p.firstName}`,
              p.ftIdentifier,
              frenchDate(p.birthDate),
              p.communeInsee,
              [...p.benefits, p.qpv ? "QPV" : null].filter(Boolean).join(", "),
              p.openCase ? (
                <span key="c">
                  <StatusBadge status={p.openCase.status} /> <Link to={`/accompagnements/${p.openCase.id}`}>Voir l’accompagnement de {p.firstName} {p.lastName}</Link>
                </span>
              ) : (
                <Link key="o" to={`/accompagnements/orienter?personne=${p.id}`}>
                  Orienter {p.firstName} {p.lastName}
                </Link>
              ),
            ])}
          />
      )}
    </>
  );
}
