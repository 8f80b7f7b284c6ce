import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { useParams } from "react-router";
import { frenchDate } from "../../../domain/shared/calendarDate";
import { ReviewAggregateSchema } from "../../../shared/contracts/review";
import { api } from "../../api";
import { useBreadcrumbLabel } from "../../breadcrumb";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";

const NBSP = "\u00a0";
const plural = (n: number, one: string, many: string) => `${n}${NBSP}${n > 1 ? many : one}`;

/**
 * A review in counts, for the people its distribution list names without taking part in it
 * (steering staff, a city's representative): what it examined and decided, no person named.
 * The follow-up e-mail links here; the rows stay with the professionals who follow the people.
 */
export function ReviewSummaryPage() {
  const { id = "" } = useParams();
  const { data, error } = useApi(() => api.get(`/api/reviews/${id}/summary`, ReviewAggregateSchema), [id]);
  const title = data ? `Synthèse de la revue du ${frenchDate(data.heldOn)}` : "Synthèse de la revue";
  usePageTitle(title);
  useBreadcrumbLabel(data ? title : undefined);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <LoadingState />;
  return (
    <>
      <h1>
        {title}{" "}
        <Badge severity={data.status === "open" ? "new" : "success"}>{data.status === "open" ? "Ouverte" : "Close"}</Badge>
      </h1>
      <p className="fr-text--lead">
        {data.agencies.join(", ")} — convention {data.conventionNumber}
      </p>
      <p>
        {data.conventionTitle}
        {data.version > 1 ? ` — version ${data.version} (la revue a été rouverte et corrigée).` : ""}
      </p>
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-4w">
        <div className="fr-col-12 fr-col-md-4">
          <div className="fr-tile fr-tile--no-icon">
            <div className="fr-tile__body">
              <p className="fr-tile__title">{plural(data.examined, "accompagnement examiné", "accompagnements examinés")}</p>
              <p className="fr-tile__detail">{plural(data.undecided, "sans décision", "sans décision")}</p>
            </div>
          </div>
        </div>
        {data.inReach !== null && (
          <div className="fr-col-12 fr-col-md-4">
            <div className="fr-tile fr-tile--no-icon">
              <div className="fr-tile__body">
                <p className="fr-tile__title">{plural(data.inReach, "personne", "personnes")} de votre périmètre</p>
                <p className="fr-tile__detail">dont vous recevez le suivi</p>
              </div>
            </div>
          </div>
        )}
      </div>
      <h2>Décisions</h2>
      {data.decisions.length === 0 ? (
        <p>Aucune décision n’a été prise.</p>
      ) : (
        <ul>
          {data.decisions.map((d) => (
            <li key={d.kind}>{d.label}</li>
          ))}
        </ul>
      )}
      <p className="fr-text--sm fr-mt-4w">
        Cette synthèse ne nomme personne. Le détail de chaque accompagnement reste accessible aux professionnels qui le suivent.
      </p>
    </>
  );
}
