import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState } from "react";
import {
  APPOINTMENT_KIND_LABELS,
  APPOINTMENT_MODALITIES,
  APPOINTMENT_MODALITY_LABELS,
  APPOINTMENT_STATUS_LABELS,
  type AppointmentModality,
  appointmentChanges,
} from "../../../domain/support/appointments";
import { APPOINTMENT_KINDS } from "../../../domain/support/vocabulary";
import {
  type AppointmentView,
  AppointmentRequestSchema,
  CancelAppointmentRequestSchema,
  type CaseView,
  UpdateAppointmentRequestSchema,
} from "../../../shared/contracts/support";
import { CommandForm, DateInput, FormInput, FormSelect, formText } from "../../components/CommandForm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { frenchDate, frenchTime, longFrenchDate, parisMoment, takesNewActs, todayInParis } from "./supportFormat";

type Submit = (path: string, body: unknown, method?: "post" | "patch") => Promise<void>;

const KIND_OPTIONS = APPOINTMENT_KINDS.map((k) => ({ value: k, label: k === "social" ? "Social (travailleur social)" : "Professionnel (conseiller)" }));
const STATUS_OPTIONS = [
  { value: "planned", label: "Prévu" },
  { value: "attended", label: "La personne est venue" },
  { value: "missed", label: "La personne ne s’est pas présentée" },
];
const MODALITY_OPTIONS = APPOINTMENT_MODALITIES.map((m) => ({ value: m, label: APPOINTMENT_MODALITY_LABELS[m] }));

/** Time, modality and, as the modality asks, the place or the link; shared by recording and correcting. */
function AppointmentFields({ current }: { current?: AppointmentView }) {
  const [modality, setModality] = useState<string>(current?.modality ?? "");
  return (
    <div onChange={(e) => e.target instanceof HTMLSelectElement && e.target.name === "modality" && setModality(e.target.value)}>
      <FormSelect label="Type de rendez-vous" name="kind" options={KIND_OPTIONS} defaultValue={current?.kind ?? "social"} />
      <DateInput label="Date du rendez-vous" name="scheduledOn" field="scheduledOn" defaultValue={current?.scheduledOn ?? todayInParis()} />
      <FormInput label="Heure" name="scheduledTime" field="scheduledTime" type="time" required={false} defaultValue={current?.scheduledTime ?? ""} hint="Nécessaire pour envoyer la convocation." />
      <FormSelect
        label="Modalité"
        name="modality"
        field="modality"
        options={MODALITY_OPTIONS}
        placeholder="Non précisée"
        defaultValue={current?.modality ?? ""}
        hint="Sur place, par téléphone ou en visioconférence : nécessaire pour envoyer la convocation."
      />
      {modality === "in_person" && <FormInput label="Lieu" name="place" field="place" required defaultValue={current?.place ?? ""} hint="Adresse ou nom du lieu, tel que la personne le lira." />}
      {modality === "video" && (
        <FormInput label="Lien de la visioconférence" name="videoLink" field="videoLink" type="url" required defaultValue={current?.videoLink ?? ""} hint="Commence par https://" />
      )}
      <FormSelect label="Présence" name="status" field="status" options={STATUS_OPTIONS} defaultValue={current?.status ?? "planned"} />
    </div>
  );
}

/** The appointment's values from the form: only what its modality uses. */
function appointmentValues(d: FormData) {
  const modality = (formText(d, "modality") || null) as AppointmentModality | null;
  return {
    kind: formText(d, "kind"),
    scheduledOn: formText(d, "scheduledOn"),
    scheduledTime: formText(d, "scheduledTime") || null,
    modality,
    place: modality === "in_person" ? formText(d, "place") || null : null,
    videoLink: modality === "video" ? formText(d, "videoLink") || null : null,
    status: formText(d, "status"),
  };
}

/** Plans an appointment (or records one that took place or was missed). */
export function AppointmentForm({ submit, titleAs }: { submit: Submit; titleAs?: "h2" | "h3" }) {
  return (
    <CommandForm
      title="Rendez-vous"
      titleAs={titleAs}
      submitLabel="Enregistrer le rendez-vous"
      schema={AppointmentRequestSchema}
      body={appointmentValues}
      onSubmit={(body) => submit("appointments", body)}
      success="Rendez-vous enregistré."
    >
      <AppointmentFields />
    </CommandForm>
  );
}

function whereOf(a: AppointmentView) {
  if (a.modality === "in_person") return `Sur place : ${a.place ?? ""}`;
  if (a.modality === "phone") return "Par téléphone";
  if (a.modality === "video") return "En visioconférence";
  return "Modalité non précisée";
}

/** One change of the history, in words. */
function changeText(c: AppointmentView["history"][number]) {
  const who = c.changedBy ? ` par ${c.changedBy}` : "";
  if (c.kind === "cancellation") return `Annulé le ${parisMoment(c.changedAt)}${who} : ${c.reason ?? ""}`;
  const what = c.kind === "presence" ? "Présence enregistrée" : "Corrigé";
  return `${what} le ${parisMoment(c.changedAt)}${who} — ${appointmentChanges(c.before, c.after)}`;
}

function AppointmentItem({ view, a, submit }: { view: CaseView; a: AppointmentView; submit: Submit }) {
  const [open, setOpen] = useState<"correct" | "cancel" | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [sent, setSent] = useState<string | null>(null);
  const running = view.status === "active" || view.status === "social_only";
  const editable = view.can.work && running && !a.cancelled && takesNewActs(view);
  const sendable = running && takesNewActs(view) && !a.cancelled && a.status === "planned" && a.scheduledTime !== null && a.modality !== null && a.scheduledOn >= todayInParis();
  const path = `appointments/${a.id}`;
  const act = (fn: () => Promise<void>, done?: string) => {
    setError(null);
    setSent(null);
    fn()
      .then(() => done && setSent(done))
      .catch(setError);
  };
  const heading = `${APPOINTMENT_KIND_LABELS[a.kind]} — ${longFrenchDate(a.scheduledOn)}${a.scheduledTime ? ` à ${frenchTime(a.scheduledTime)}` : ""}`;
  return (
    <li className="fr-p-2w fr-mb-2w" style={{ border: "1px solid var(--border-default-grey)" }}>
      <h3 className="fr-h6 fr-mb-1w">
        {a.cancelled ? <s>{heading}</s> : heading}{" "}
        {a.cancelled ? (
          <Badge small severity="error">
            Annulé
          </Badge>
        ) : (
          <Badge small noIcon severity={a.status === "attended" ? "success" : a.status === "missed" ? "warning" : "info"}>
            {APPOINTMENT_STATUS_LABELS[a.status]}
          </Badge>
        )}
      </h3>
      <p className="fr-mb-1w">
        {whereOf(a)}
        {a.modality === "video" && a.videoLink && (
          <>
            {" : "}
            <a href={a.videoLink} target="_blank" rel="noopener noreferrer" title={`${a.videoLink} — nouvelle fenêtre`}>
              {a.videoLink}
            </a>
          </>
        )}
        {a.professional && ` — avec ${a.professional}`}
      </p>
      {a.cancelled && <p className="fr-mb-1w">Annulé le {frenchDate(a.cancelled.on)} : {a.cancelled.reason}</p>}
      {a.invitedAt && !a.cancelled && <p className="fr-text--sm fr-mb-1w">Convocation envoyée par courriel le {parisMoment(a.invitedAt)}.</p>}
      <ErrorAlert error={error} />
      <div role="status" aria-live="polite">
        {sent && <p className="fr-message fr-message--valid fr-mb-1w">{sent}</p>}
      </div>
      <ul className="fr-btns-group fr-btns-group--inline-sm fr-btns-group--sm fr-btns-group--icon-left">
        {editable && a.status === "planned" && a.scheduledOn <= todayInParis() && (
          <>
            <li>
              <Button size="small" priority="secondary" onClick={() => act(() => submit(path, { status: "attended" }, "patch"))}>
                Présent(e)
              </Button>
            </li>
            <li>
              <Button size="small" priority="secondary" onClick={() => act(() => submit(path, { status: "missed" }, "patch"))}>
                Absent(e)
              </Button>
            </li>
          </>
        )}
        {sendable && (
          <li>
            <a
              className="fr-btn fr-btn--sm fr-btn--tertiary fr-icon-download-line fr-btn--icon-left"
              href={`/api/support/cases/${view.id}/appointments/${a.id}/letter`}
              download
            >
              Lettre de convocation (PDF)
            </a>
          </li>
        )}
        {sendable && view.can.emailPerson && (
          <li>
            <Button
              size="small"
              priority="tertiary"
              iconId="fr-icon-mail-line"
              onClick={() => act(() => submit(`${path}/invitation`, {}), "Convocation envoyée à la personne, avec l’invitation pour son agenda.")}
            >
              {a.invitedAt ? "Renvoyer par courriel" : "Envoyer par courriel"}
            </Button>
          </li>
        )}
        {editable && (
          <>
            <li>
              <Button size="small" priority="tertiary" aria-expanded={open === "correct"} onClick={() => setOpen(open === "correct" ? null : "correct")}>
                Corriger
              </Button>
            </li>
            <li>
              <Button size="small" priority="tertiary" aria-expanded={open === "cancel"} onClick={() => setOpen(open === "cancel" ? null : "cancel")}>
                Annuler le rendez-vous
              </Button>
            </li>
          </>
        )}
      </ul>
      {sendable && !view.can.emailPerson && (
        <p className="fr-text--sm fr-mb-1w">La personne n’a pas d’adresse électronique enregistrée : remettez-lui ou envoyez-lui la lettre de convocation.</p>
      )}
      {open === "correct" && (
        <CommandForm
          title="Corriger le rendez-vous"
          submitLabel="Enregistrer la correction"
          schema={UpdateAppointmentRequestSchema}
          body={appointmentValues}
          onSubmit={async (body) => {
            await submit(path, body, "patch");
            setOpen(null);
          }}
          extraButtons={
            <li>
              <Button type="button" priority="secondary" onClick={() => setOpen(null)}>
                Fermer
              </Button>
            </li>
          }
        >
          <p className="fr-text--sm">Les valeurs actuelles restent visibles dans l’historique du rendez-vous.{a.invitedAt && " La personne recevra la mise à jour de son invitation."}</p>
          <AppointmentFields current={a} />
        </CommandForm>
      )}
      {open === "cancel" && (
        <CommandForm
          title="Annuler le rendez-vous"
          submitLabel="Annuler ce rendez-vous"
          schema={CancelAppointmentRequestSchema}
          body={(d) => ({ reason: formText(d, "reason") })}
          onSubmit={async (body) => {
            await submit(`${path}/cancellation`, body);
            setOpen(null);
          }}
          confirm={{
            title: "Annuler ce rendez-vous ?",
            description: (
              <p>
                L’annulation est définitive : le rendez-vous reste affiché, barré, avec son motif, et ne compte plus pour les échéances.
                {a.invitedAt ? " La personne recevra l’annulation dans son agenda." : ""}
              </p>
            ),
            confirmLabel: "Confirmer l’annulation",
          }}
          extraButtons={
            <li>
              <Button type="button" priority="secondary" onClick={() => setOpen(null)}>
                Fermer
              </Button>
            </li>
          }
        >
          <FormInput label="Motif de l’annulation" name="reason" field="reason" required inputProps={{ maxLength: 500 }} />
        </CommandForm>
      )}
      {a.history.length > 0 && (
        <details className="fr-mt-1w">
          <summary>Historique du rendez-vous ({a.history.length})</summary>
          <ol className="fr-mt-1w">
            {a.history.map((c) => (
              <li key={c.changedAt + c.kind}>{changeText(c)}</li>
            ))}
          </ol>
        </details>
      )}
    </li>
  );
}

/** The case's appointments: when, where or how, with whom; corrected, cancelled, sent to the person. */
export function CaseAppointments({ view, submit }: { view: CaseView; submit: Submit }) {
  return (
    <section aria-labelledby="rdv" className="fr-mb-4w">
      <h2 id="rdv">Rendez-vous</h2>
      {view.appointments.length === 0 ? (
        <p>Aucun rendez-vous enregistré.</p>
      ) : (
        <ul className="fr-raw-list">
          {view.appointments.map((a) => (
            <AppointmentItem key={a.id} view={view} a={a} submit={submit} />
          ))}
        </ul>
      )}
    </section>
  );
}
