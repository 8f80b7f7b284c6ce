import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { useParams } from "react-router";
import { frenchDate } from "../../../domain/shared/calendarDate";
import { ReviewSchema } from "../../../shared/contracts/review";
import { api } from "../../api";
import { useBreadcrumbLabel } from "../../breadcrumb";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { AddToAgenda } from "./AddToAgenda";
import { AgendaRow } from "./AgendaRow";
import { CloseReview, DeleteReview, ReopenReview } from "./ReviewActions";

const DOCUMENT_LABELS = { minutes_pdf: "Compte rendu (PDF)", table_xlsx: "Tableau de suivi (XLSX)", table_csv: "Tableau de suivi (CSV)" } as const;

/**
 * The review during the meeting: one row per person on the agenda, each decision saved the
 * moment it is taken (nothing is lost if the connection drops between two decisions). Reopened,
 * it shows each decision in force with the form to correct it. Every form is the shared kit's.
 */
export function ReviewPage() {
  const { id = "" } = useParams();
  const { data, error, reload } = useApi(() => api.get(`/api/reviews/${id}`, ReviewSchema), [id]);
  usePageTitle(data ? `Revue du ${frenchDate(data.heldOn)}` : "Revue de portefeuille");
  useBreadcrumbLabel(data ? `Revue du ${frenchDate(data.heldOn)}` : undefined);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <LoadingState />;
  const open = data.status === "open";
  const decidedNow = data.items.filter((i) => i.decision?.version === data.version).length;

  return (
    <>
      <h1>
        Revue de portefeuille du {frenchDate(data.heldOn)}{" "}
        <Badge severity={open ? "new" : "success"}>{open ? "Ouverte" : "Close"}</Badge>
      </h1>
      <p className="fr-text--lead">
        {data.agencies.map((a) => a.name).join(", ")} — convention {data.conventionNumber}
      </p>
      <p>
        Secrétariat : {data.secretariat === "advisor" ? "le conseiller France Travail" : "le travailleur social"} (revue n° {data.sequence}
        {data.version > 1 ? `, version ${data.version}` : ""}). {decidedNow} décision(s) dans cette version sur {data.items.length} personne(s) à l’ordre du jour.
      </p>
      {open && data.version > 1 && (
        <Alert
          severity="info"
          small
          className="fr-mb-3w"
          description={`Revue rouverte (version ${data.version}) : chaque décision en vigueur peut être corrigée ci-dessous. La correction est appliquée à l’accompagnement, et le compte rendu de la version ${data.version} dira quelle décision elle remplace.`}
        />
      )}

      <h2>Ordre du jour</h2>
      {data.items.length === 0 && <p>Aucune personne à l’ordre du jour.</p>}
      <ol className="fr-raw-list">
        {data.items.map((item) => (
          <li key={item.caseId} className="fr-card fr-p-3w fr-mb-2w">
            <AgendaRow item={item} reviewId={id} version={data.version} open={open} onSaved={reload} />
          </li>
        ))}
      </ol>

      {open && <AddToAgenda reviewId={id} onAgenda={data.items.map((i) => i.caseId)} onAdded={reload} />}

      <h2>Clôture et documents</h2>
      {open ? <CloseReview review={data} onDone={reload} /> : <ReopenReview review={data} onDone={reload} />}
      {data.documents.length > 0 && (
        <ul className="fr-mt-3w">
          {data.documents.map((d) => (
            <li key={`${d.version}-${d.kind}`}>
              <a href={d.url} download>
                {DOCUMENT_LABELS[d.kind]} — version {d.version}
              </a>
            </li>
          ))}
        </ul>
      )}
      <h3 className="fr-mt-3w">Destinataires du tableau de suivi</h3>
      <ul>
        {data.distribution.map((d) => (
          <li key={d.label}>
            {d.label} : {d.recipients.join(", ") || "personne"}
          </li>
        ))}
      </ul>

      <h2 className="fr-mt-6w">Revue programmée par erreur</h2>
      <DeleteReview review={data} onRefused={reload} />
    </>
  );
}
