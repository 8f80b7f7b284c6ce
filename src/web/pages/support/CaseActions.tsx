import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState } from "react";
import {
  APPOINTMENT_KINDS,
  CONSENT_METHOD_LABELS,
  CONSENT_METHODS,
  DIAGNOSIS_KIND_LABELS,
  DIAGNOSIS_KINDS,
  EXIT_TYPE_LABELS,
  EXIT_TYPES,
} from "../../../domain/support/vocabulary";
import { type CaseView, PairCandidatesSchema } from "../../../shared/contracts/support";
import { api } from "../../api";
import { CommandForm, DateInput } from "../../components/CommandForm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useApi } from "../../useApi";
import { todayInParis } from "./supportFormat";

type Submit = (path: string, body: unknown, method?: "post" | "patch") => Promise<void>;

/** A date of a command (today by default), which shows the rule the server found it breaks right under it. */
function DateField(props: { label: string; name: string; field?: string; required?: boolean; hint?: string; defaultValue?: string }) {
  return <DateInput {...props} defaultValue={props.defaultValue ?? todayInParis()} />;
}
const dateInput = (label: string, name: string, field = "on") => <DateField label={label} name={name} field={field} />;
const str = (d: FormData, k: string) => String(d.get(k) ?? "");

/** Where the decision was taken: the monthly review (with its date) or the pair. */
function SourceFields({ prefix, allowPair }: { prefix: string; allowPair: boolean }) {
  return (
    <>
      <Select label={`${prefix} décidé(e)`} nativeSelectProps={{ name: "sourceKind", defaultValue: "review" }}>
        <option value="review">en revue de portefeuille</option>
        {allowPair && <option value="pair">par le binôme</option>}
      </Select>
      {dateInput("Date de la revue", "reviewedOn", "source.reviewedOn")}
    </>
  );
}
const sourceOf = (d: FormData) =>
  str(d, "sourceKind") === "pair" ? { kind: "pair" } : { kind: "review", reviewId: null, reviewedOn: str(d, "reviewedOn") };

function PairForm({ view, submit }: { view: CaseView; submit: Submit }) {
  const { data, error } = useApi(() => api.get(`/api/support/cases/${view.id}/pair-candidates`, PairCandidatesSchema), [view.id]);
  const load = (n: number) => (data?.target ? `${n} / ${data.target} accompagnements actifs` : `${n} accompagnement${n > 1 ? "s" : ""} actif${n > 1 ? "s" : ""}`);
  return (
    <>
      <ErrorAlert error={error} />
      {data && (
        <CommandForm
          title={view.pair ? "Binôme (fixe une fois l'accompagnement commencé)" : "Choisir le binôme"}
          submitLabel="Enregistrer le binôme"
          onSubmit={(d) => submit("pair", { advisorId: str(d, "advisorId"), socialWorkerId: str(d, "socialWorkerId") })}
        >
          {data.target !== null && (
            <p className="fr-text--sm">
              Taille cible du portefeuille d'un conseiller : {data.target} {data.targetSource}
            </p>
          )}
          <Select label="Conseiller France Travail" nativeSelectProps={{ name: "advisorId", required: true, defaultValue: view.pair?.advisor.id ?? "" }}>
            <option value="">Choisir</option>
            {data.advisors.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.organisation}) — {load(p.activeCases)}
              </option>
            ))}
          </Select>
          <Select label="Travailleur social" nativeSelectProps={{ name: "socialWorkerId", required: true, defaultValue: view.pair?.socialWorker.id ?? "" }}>
            <option value="">Choisir</option>
            {data.socialWorkers.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name} ({p.organisation}) — {load(p.activeCases)}
              </option>
            ))}
          </Select>
        </CommandForm>
      )}
    </>
  );
}

/** The commands open in the case's current state (the server checks each again). */
export function CaseActions({ view, submit }: { view: CaseView; submit: Submit }) {
  const beforeEntry = view.status === "oriented" || view.status === "diagnosed" || view.status === "awaiting_entry";
  const running = view.status === "active" || view.status === "social_only";
  const [socialOnlyConsent, setSocialOnlyConsent] = useState(false);
  const [jointDecision, setJointDecision] = useState(false);
  return (
    <section aria-labelledby="actions">
      <h2 id="actions">Actions</h2>
      {beforeEntry && (
        <>
          <CommandForm title="Consentement de la personne" submitLabel="Enregistrer le consentement" onSubmit={(d) => submit("consent", { givenOn: str(d, "givenOn"), method: str(d, "method") })}>
            {dateInput("Date du consentement", "givenOn", "givenOn")}
            <Select label="Manière de le recueillir" nativeSelectProps={{ name: "method", required: true, defaultValue: view.consent?.method ?? "in_person" }}>
              {CONSENT_METHODS.map((m) => (
                <option key={m} value={m}>
                  {CONSENT_METHOD_LABELS[m]}
                </option>
              ))}
            </Select>
          </CommandForm>
          <PairForm view={view} submit={submit} />
          <CommandForm
            title="Diagnostic"
            submitLabel="Enregistrer le diagnostic"
            onSubmit={(d) => submit("diagnosis", { kind: str(d, "kind"), on: str(d, "diagnosisOn"), disagreement: d.get("disagreement") === "on", ...(str(d, "summary").trim() ? { summary: str(d, "summary").trim() } : {}) })}
          >
            <Select label="Type de diagnostic" nativeSelectProps={{ name: "kind", defaultValue: view.origin === "pf1" || view.origin === "pf2" ? "trust" : "shared" }}>
              {DIAGNOSIS_KINDS.map((k) => (
                <option key={k} value={k}>
                  {DIAGNOSIS_KIND_LABELS[k]}
                </option>
              ))}
            </Select>
            {dateInput("Date du diagnostic", "diagnosisOn")}
            <Checkbox options={[{ label: "Le conseiller et le travailleur social sont en désaccord (la revue tranchera)", nativeInputProps: { name: "disagreement" } }]} />
            <Input textArea label="Synthèse partagée avec le binôme et l'orienteur (facultatif)" nativeTextAreaProps={{ name: "summary", rows: 3, maxLength: 5000 }} />
          </CommandForm>
          {view.status === "diagnosed" && (
            <CommandForm title="Revue de portefeuille" submitLabel="Soumettre l'entrée à la revue de portefeuille" onSubmit={() => submit("submission", {})} />
          )}
          {view.status !== "oriented" && (
            <CommandForm title="Entrée en accompagnement" submitLabel="Enregistrer l'entrée" onSubmit={(d) => submit("entry", { on: str(d, "entryOn"), source: sourceOf(d) })}>
              {dateInput("Date d'entrée", "entryOn")}
              <SourceFields prefix="Entrée" allowPair={view.convention.terms.directEntryAllowed} />
            </CommandForm>
          )}
          <CommandForm title="Refus d'entrée" submitLabel="Refuser l'entrée" onSubmit={(d) => submit("refusal", { on: str(d, "refusalOn"), reason: str(d, "reason"), source: sourceOf(d) })}>
            {dateInput("Date du refus", "refusalOn")}
            <Input label="Motif du refus" nativeInputProps={{ name: "reason", required: true, maxLength: 2000 }} />
            <SourceFields prefix="Refus" allowPair />
          </CommandForm>
        </>
      )}
      {running && (
        <>
          <CommandForm
            title="Rendez-vous"
            submitLabel="Enregistrer le rendez-vous"
            onSubmit={(d) => submit("appointments", { kind: str(d, "kind"), scheduledOn: str(d, "scheduledOn"), status: str(d, "status") })}
          >
            <Select label="Type de rendez-vous" nativeSelectProps={{ name: "kind" }}>
              {APPOINTMENT_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k === "social" ? "Social (travailleur social)" : "Professionnel (conseiller)"}
                </option>
              ))}
            </Select>
            {dateInput("Date du rendez-vous", "scheduledOn", "scheduledOn")}
            <Select label="Présence" nativeSelectProps={{ name: "status", defaultValue: "planned" }}>
              <option value="planned">Prévu</option>
              <option value="attended">La personne est venue</option>
              <option value="missed">La personne ne s'est pas présentée</option>
            </Select>
          </CommandForm>
          <CommandForm
            title={`Renouvellement (${view.renewalsUsed} sur ${view.convention.terms.renewalsAllowed} possible${view.convention.terms.renewalsAllowed > 1 ? "s" : ""})`}
            submitLabel="Renouveler l'accompagnement"
            onSubmit={(d) => submit("renewal", { on: str(d, "renewalOn"), ...(str(d, "months") ? { months: Number(str(d, "months")) } : {}), source: sourceOf(d) })}
          >
            {dateInput("Date de la décision de renouvellement", "renewalOn")}
            <Input
              label="Durée du renouvellement en mois (facultatif)"
              hintText={`Au plus ${view.convention.terms.monthsPerRenewal} mois, dans la limite de ${view.convention.terms.maxTotalMonths} mois au total.`}
              nativeInputProps={{ name: "months", type: "number", min: 1, max: view.convention.terms.monthsPerRenewal }}
            />
            <SourceFields prefix="Renouvellement" allowPair />
          </CommandForm>
          {view.status === "active" ? (
            <CommandForm
              title="Accompagnement social exclusif"
              submitLabel="Passer en accompagnement social exclusif"
              onSubmit={(d) => submit("social-only", { on: str(d, "socialOnlyOn"), personConsents: socialOnlyConsent, jointDecision, source: { kind: "pair" } })}
            >
              {dateInput("Date de début", "socialOnlyOn")}
              <Checkbox
                options={[
                  { label: "La personne y consent", nativeInputProps: { checked: socialOnlyConsent, onChange: (e) => setSocialOnlyConsent(e.target.checked) } },
                  { label: "Décision commune de la personne, du conseiller et du travailleur social", nativeInputProps: { checked: jointDecision, onChange: (e) => setJointDecision(e.target.checked) } },
                ]}
              />
            </CommandForm>
          ) : (
            <CommandForm title="Reprise du parcours emploi" submitLabel="Reprendre le parcours emploi" onSubmit={(d) => submit("social-only/end", { on: str(d, "resumeOn"), source: { kind: "pair" } })}>
              {dateInput("Date de reprise", "resumeOn")}
            </CommandForm>
          )}
          <CommandForm
            title="Emploi court ou formation courte (l'accompagnement continue)"
            submitLabel="Enregistrer l'activité"
            onSubmit={(d) => submit("activities", { kind: str(d, "activityKind"), startsOn: str(d, "startsOn"), endsOn: str(d, "endsOn") || null })}
          >
            <Select label="Activité" nativeSelectProps={{ name: "activityKind" }}>
              <option value="short_job">Emploi de courte durée</option>
              <option value="short_training">Formation courte</option>
            </Select>
            {dateInput("Début de l'activité", "startsOn", "startsOn")}
            <DateField
              label="Fin prévue (facultatif)"
              name="endsOn"
              required={false}
              defaultValue=""
              hint={
                view.convention.terms.shortActivityUnderMonths !== null
                  ? `Un emploi court ou une formation courte dure moins de ${view.convention.terms.shortActivityUnderMonths} mois (convention n° ${view.convention.number}).`
                  : undefined
              }
            />
          </CommandForm>
          <CommandForm title="Sortie" submitLabel="Enregistrer la sortie" onSubmit={(d) => submit("exit", { on: str(d, "exitOn"), type: str(d, "exitType"), source: sourceOf(d) })}>
            {dateInput("Date de sortie", "exitOn")}
            <Select label="Type de sortie" nativeSelectProps={{ name: "exitType", required: true, defaultValue: "" }}>
              <option value="">Choisir</option>
              {EXIT_TYPES.map((t) => (
                <option key={t} value={t}>
                  {EXIT_TYPE_LABELS[t]}
                </option>
              ))}
            </Select>
            <SourceFields prefix="Sortie" allowPair />
          </CommandForm>
        </>
      )}
    </section>
  );
}

