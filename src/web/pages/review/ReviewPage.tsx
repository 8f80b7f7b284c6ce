import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { useState } from "react";
import { useParams } from "react-router";
import { frenchDate } from "../../../domain/shared/calendarDate";
import { ReviewSchema } from "../../../shared/contracts/review";
import { api, queryString } from "../../api";
import { useBreadcrumbLabel } from "../../breadcrumb";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { AddToAgenda } from "./AddToAgenda";
import { AgendaList, type AgendaQuery, firstAgendaPage } from "./AgendaList";
import { CloseReview, DeleteReview, ReopenReview } from "./ReviewActions";

const DOCUMENT_LABELS = { minutes_pdf: "Compte rendu (PDF)", table_xlsx: "Tableau de suivi (XLSX)", table_csv: "Tableau de suivi (CSV)" } as const;
const NBSP = "\u00a0";
const plural = (n: number, one: string, many: string) => `${n}${NBSP}${n > 1 ? many : one}`;

/**
 * The review during the meeting: its agenda a page at a time (filtered by pair, agency, decision,
 * reason, name), each decision saved the moment it is taken (nothing is lost if the connection
 * drops between two decisions) and counted at once in the header. Reopened, it shows each decision
 * in force with the form to correct it. Every form is the shared kit's.
 */
export function ReviewPage() {
  const { id = "" } = useParams();
  const [query, setQuery] = useState<AgendaQuery>(firstAgendaPage);
  const { data, error, loading, reload } = useApi(
    () => api.get(`/api/reviews/${id}${queryString({ ...query.filters, page: query.page, pageSize: query.pageSize })}`, ReviewSchema),
    [id, query],
  );
  usePageTitle(data ? `Revue du ${frenchDate(data.heldOn)}` : "Revue de portefeuille");
  useBreadcrumbLabel(data ? `Revue du ${frenchDate(data.heldOn)}` : undefined);
  if (error && !data) return <ErrorAlert error={error} />;
  if (!data) return <LoadingState />;
  const open = data.status === "open";
  const { counts } = data;

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
        Secrétariat : {data.secretariat === "advisor" ? "le conseiller France Travail" : "le travailleur social"} (revue {data.cadence} n° {data.sequence}
        {data.version > 1 ? `, version ${data.version}` : ""}).
      </p>
      {/* Said again when a decision is recorded: the counts are the meeting's progress. */}
      <p className="fr-text--lg" aria-live="polite" data-testid="review-counts">
        <strong>
          {plural(counts.decided, "décision", "décisions")} sur {plural(counts.items, "personne", "personnes")}
        </strong>{" "}
        à l’ordre du jour · {plural(counts.undecided, "sans décision", "sans décision")}
        {data.version > 1 ? ` · ${plural(counts.decidedInVersion, "décision prise", "décisions prises")} dans la version ${data.version}` : ""}
      </p>
      {open && data.version > 1 && (
        <Alert
          severity="info"
          small
          className="fr-mb-3w"
          description={`Revue rouverte (version ${data.version}) : chaque décision en vigueur peut être corrigée ci-dessous. La correction est appliquée à l’accompagnement, et le compte rendu de la version ${data.version} dira quelle décision elle remplace.`}
        />
      )}

      <h2 id="ordre-du-jour">Ordre du jour</h2>
      <AgendaList review={data} query={query} onQuery={setQuery} loading={loading} error={error} onSaved={reload} />

      {open && <AddToAgenda reviewId={id} onAgenda={data.myCasesOnAgenda} onAdded={reload} />}

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
