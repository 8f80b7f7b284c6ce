import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { useEffect, useState } from "react";
import { useParams } from "react-router";
import { CONSENT_METHOD_LABELS, DIAGNOSIS_KIND_LABELS, EXIT_TYPE_LABELS, NOTE_VISIBILITY_LABELS, type NoteVisibility } from "../../../domain/support/vocabulary";
import { type CaseView, CaseViewSchema } from "../../../shared/contracts/support";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { LoadingState } from "../../components/LoadingState";
import { useBreadcrumbLabel } from "../../breadcrumb";
import { CommandForm } from "../../components/CommandForm";
import { CaseActions } from "./CaseActions";
import { CaseDocuments } from "./CaseDocuments";
import { frenchDate, StatusBadge, todayInParis, UrgencyBadge } from "./supportFormat";

const APPOINTMENT_STATUS = { planned: "Prévu", attended: "Honoré", missed: "Absence" } as const;

/** The case page: where it stands, its next deadline, what is missing, its barriers, appointments, notes and timeline. */
export function CasePage() {
  const { id } = useParams();
  const loaded = useApi(() => api.get(`/api/support/cases/${id}`, CaseViewSchema), [id]);
  const [view, setView] = useState<CaseView | null>(null);
  useEffect(() => setView(loaded.data), [loaded.data]);
  usePageTitle(view ? `Accompagnement de ${view.person.firstName} ${view.person.lastName}` : "Accompagnement global");
  useBreadcrumbLabel(view ? `${view.person.firstName} ${view.person.lastName}` : undefined);

  const [appointmentError, setAppointmentError] = useState<unknown>(null);
  const submit = async (path: string, body: unknown, method: "post" | "patch" = "post") => {
    const url = `/api/support/cases/${id}/${path}`;
    setView(method === "post" ? await api.post(url, CaseViewSchema, body) : await api.patch(url, CaseViewSchema, body));
  };

  if (!view) return loaded.error ? <ErrorAlert error={loaded.error} /> : <LoadingState />;
  const p = view.person;
  return (
    <>
      <h1>
        Accompagnement de {p.firstName} {p.lastName}
      </h1>
      <p>
        <StatusBadge status={view.status} /> Convention {view.convention.number} — identifiant France Travail {p.ftIdentifier} — né(e) le {frenchDate(p.birthDate)}
        {p.benefits.length > 0 && ` — ${p.benefits.join(", ")}`}
        {p.qpv && " — réside en QPV"}
      </p>
      <p>
        Orienté(e) le {frenchDate(view.orientedOn)} par {view.orienter.name} ({view.orienter.organisation}) — origine : {view.originLabel}
        {view.originDetail && ` (${view.originDetail})`}.
        {view.pair && ` Binôme : ${view.pair.advisor.name} (conseiller) et ${view.pair.socialWorker.name} (travailleur social).`}
        {view.enteredOn && ` Entrée le ${frenchDate(view.enteredOn)}, période en cours jusqu'au ${frenchDate(view.periodEndsOn ?? "")}, au plus tard le ${frenchDate(view.maxEndsOn ?? "")}.`}
        {view.exitedOn && ` Sortie le ${frenchDate(view.exitedOn)} : ${view.exitType ? EXIT_TYPE_LABELS[view.exitType] : ""}.`}
        {view.pair && p.benefits.includes("RSA") && (view.status === "active" || view.status === "social_only") &&
          ` Pendant l'accompagnement, ${view.pair.advisor.name} est le référent unique de ce bénéficiaire du RSA.`}
      </p>
      {view.nextDeadline && (
        <Alert
          className="fr-mb-3w"
          severity={view.nextDeadline.urgency === "overdue" ? "error" : view.nextDeadline.urgency === "soon" ? "warning" : "info"}
          title={`Prochaine échéance : ${view.nextDeadline.label} — ${frenchDate(view.nextDeadline.dueOn)}`}
          description={
            <>
              <UrgencyBadge urgency={view.nextDeadline.urgency} /> {view.nextDeadline.source}
            </>
          }
        />
      )}
      {view.entryGaps.length > 0 && (
        <Alert
          className="fr-mb-3w"
          severity="warning"
          title="Ce qui manque pour l'entrée"
          description={
            <ul>
              {view.entryGaps.map((g) => (
                <li key={g}>{g}</li>
              ))}
            </ul>
          }
        />
      )}
      <p>
        {view.consent
          ? `Consentement recueilli le ${frenchDate(view.consent.givenOn)} (${CONSENT_METHOD_LABELS[view.consent.method].toLowerCase()}).`
          : "Consentement non recueilli."}{" "}
        {view.diagnosis
          ? `${DIAGNOSIS_KIND_LABELS[view.diagnosis.kind]} le ${frenchDate(view.diagnosis.on)}${view.diagnosis.disagreement ? " — désaccord du binôme" : ""}.`
          : "Diagnostic non posé."}
      </p>
      <a className="fr-link fr-icon-download-line fr-link--icon-left" href={`/api/support/cases/${view.id}/transparency`} download>
        Copie de toutes les données détenues sur la personne (transparence)
      </a>

      <div className="fr-grid-row fr-grid-row--gutters fr-mt-4w">
        <div className="fr-col-12 fr-col-lg-7">
          <Barriers view={view} submit={submit} />
          <section aria-labelledby="rdv" className="fr-mb-4w">
            <h2 id="rdv">Rendez-vous</h2>
            <ErrorAlert error={appointmentError} />
            {view.appointments.length === 0 ? (
              <p>Aucun rendez-vous enregistré.</p>
            ) : (
              <Table
                headers={["Date", "Type", "Présence", ""]}
                data={view.appointments.map((a) => [
                  frenchDate(a.scheduledOn),
                  a.kind === "social" ? "Social" : "Professionnel",
                  APPOINTMENT_STATUS[a.status],
                  // Whether the person came is said once the day has come.
                  a.status === "planned" && view.can.work && a.scheduledOn <= todayInParis() ? (
                    <span key="b">
                      {(["attended", "missed"] as const).map((status) => (
                        <Button
                          key={status}
                          size="small"
                          priority="secondary"
                          className="fr-mr-1w"
                          onClick={() => {
                            setAppointmentError(null);
                            submit(`appointments/${a.id}`, { status }, "patch").catch(setAppointmentError);
                          }}
                        >
                          {status === "attended" ? "Présent(e)" : "Absent(e)"}
                        </Button>
                      ))}
                    </span>
                  ) : (
                    ""
                  ),
                ])}
              />
            )}
          </section>
          <Notes view={view} submit={submit} />
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
        </div>
        <div className="fr-col-12 fr-col-lg-5">{view.can.work ? <CaseActions view={view} submit={submit} /> : <p>Vous suivez cet accompagnement en lecture.</p>}</div>
      </div>
    </>
  );
}

type Submit = (path: string, body: unknown, method?: "post" | "patch") => Promise<void>;

function Barriers({ view, submit }: { view: CaseView; submit: Submit }) {
  const [error, setError] = useState<unknown>(null);
  const act = (fn: () => Promise<void>) => () => {
    setError(null);
    fn().catch(setError);
  };
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
  return (
    <section aria-labelledby="freins" className="fr-mb-4w">
      <h2 id="freins">Freins</h2>
      <ErrorAlert error={error} />
      <Table
        headers={["Frein", "Nature", "Constaté le", "État", ""]}
        data={view.barriers.map((b) => [
          b.label,
          b.category === "social" ? "Social" : "Professionnel",
          frenchDate(b.observedOn),
          b.resolvedOn ? `Levé le ${frenchDate(b.resolvedOn)}` : b.code === "other" && !b.jointDecisionOn ? "En attente de décision commune" : "Présent",
          view.can.work && view.status !== "exited" && view.status !== "refused" ? (
            <span key="a">
              {b.code === "other" && !b.jointDecisionOn && (
                <Button size="small" priority="secondary" onClick={act(() => submit(`barriers/${b.id}`, { jointDecisionOn: today }, "patch"))}>
                  Admettre (décision commune)
                </Button>
              )}{" "}
              <Button size="small" priority="tertiary" onClick={act(() => submit(`barriers/${b.id}`, { resolvedOn: b.resolvedOn ? null : today }, "patch"))}>
                {b.resolvedOn ? "De nouveau présent" : "Levé"}
              </Button>
            </span>
          ) : (
            ""
          ),
        ])}
      />
    </section>
  );
}

function Notes({ view, submit }: { view: CaseView; submit: Submit }) {
  const writable = view.can.writeNoteVisibilities;
  return (
    <section aria-labelledby="notes" className="fr-mb-4w">
      <h2 id="notes">Notes</h2>
      {view.notes.length === 0 && <p>Aucune note visible pour vous.</p>}
      {view.notes.map((n) => (
        <div key={n.id} className="fr-callout fr-mb-2w">
          <p className="fr-callout__text" style={{ whiteSpace: "pre-wrap" }}>
            {n.body}
          </p>
          <p className="fr-text--sm fr-mb-0">
            {n.author}, le {frenchDate(n.createdAt.slice(0, 10))} — {NOTE_VISIBILITY_LABELS[n.visibility]}
          </p>
        </div>
      ))}
      {writable.length > 0 && (
        <CommandForm title="Ajouter une note" submitLabel="Ajouter la note" onSubmit={(d) => submit("notes", { visibility: String(d.get("visibility")), body: String(d.get("body")) })}>
          <Select label="Visible par" nativeSelectProps={{ name: "visibility", defaultValue: "pair" }}>
            {writable.map((v: NoteVisibility) => (
              <option key={v} value={v}>
                {NOTE_VISIBILITY_LABELS[v]}
              </option>
            ))}
          </Select>
          <div className="fr-input-group">
            <label className="fr-label" htmlFor="note-body">
              Note
            </label>
            <textarea className="fr-input" id="note-body" name="body" required maxLength={10000} rows={4} />
          </div>
        </CommandForm>
      )}
    </section>
  );
}
