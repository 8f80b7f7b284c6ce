import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Link, useParams } from "react-router";
import { z } from "zod";
import {
  AgendaItemSchema,
  ATTENDANCE_LABELS,
  ATTENDANCES,
  type Meeting,
  MeetingSchema,
  MinutesSchema,
  NewActionSchema,
  SIDE_LABELS,
} from "../../../shared/contracts/governance";
import { api } from "../../api";
import { CommandForm, DateInput, FormInput, FormSelect, formText } from "../../components/CommandForm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { formatNumber, frenchDate, parisToday } from "../conventions/format";
import { ActionsTable } from "./ActionsTable";
import { SLOT_STATE_LABELS, SLOT_STATE_SEVERITY, sendGovernance } from "./governanceApi";

/** A governance meeting: when and where, who is invited, its agenda, its minutes and their adoption by each side, its actions. */
export function MeetingPage() {
  const { id = "" } = useParams();
  const { data: m, error, reload } = useApi(() => api.get(`/api/governance/meetings/${id}`, MeetingSchema), [id]);
  usePageTitle(m ? m.label : "Réunion de gouvernance");
  if (error) return <ErrorAlert error={error} />;
  if (!m) return <LoadingState />;
  return (
    <>
      <h1>{m.label}</h1>
      <p>
        <Badge severity={SLOT_STATE_SEVERITY[m.state]} small noIcon>
          {SLOT_STATE_LABELS[m.state]}
        </Badge>{" "}
        Convention <Link to={`/conventions/${m.conventionId}#gouvernance`}>{m.conventionNumber}</Link>
      </p>
      <ul>
        <li>
          Le {frenchDate(m.heldOn)} à {m.heldAt.replace(":", " h ")}
        </li>
        {m.place && <li>Lieu : {m.place}</li>}
        {m.videoLink && (
          <li>
            Visioconférence : <a href={m.videoLink}>{m.videoLink}</a>
          </li>
        )}
        <li>
          Secrétariat : {m.secretariat.organisation} ({SIDE_LABELS[m.secretariat.side]})
        </li>
        <li>Réunion due au plus tard le {frenchDate(m.slotDueOn)}</li>
      </ul>
      <h2>Invités</h2>
      <ResponsiveTable
        caption="Pilotes des parties invités"
        headers={["Nom", "Organisation", "Présence"]}
        rows={m.invitees.map((i) => ({ key: i.userId, cells: [i.name, i.organisation, i.attendance ? ATTENDANCE_LABELS[i.attendance] : "—"] }))}
      />
      <Agenda m={m} reload={reload} />
      <Minutes m={m} reload={reload} />
      <h2>Actions</h2>
      {m.actions.length === 0 ? <p>Aucune action.</p> : <ActionsTable actions={m.actions} onDone={reload} caption="Actions décidées à cette réunion" />}
      {m.can.write && !m.minutes.adoptedOn && <ActionForm m={m} reload={reload} />}
    </>
  );
}

function Agenda({ m, reload }: { m: Meeting; reload: () => void }) {
  return (
    <>
      <h2>Ordre du jour</h2>
      <h3 className="fr-h5">Engagements de la convention</h3>
      {m.agenda.commitments.length === 0 ? (
        <p>La convention ne fixe pas d’engagement chiffré.</p>
      ) : (
        <ResponsiveTable
          caption="État des engagements"
          headers={["Engagement", "Cible", "Valeur", "État"]}
          rows={m.agenda.commitments.map((c) => ({
            key: c.key,
            cells: [c.description, formatNumber(c.target), c.value === null ? "—" : formatNumber(c.value), c.statusLabel],
          }))}
        />
      )}
      <h3 className="fr-h5">
        Échéances de la convention du {frenchDate(m.agenda.deadlinesFrom)} au {frenchDate(m.agenda.deadlinesTo)}
      </h3>
      {m.agenda.deadlines.length === 0 ? (
        <p>Aucune échéance (fin, préavis, versement) sur la période.</p>
      ) : (
        <ul>
          {m.agenda.deadlines.map((d) => (
            <li key={`${d.kind}-${d.dueOn}-${d.label}`}>
              {frenchDate(d.dueOn)} : {d.label}
            </li>
          ))}
        </ul>
      )}
      <h3 className="fr-h5">Indicateurs de la période</h3>
      {m.agenda.figures && (
        <div className="fr-table fr-table--no-caption">
          <table>
            <caption>Indicateurs — {m.agenda.figures.period}</caption>
            <thead>
              <tr>
                <th scope="col">Indicateur</th>
                <th scope="col">{m.agenda.figures.period}</th>
              </tr>
            </thead>
            <tbody>
              {m.agenda.figures.figures.map((f) => (
                <tr key={f.key}>
                  <td>{f.name}</td>
                  <td>
                    {f.display}
                    {f.frozen ? " (figé)" : ""}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <p>
        <Link to={m.agenda.indicatorsUrl} className="fr-link fr-icon-line-chart-line fr-link--icon-left">
          Tableau de bord des indicateurs de la convention
        </Link>
      </p>
      <h3 className="fr-h5">Points ajoutés par les membres</h3>
      {m.agenda.items.length === 0 ? (
        <p>Aucun point ajouté.</p>
      ) : (
        <ul>
          {m.agenda.items.map((i) => (
            <li key={i.id}>
              {i.text} <span className="fr-hint-text">— {i.author}</span>
            </li>
          ))}
        </ul>
      )}
      {m.can.addItem && (
        <CommandForm
          title="Ajouter un point à l’ordre du jour"
          titleAs="h4"
          submitLabel="Ajouter le point"
          schema={AgendaItemSchema}
          success="Point ajouté."
          body={(d) => ({ text: formText(d, "text") })}
          onSubmit={async (body) => {
            await sendGovernance("post", `/api/governance/meetings/${m.id}/agenda-items`, z.object({ id: z.string() }), body);
            reload();
          }}
        >
          <FormInput label="Point" name="text" textArea required inputProps={{ maxLength: 1000 }} />
        </CommandForm>
      )}
    </>
  );
}

function Minutes({ m, reload }: { m: Meeting; reload: () => void }) {
  const recorded = m.minutes.version > 0;
  return (
    <>
      <h2>Compte rendu</h2>
      {!recorded ? (
        <p>Pas encore de compte rendu{m.heldOn > parisToday() ? " : la réunion n’a pas encore eu lieu." : "."}</p>
      ) : (
        <>
          <p>
            Version {m.minutes.version}, établie le {frenchDate(m.minutes.recordedOn)}.{" "}
            {m.minutes.adoptedOn ? `Adopté par toutes les parties le ${frenchDate(m.minutes.adoptedOn)} : verrouillé.` : "En attente d’adoption."}{" "}
            <a href={`/api/governance/meetings/${m.id}/minutes.pdf`} download className="fr-link fr-icon-download-line fr-link--icon-left">
              Télécharger le compte rendu (PDF)
            </a>
          </p>
          <h3 className="fr-h5">Décisions</h3>
          {m.minutes.decisions.length === 0 ? (
            <p>Aucune décision.</p>
          ) : (
            <ol>
              {m.minutes.decisions.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ol>
          )}
          <h3 className="fr-h5">Adoption par les parties</h3>
          <ul>
            {m.minutes.sidesToAdopt.map((side) => {
              const a = m.minutes.adoptions.find((x) => x.side === side);
              return (
                <li key={side}>
                  {SIDE_LABELS[side]} : {a ? `adopté le ${frenchDate(a.adoptedAt)} par ${a.by} (${a.organisation})` : "adoption attendue"}
                </li>
              );
            })}
          </ul>
          {m.can.adoptAs && (
            <CommandForm
              title={`Adopter le compte rendu pour la partie ${SIDE_LABELS[m.can.adoptAs]}`}
              titleAs="h4"
              submitLabel="Adopter le compte rendu"
              success="Compte rendu adopté pour votre partie."
              body={() => ({})}
              confirm={{
                title: "Adopter ce compte rendu ?",
                description: `Vous adoptez la version ${m.minutes.version} pour la partie ${SIDE_LABELS[m.can.adoptAs]}. Une fois adopté par toutes les parties, il est verrouillé.`,
                confirmLabel: "Adopter",
              }}
              onSubmit={async () => {
                await sendGovernance("post", `/api/governance/meetings/${m.id}/adoption`, z.object({ adoptedByAll: z.boolean() }), {});
                reload();
              }}
            />
          )}
        </>
      )}
      {m.can.recordMinutes && <MinutesForm m={m} reload={reload} />}
    </>
  );
}

function MinutesForm({ m, reload }: { m: Meeting; reload: () => void }) {
  const correcting = m.minutes.adoptedOn !== null;
  return (
    <details className="fr-my-3w" open={m.minutes.version === 0}>
      <summary>{correcting ? "Corriger le compte rendu (nouvelle version à adopter)" : m.minutes.version ? "Modifier le compte rendu" : "Enregistrer le compte rendu"}</summary>
      <CommandForm
        className="fr-mt-2w"
        title={correcting ? "Correction du compte rendu" : "Compte rendu"}
        titleAs="h4"
        submitLabel={correcting ? "Enregistrer la correction" : "Enregistrer le compte rendu"}
        schema={MinutesSchema}
        success="Compte rendu enregistré."
        body={(d) => ({
          recordedOn: formText(d, "recordedOn"),
          attendance: m.invitees.flatMap((i) => {
            const value = formText(d, `attendance-${i.userId}`);
            return value ? [{ userId: i.userId, attendance: value as (typeof ATTENDANCES)[number] }] : [];
          }),
          decisions: formText(d, "decisions")
            .split("\n")
            .map((l) => l.trim())
            .filter(Boolean),
        })}
        onSubmit={async (body) => {
          await sendGovernance("put", `/api/governance/meetings/${m.id}/minutes`, z.object({ version: z.number() }), body);
          reload();
        }}
      >
        <DateInput label="Compte rendu établi le" name="recordedOn" defaultValue={m.minutes.recordedOn ?? parisToday()} />
        <fieldset className="fr-fieldset">
          <legend className="fr-fieldset__legend">Présences</legend>
          {m.invitees.map((i) => (
            <div className="fr-fieldset__element" key={i.userId}>
              <FormSelect
                label={`${i.name} (${i.organisation})`}
                name={`attendance-${i.userId}`}
                defaultValue={i.attendance ?? ""}
                placeholder="Non renseigné"
                options={ATTENDANCES.map((a) => ({ value: a, label: ATTENDANCE_LABELS[a] }))}
              />
            </div>
          ))}
        </fieldset>
        <FormInput label="Décisions" name="decisions" hint="Une décision par ligne" textArea defaultValue={m.minutes.decisions.join("\n")} inputProps={{ rows: 5 }} />
      </CommandForm>
    </details>
  );
}

function ActionForm({ m, reload }: { m: Meeting; reload: () => void }) {
  return (
    <CommandForm
      title="Ajouter une action"
      titleAs="h3"
      submitLabel="Ajouter l’action"
      schema={NewActionSchema}
      success="Action ajoutée."
      body={(d) => ({ text: formText(d, "text"), ownerId: formText(d, "ownerId"), dueOn: formText(d, "dueOn") })}
      onSubmit={async (body) => {
        await sendGovernance("post", `/api/governance/meetings/${m.id}/actions`, z.object({ id: z.string() }), body);
        reload();
      }}
    >
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12">
          <FormInput label="Action" name="text" required inputProps={{ maxLength: 1000 }} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <FormSelect label="Responsable" name="ownerId" required placeholder="Choisissez le responsable" options={m.candidateOwners.map((o) => ({ value: o.id, label: o.name }))} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <DateInput label="Échéance" name="dueOn" defaultValue="" />
        </div>
      </div>
    </CommandForm>
  );
}
