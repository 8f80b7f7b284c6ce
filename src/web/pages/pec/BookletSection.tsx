import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { frenchDate } from "../../../domain/shared/calendarDate";
import { OkSchema } from "../../../shared/contracts/common";
import { useState } from "react";
import { type ContractBooklet, ContractBookletSchema, HandedLinkSchema, PreExitHeldSchema, SchedulePreExitSchema } from "../../../shared/contracts/pecBooklet";
import { api } from "../../api";
import { CommandForm } from "../../components/CommandForm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { useApi } from "../../useApi";

type Milestone = ContractBooklet["milestones"][number];
type Question = ContractBooklet["questions"][number];

const answeredLabel = (at: string | null) => (at ? `Répondu le ${frenchDate(at.slice(0, 10))}` : "En attente");
const RESPONDENT_LABEL = { employee: "le ou la salarié·e", tutor: "le tuteur" } as const;
const CONTACT_MODE = { phone: "par téléphone", meeting: "en entretien" } as Record<string, string>;
const CONTACT_WITH = { employee: "avec le ou la salarié·e", tutor: "avec le tuteur", both: "à trois (salarié·e, tuteur, conseiller)" } as Record<string, string>;

function valueLabel(q: Question, value: string | undefined) {
  if (!value) return "—";
  return q.kind === "choice" ? (q.options?.find((o) => o.value === value)?.label ?? value) : value;
}

/** Both answers of a milestone side by side, the questions they answer differently marked (the advisor's view). */
function SideBySide({ milestone, questions }: { milestone: Milestone; questions: Question[] }) {
  const a = milestone.answers;
  if (!a) return null;
  return (
    <div className="fr-table fr-table--no-scroll tandem-cards" data-testid={`booklet-answers-${milestone.label}`}>
      <table>
        <caption>Réponses « {milestone.label} » côte à côte</caption>
        <thead>
          <tr>
            <th scope="col">Question</th>
            <th scope="col">Salarié·e</th>
            <th scope="col">Tuteur</th>
          </tr>
        </thead>
        <tbody>
          {questions.map((q) => {
            const differs = a.differences.includes(q.key);
            if (!a.employee[q.key] && !a.tutor[q.key]) return null;
            return (
              <tr key={q.key} style={differs ? { background: "var(--background-contrast-warning)" } : undefined} data-difference={differs ? "oui" : undefined}>
                <th scope="row" style={{ fontWeight: 400 }}>
                  {q.label.replace(/ \(facultatif\)$/, "")}
                  {differs ? (
                    <>
                      {" "}
                      <Badge severity="warning" small>
                        Réponses différentes
                      </Badge>
                    </>
                  ) : null}
                </th>
                <td data-label="Salarié·e">{valueLabel(q, a.employee[q.key])}</td>
                <td data-label="Tuteur">{valueLabel(q, a.tutor[q.key])}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/**
 * For a respondent the e-mails cannot reach (an employee without an address, a message not
 * received): the advisor creates a personal link for an open milestone and hands it over. The link
 * is shown once, here; the server keeps only its hash.
 */
function HandOverLinks({ contractId, data }: { contractId: string; data: ContractBooklet }) {
  const [handed, setHanded] = useState<{ label: string; respondent: "employee" | "tutor"; url: string; expiresOn: string } | null>(null);
  const [failure, setFailure] = useState<unknown>(null);
  const waiting = data.milestones.filter((m) => m.status === "open" && (!m.employeeAnsweredAt || !m.tutorAnsweredAt));
  if (waiting.length === 0) return null;
  const hand = async (m: Milestone, respondent: "employee" | "tutor") => {
    setFailure(null);
    try {
      const link = await api.post(`/api/pec/contracts/${contractId}/booklet/milestones/${m.id}/link`, HandedLinkSchema, { respondent });
      setHanded({ label: m.label, respondent, ...link });
    } catch (e) {
      setFailure(e);
    }
  };
  return (
    <>
      <h3>Remettre un lien en main propre</h3>
      {data.employeeHasEmail === false ? (
        <Alert
          severity="warning"
          small
          className="fr-mb-2w"
          description="Le salarié n’a pas d’adresse électronique : il ne reçoit pas les liens du livret. Créez son lien à chaque échéance et remettez-le lui (imprimé ou lu au téléphone)."
        />
      ) : (
        <p className="fr-text--sm">Si un courriel n’est pas arrivé, créez un nouveau lien personnel et remettez-le à la personne.</p>
      )}
      <ul>
        {waiting.map((m) => (
          <li key={m.id} className="fr-mb-1w">
            « {m.label} » ({frenchDate(m.dueOn)}) :{" "}
            {m.employeeAnsweredAt ? null : (
              <Button size="small" priority="secondary" onClick={() => hand(m, "employee")}>
                Créer le lien du salarié
              </Button>
            )}{" "}
            {m.tutorAnsweredAt ? null : (
              <Button size="small" priority="tertiary" onClick={() => hand(m, "tutor")}>
                Créer le lien du tuteur
              </Button>
            )}
          </li>
        ))}
      </ul>
      {failure ? <ErrorAlert error={failure} /> : null}
      {handed ? (
        <Alert
          severity="info"
          className="fr-mb-2w"
          title={`Lien personnel ${handed.respondent === "employee" ? "du ou de la salarié·e" : "du tuteur"} — « ${handed.label} »`}
          description={
            <>
              <p className="fr-mb-1w" style={{ overflowWrap: "anywhere" }}>
                <code>{handed.url}</code>
              </p>
              <p className="fr-text--sm fr-mb-0">
                Utilisable une fois, jusqu’au {frenchDate(handed.expiresOn)}. Il n’est affiché qu’ici et maintenant : notez-le ou imprimez cette page avant de la
                quitter. Un nouveau lien ne remplace pas les précédents.
              </p>
            </>
          }
        />
      ) : null}
    </>
  );
}

/**
 * « Livret de suivi » of a PEC contract (ADR 0038), for the contract page: the milestones and who
 * has answered; for France Travail's advisors, the answers side by side once both have answered,
 * the contacts asked for and the pre-exit meeting. The employer sees the milestones only.
 */
export function BookletSection({ contractId }: { contractId: string }) {
  const { data, error, loading, reload } = useApi(() => api.get(`/api/pec/contracts/${contractId}/booklet`, ContractBookletSchema), [contractId]);
  if (loading && !data) return <LoadingState />;
  if (error || !data) return <ErrorAlert error={error} />;
  const openTasks = data.tasks.filter((t) => t.status === "open");
  return (
    <section className="fr-mb-6w" aria-labelledby="livret-de-suivi">
      <h2 id="livret-de-suivi">Livret de suivi</h2>
      <p>
        Le salarié et son tuteur renseignent le livret chacun de leur côté, par un lien personnel reçu par courriel à chaque échéance. Seuls les
        conseillers France Travail du contrat lisent les réponses, une fois les deux reçues ; ni l’employeur ni le tuteur ne voient celles du salarié, et
        inversement.
      </p>
      {data.milestones.length === 0 ? (
        <p>Aucune échéance : la convention ne prévoit pas de livret de suivi pour ce contrat.</p>
      ) : (
        <ResponsiveTable
          caption="Échéances du livret"
          headers={["Échéance", "Date", "Salarié·e", "Tuteur"]}
          rows={data.milestones.map((m) => ({
            key: m.id,
            cells: [
              <>
                {m.label}
                {m.status === "cancelled" ? (
                  <>
                    {" "}
                    <Badge small>Annulée (fin du contrat)</Badge>
                  </>
                ) : null}
              </>,
              frenchDate(m.dueOn),
              m.status === "cancelled" ? "—" : answeredLabel(m.employeeAnsweredAt),
              m.status === "cancelled" ? "—" : answeredLabel(m.tutorAnsweredAt),
            ],
          }))}
        />
      )}

      {data.canFollow ? (
        <>
          {data.milestones.map((m) =>
            m.answers ? (
              <SideBySide key={m.id} milestone={m} questions={data.questions} />
            ) : m.employeeAnsweredAt || m.tutorAnsweredAt ? (
              <p key={m.id} className="fr-text--sm">
                « {m.label} » : les réponses seront lisibles quand le salarié et le tuteur auront tous deux répondu.
              </p>
            ) : null,
          )}

          <HandOverLinks contractId={contractId} data={data} />

          <h3>Prises de contact demandées</h3>
          {data.tasks.length === 0 ? <p>Aucune prise de contact demandée.</p> : null}
          <ul>
            {data.tasks.map((t) => (
              <li key={t.id} className="fr-mb-2w">
                Contact demandé par {RESPONDENT_LABEL[t.respondent]} ({data.milestones.find((m) => m.id === t.milestoneId)?.label}), {CONTACT_MODE[t.contactMode]}{" "}
                {CONTACT_WITH[t.contactWith]} — demandé le {frenchDate(t.createdAt.slice(0, 10))}.{" "}
                {t.status === "done" ? (
                  <Badge severity="success" small>
                    Fait le {frenchDate((t.doneAt ?? "").slice(0, 10))}
                  </Badge>
                ) : (
                  <Button
                    size="small"
                    priority="secondary"
                    onClick={async () => {
                      await api.post(`/api/pec/booklet-tasks/${t.id}/done`, OkSchema, {});
                      reload();
                    }}
                  >
                    Marquer le contact comme fait
                  </Button>
                )}
                {t.doneNote ? <span className="fr-text--sm"> — {t.doneNote}</span> : null}
              </li>
            ))}
          </ul>
          {openTasks.length > 0 ? <p className="fr-text--sm">{openTasks.length} prise(s) de contact à faire.</p> : null}
        </>
      ) : null}

      {data.preExit ? (
        <>
          <h3>Entretien préalable à la sortie</h3>
          {data.preExit.heldOn ? (
            <Alert
              severity="success"
              small
              description={`Entretien tenu le ${frenchDate(data.preExit.heldOn)}${data.preExit.note ? ` : ${data.preExit.note}` : "."}`}
            />
          ) : (
            <>
              <Alert
                severity="warning"
                small
                className="fr-mb-2w"
                description={`Le dernier livret ne montre pas de perspective d’emploi : un entretien préalable à la sortie réunit le conseiller référent, le tuteur et le salarié (convention, art. 3.1 a).${
                  data.preExit.scheduledOn ? ` Programmé le ${frenchDate(data.preExit.scheduledOn)}.` : " À programmer."
                }`}
              />
              {data.canFollow ? (
                <div className="fr-grid-row fr-grid-row--gutters">
                  <div className="fr-col-12 fr-col-md-6">
                    <CommandForm
                      title={data.preExit.scheduledOn ? "Reprogrammer l’entretien" : "Programmer l’entretien"}
                      titleAs="h4"
                      submitLabel="Programmer"
                      schema={SchedulePreExitSchema}
                      body={(d) => ({ scheduledOn: String(d.get("scheduledOn") ?? "") })}
                      onSubmit={async (body) => {
                        await api.post(`/api/pec/contracts/${contractId}/pre-exit/schedule`, OkSchema, body);
                        reload();
                      }}
                    >
                      <Input label="Date de l’entretien" nativeInputProps={{ type: "date", name: "scheduledOn", required: true }} />
                    </CommandForm>
                  </div>
                  {data.preExit.scheduledOn ? (
                    <div className="fr-col-12 fr-col-md-6">
                      <CommandForm
                        title="Enregistrer l’entretien tenu"
                        titleAs="h4"
                        submitLabel="Enregistrer"
                        schema={PreExitHeldSchema}
                        body={(d) => ({ heldOn: String(d.get("heldOn") ?? ""), note: String(d.get("note") ?? "") || undefined })}
                        onSubmit={async (body) => {
                          await api.post(`/api/pec/contracts/${contractId}/pre-exit/held`, OkSchema, body);
                          reload();
                        }}
                      >
                        <Input label="Tenu le" nativeInputProps={{ type: "date", name: "heldOn", required: true }} />
                        <Input label="Ce qui a été décidé (facultatif)" textArea nativeTextAreaProps={{ name: "note", rows: 3 }} />
                      </CommandForm>
                    </div>
                  ) : null}
                </div>
              ) : null}
            </>
          )}
        </>
      ) : null}
    </section>
  );
}
