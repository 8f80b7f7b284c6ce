import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { useState } from "react";
import { Link } from "react-router";
import { z } from "zod";
import { type GovernanceOverview, GovernanceOverviewSchema, SIDE_LABELS, ScheduleMeetingSchema } from "../../../shared/contracts/governance";
import { api } from "../../api";
import { CommandForm, DateInput, FormInput, FormSelect, formText, optionalText } from "../../components/CommandForm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { useApi } from "../../useApi";
import { frenchDate } from "../conventions/format";
import { Section, type SectionProps } from "../conventions/detail/shared";
import { ActionsTable } from "./ActionsTable";
import { SLOT_STATE_LABELS, SLOT_STATE_SEVERITY, sendGovernance } from "./governanceApi";

type Slot = GovernanceOverview["bodies"][number]["slots"][number];
const slotState = (s: Slot) => (
  <Badge key="state" severity={SLOT_STATE_SEVERITY[s.state]} small noIcon>
    {SLOT_STATE_LABELS[s.state]}
  </Badge>
);

/** The convention's governance bodies run in Tandem (ADR 0034): per body, the meetings due, held and late; scheduling; the open actions. */
export function GovernanceSection({ data }: SectionProps) {
  const { data: g, error, reload } = useApi(() => api.get(`/api/conventions/${data.id}/governance`, GovernanceOverviewSchema), [data.id]);
  return (
    <Section id="gouvernance" title="Gouvernance">
      {error ? <ErrorAlert error={error} /> : !g ? <LoadingState /> : <GovernanceBody g={g} commitments={data.commitments} reload={reload} />}
    </Section>
  );
}

function GovernanceBody({ g, commitments, reload }: { g: GovernanceOverview; commitments: SectionProps["data"]["commitments"]; reload: () => void }) {
  const [scheduled, setScheduled] = useState<string | null>(null);
  if (g.bodies.length === 0) return <p>Cette convention ne prévoit pas d’instance de gouvernance.</p>;
  return (
    <>
      {g.bodies.map((b) => (
        <div key={b.key} className="fr-mb-4w">
          <h3 className="fr-h5">{b.name}</h3>
          <p className="fr-hint-text">{b.source}</p>
          <ul>
            <li>
              Prochaine réunion due : {b.nextDue ? `${b.nextDue.label}, au plus tard le ${frenchDate(b.nextDue.dueOn)} (secrétariat : ${SIDE_LABELS[b.nextDue.secretariat]})` : "aucune"}
            </li>
            <li>
              Dernière réunion tenue :{" "}
              {b.lastHeld ? <Link to={`/gouvernance/reunions/${b.lastHeld.meetingId}`}>le {frenchDate(b.lastHeld.heldOn)}</Link> : "aucune dans Tandem"}
            </li>
            {b.overdue > 0 && (
              <li>
                <Badge severity="error" small>
                  {b.overdue} réunion{b.overdue > 1 ? "s" : ""} en retard sur les douze derniers mois
                </Badge>
              </li>
            )}
          </ul>
          <ResponsiveTable
            caption={`Réunions dues — ${b.name}`}
            headers={["Réunion", "Au plus tard le", "Secrétariat", "État", "Détail"]}
            rows={b.slots.map((s) => ({
              key: s.dueOn,
              cells: [
                s.label,
                frenchDate(s.dueOn),
                SIDE_LABELS[s.secretariat],
                slotState(s),
                s.meetingId ? (
                  <Link key="meeting" to={`/gouvernance/reunions/${s.meetingId}`}>
                    Voir la réunion
                  </Link>
                ) : (
                  "—"
                ),
              ],
            }))}
          />
        </div>
      ))}
      {g.canSchedule && (
        <ScheduleForm
          g={g}
          onScheduled={(message) => {
            setScheduled(message);
            reload();
          }}
        />
      )}
      <div role="status" aria-live="polite">
        {scheduled && <p className="fr-message fr-message--valid fr-mb-2w">{scheduled}</p>}
      </div>
      {commitments.length > 0 && (
        <>
          <h3 className="fr-h5">Engagements examinés en comité</h3>
          <ul>
            {commitments.map((c) => {
              const review = g.commitmentReviews.find((r) => r.key === c.key);
              return (
                <li key={c.key}>
                  {c.description} :{" "}
                  {review ? <Link to={`/gouvernance/reunions/${review.meetingId}`}>dernier examen en comité le {frenchDate(review.lastReviewedOn)}</Link> : "pas encore examiné en comité dans Tandem"}
                </li>
              );
            })}
          </ul>
        </>
      )}
      <h3 className="fr-h5">Actions ouvertes</h3>
      {g.openActions.length === 0 ? <p>Aucune action ouverte.</p> : <ActionsTable actions={g.openActions} onDone={reload} caption="Actions décidées en réunion, non faites" />}
    </>
  );
}

function ScheduleForm({ g, onScheduled }: { g: GovernanceOverview; onScheduled: (message: string) => void }) {
  const free = g.bodies.flatMap((b) => b.slots.filter((s) => !s.meetingId).map((s) => ({ value: `${b.key}|${s.dueOn}`, label: `${s.label} (au plus tard le ${frenchDate(s.dueOn)})` })));
  if (free.length === 0) return null;
  return (
    <CommandForm
      title="Programmer une réunion due"
      submitLabel="Programmer et inviter"
      schema={ScheduleMeetingSchema}
      success=""
      body={(d) => {
        const [bodyKey, slotDueOn] = formText(d, "slot").split("|");
        return { bodyKey, slotDueOn, heldOn: formText(d, "heldOn"), heldAt: formText(d, "heldAt"), place: optionalText(d, "place"), videoLink: optionalText(d, "videoLink") };
      }}
      onSubmit={async (body) => {
        const { invitationsSent } = await sendGovernance("post", `/api/conventions/${g.conventionId}/governance/meetings`, z.object({ id: z.string(), invitationsSent: z.number() }), body, (p) =>
          p === "bodyKey" ? "slotDueOn" : p,
        );
        onScheduled(
          invitationsSent > 0
            ? `Réunion programmée : ${invitationsSent} pilote${invitationsSent > 1 ? "s" : ""} des parties reçoi${invitationsSent > 1 ? "vent" : "t"} l’invitation.`
            : "Réunion enregistrée : elle est passée, aucune invitation n’est envoyée.",
        );
      }}
    >
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12">
          <FormSelect label="Réunion due" name="slot" field="slotDueOn" required placeholder="Choisissez la réunion" options={free} />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <DateInput label="Date" name="heldOn" defaultValue="" />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <FormInput label="Heure" name="heldAt" type="time" required />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <FormInput label="Lieu" name="place" hint="Adresse, ou laissez vide pour une réunion en visioconférence seule" inputProps={{ maxLength: 300 }} />
        </div>
        <div className="fr-col-12">
          <FormInput label="Lien de visioconférence (facultatif)" name="videoLink" type="url" hint="https://…" inputProps={{ maxLength: 500 }} />
        </div>
      </div>
    </CommandForm>
  );
}
