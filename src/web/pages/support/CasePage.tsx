import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useEffect, useState } from "react";
import { useParams } from "react-router";
import { CONSENT_METHOD_LABELS, DIAGNOSIS_KIND_LABELS, EXIT_TYPE_LABELS } from "../../../domain/support/vocabulary";
import { type CaseView, CaseViewSchema } from "../../../shared/contracts/support";
import { api } from "../../api";
import { useBreadcrumbLabel } from "../../breadcrumb";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { CaseResources } from "../directory/CaseResources";
import { CaseActions } from "./CaseActions";
import { CaseAppointments } from "./CaseAppointments";
import { CaseBarriers } from "./CaseBarriers";
import { CaseDocuments } from "./CaseDocuments";
import { CaseNotes } from "./CaseNotes";
import { conventionEnded, frenchDate, StatusBadge, todayInParis, UrgencyBadge } from "./supportFormat";

/**
 * The case page, in the order the pair reads it: where the case stands (person, status, pair,
 * period, next deadline), what is due next (one primary action, the others one click away), then
 * barriers, appointments, notes, documents and the timeline.
 */
export function CasePage() {
  const { id } = useParams();
  const loaded = useApi(() => api.get(`/api/support/cases/${id}`, CaseViewSchema), [id]);
  const [view, setView] = useState<CaseView | null>(null);
  useEffect(() => setView(loaded.data), [loaded.data]);
  usePageTitle(view ? `Accompagnement de ${view.person.firstName} ${view.person.lastName}` : "Accompagnement global");
  useBreadcrumbLabel(view ? `${view.person.firstName} ${view.person.lastName}` : undefined);

  const submit = async (path: string, body: unknown, method: "post" | "patch" = "post") => {
    const url = `/api/support/cases/${id}/${path}`;
    setView(method === "post" ? await api.post(url, CaseViewSchema, body) : await api.patch(url, CaseViewSchema, body));
  };

  if (!view) return loaded.error ? <ErrorAlert error={loaded.error} /> : <LoadingState />;
  return (
    <>
      <h1>
        Accompagnement de {view.person.firstName} {view.person.lastName}
      </h1>
      <CaseSummary view={view} />
      {view.can.work ? <CaseActions view={view} submit={submit} /> : <p className="fr-mb-4w">Vous suivez cet accompagnement en lecture.</p>}
      <CaseBarriers view={view} submit={submit} />
      <CaseResources
        caseId={view.id}
        canWork={view.can.work}
        barriersKey={view.barriers.map((b) => `${b.id}:${b.resolvedOn ?? ""}`).join(",")}
        today={todayInParis()}
        onRecorded={loaded.reload}
      />
      <CaseAppointments view={view} submit={submit} />
      <CaseNotes view={view} submit={submit} />
      <CaseDocuments view={view} submit={submit} />
      <section aria-labelledby="historique">
        <h2 id="historique">Historique</h2>
        <ol>
          {view.timeline.map((e, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the timeline is append-only and ordered
            <li key={i}>
              {frenchDate(e.occurredOn)} — {e.label}
              {e.recordedBy && <span className="fr-text--sm"> (saisi par {e.recordedBy})</span>}
              {(e.source as { kind?: string } | null)?.kind === "review" && <span className="fr-text--sm"> — décision de la revue de portefeuille</span>}
            </li>
          ))}
        </ol>
      </section>
    </>
  );
}

/** Who, where the case stands, with whom, for how long, and what comes next. */
function CaseSummary({ view }: { view: CaseView }) {
  const p = view.person;
  return (
    <div className="fr-mb-4w">
      <p className="fr-mb-1w">
        <StatusBadge status={view.status} /> Convention {view.convention.number} — identifiant France Travail {p.ftIdentifier} — né(e) le {frenchDate(p.birthDate)}
        {p.benefits.length > 0 && ` — ${p.benefits.join(", ")}`}
        {p.qpv && " — réside en QPV"}
      </p>
      <p className="fr-mb-1w">
        Orienté(e) le {frenchDate(view.orientedOn)} par {view.orienter.name} ({view.orienter.organisation}) — origine : {view.originLabel}
        {view.originDetail && ` (${view.originDetail})`}.
        {view.pair && ` Binôme : ${view.pair.advisor.name} (conseiller) et ${view.pair.socialWorker.name} (travailleur social).`}
        {view.enteredOn && ` Entrée le ${frenchDate(view.enteredOn)}, période en cours jusqu’au ${frenchDate(view.periodEndsOn ?? "")}, au plus tard le ${frenchDate(view.maxEndsOn ?? "")}.`}
        {view.exitedOn && ` Sortie le ${frenchDate(view.exitedOn)} : ${view.exitType ? EXIT_TYPE_LABELS[view.exitType] : ""}.`}
        {view.pair &&
          p.benefits.includes("RSA") &&
          (view.status === "active" || view.status === "social_only") &&
          ` Pendant l’accompagnement, ${view.pair.advisor.name} est le référent unique de ce bénéficiaire du RSA.`}
      </p>
      <p className="fr-mb-1w">
        {view.consent
          ? `Consentement recueilli le ${frenchDate(view.consent.givenOn)} (${CONSENT_METHOD_LABELS[view.consent.method].toLowerCase()}).`
          : "Consentement non recueilli."}{" "}
        {view.diagnosis
          ? `${DIAGNOSIS_KIND_LABELS[view.diagnosis.kind]} le ${frenchDate(view.diagnosis.on)}${view.diagnosis.disagreement ? " — désaccord du binôme" : ""}.`
          : "Diagnostic non posé."}
      </p>
      <p>
        <a className="fr-link fr-icon-download-line fr-link--icon-left" href={`/api/support/cases/${view.id}/transparency`} download>
          Copie de toutes les données détenues sur la personne (transparence)
        </a>
      </p>
      {conventionEnded(view) && (view.status !== "exited" && view.status !== "refused") && (
        <Alert
          className="fr-mb-3w"
          severity="warning"
          title={`Convention n° ${view.convention.number} terminée le ${frenchDate(view.convention.endsOn)} : décision à prendre`}
          description={
            view.status === "active" || view.status === "social_only"
              ? `La convention a pris fin le ${frenchDate(view.convention.endsOn)} : seule la sortie peut être enregistrée, datée au plus tard de ce jour. Rendez-vous, notes, documents, freins et renouvellement ne s’enregistrent plus sous cette convention ; pour poursuivre l’accompagnement, faites renouveler la convention par avenant.`
              : `La convention a pris fin le ${frenchDate(view.convention.endsOn)} : seul le refus d’entrée peut être enregistré, daté au plus tard de ce jour. Les autres étapes ne s’enregistrent plus sous cette convention ; pour poursuivre, faites renouveler la convention par avenant.`
          }
        />
      )}
      {view.nextDeadline && (
        <Alert
          className="fr-mb-3w"
          small
          severity={view.nextDeadline.urgency === "overdue" ? "error" : view.nextDeadline.urgency === "soon" ? "warning" : "info"}
          description={
            <>
              <strong>
                Prochaine échéance : {view.nextDeadline.label} — {frenchDate(view.nextDeadline.dueOn)}
              </strong>{" "}
              <UrgencyBadge urgency={view.nextDeadline.urgency} /> {view.nextDeadline.source}
            </>
          }
        />
      )}
      {view.entryGaps.length > 0 && !conventionEnded(view) && (
        <Alert
          className="fr-mb-3w"
          severity="warning"
          title="Ce qui manque pour l’entrée"
          description={
            <ul>
              {view.entryGaps.map((g) => (
                <li key={g}>{g}</li>
              ))}
            </ul>
          }
        />
      )}
    </div>
  );
}
