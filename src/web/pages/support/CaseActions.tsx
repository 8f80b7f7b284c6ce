import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { type ReactNode, useState } from "react";
import { z } from "zod";
import {
  CONSENT_METHOD_LABELS,
  CONSENT_METHODS,
  DIAGNOSIS_KIND_LABELS,
  DIAGNOSIS_KINDS,
  EXIT_TYPE_LABELS,
  EXIT_TYPES,
} from "../../../domain/support/vocabulary";
import {
  ActivityRequestSchema,
  type CaseView,
  ConsentRequestSchema,
  DiagnosisRequestSchema,
  EntryRequestSchema,
  ExitRequestSchema,
  PairCandidatesSchema,
  PairRequestSchema,
  RefusalRequestSchema,
  RenewalRequestSchema,
  SocialOnlyEndRequestSchema,
  SocialOnlyRequestSchema,
} from "../../../shared/contracts/support";
import { cadenceWording } from "../../../domain/shared/cadence";
import { api } from "../../api";
import { CommandForm, DateInput, FormInput, FormSelect, formText, optionalText } from "../../components/CommandForm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useApi } from "../../useApi";
import { AppointmentForm } from "./CaseAppointments";
import { conventionEnded, frenchDate, todayInParis } from "./supportFormat";

type Submit = (path: string, body: unknown, method?: "post" | "patch") => Promise<void>;
type TitleLevel = "h2" | "h3";

export type ActionKey =
  | "barriers"
  | "consent"
  | "pair"
  | "diagnosis"
  | "submission"
  | "entry"
  | "refusal"
  | "appointment"
  | "renewal"
  | "social_only"
  | "resume"
  | "activity"
  | "exit";

const BEFORE_ENTRY = ["oriented", "diagnosed", "awaiting_entry"];
const RUNNING = ["active", "social_only"];

/**
 * What is due next on the case, from its status and its next deadline: the one primary action.
 * Before the entry, the steps in their order (consent, pair, diagnosis, barriers, submission or
 * entry); once running, the first appointments, then the decision the next deadline calls for
 * when it is close (renewal, exit, end of the social-only pause), otherwise the next appointment.
 */
export function nextStepOf(view: CaseView): ActionKey | null {
  if (conventionEnded(view)) return RUNNING.includes(view.status) ? "exit" : BEFORE_ENTRY.includes(view.status) ? "refusal" : null;
  if (BEFORE_ENTRY.includes(view.status)) {
    if (!view.consent) return "consent";
    if (!view.pair) return "pair";
    if (!view.diagnosis) return "diagnosis";
    if (!view.eligibility.eligible) return "barriers";
    if (view.status === "diagnosed" && !view.convention.terms.directEntryAllowed) return "submission";
    return "entry";
  }
  if (!RUNNING.includes(view.status)) return null;
  const next = view.nextDeadline;
  if (!next || next.kind === "first_appointments") return "appointment";
  const close = next.urgency !== "later";
  if (close && next.kind === "renewal_decision") return "renewal";
  if (close && (next.kind === "exit_decision" || next.kind === "hard_stop")) return "exit";
  if (close && next.kind === "social_only_end") return "resume";
  return "appointment";
}

/** The commands open in the case's current state, in the order of the case's life (the server checks each again). */
function availableActions(view: CaseView): ActionKey[] {
  // After the convention's end, only the decision that closes the case (ADR 0024).
  if (conventionEnded(view)) return RUNNING.includes(view.status) ? ["exit"] : BEFORE_ENTRY.includes(view.status) ? ["refusal"] : [];
  if (BEFORE_ENTRY.includes(view.status)) {
    return ["consent", "pair", "diagnosis", ...(view.status === "diagnosed" ? (["submission"] as const) : []), ...(view.status !== "oriented" ? (["entry"] as const) : []), "refusal"];
  }
  if (RUNNING.includes(view.status)) return ["appointment", "renewal", view.status === "active" ? "social_only" : "resume", "activity", "exit"];
  return [];
}

const ACTION_LABELS: Record<ActionKey, string> = {
  barriers: "Compléter les freins",
  consent: "Consentement de la personne",
  pair: "Binôme",
  diagnosis: "Diagnostic",
  submission: "Soumettre l’entrée à la revue",
  entry: "Entrée en accompagnement",
  refusal: "Refus d’entrée",
  appointment: "Rendez-vous",
  renewal: "Renouvellement",
  social_only: "Accompagnement social exclusif",
  resume: "Reprise du parcours emploi",
  activity: "Emploi court ou formation courte",
  exit: "Sortie",
};


/** After the convention's end, the decision that closes the case is dated on its last day at the latest: proposed by default. */
const closingDay = (view: CaseView) => (conventionEnded(view) ? (view.convention.endsOn ?? undefined) : undefined);

/** A date of a command: today by default, the day most facts are recorded. */
const DateField = (props: Parameters<typeof DateInput>[0]) => <DateInput {...props} defaultValue={props.defaultValue ?? todayInParis()} />;

/** Where the decision was taken: the portfolio review (with its date) or the pair. */
function SourceFields({ prefix, allowPair }: { prefix: string; allowPair: boolean }) {
  const [kind, setKind] = useState("review");
  return (
    <div onChange={(e) => e.target instanceof HTMLSelectElement && e.target.name === "sourceKind" && setKind(e.target.value)}>
      <FormSelect
        label={`${prefix} décidé(e)`}
        name="sourceKind"
        defaultValue="review"
        options={[{ value: "review", label: "en revue de portefeuille" }, ...(allowPair ? [{ value: "pair", label: "par le binôme" }] : [])]}
      />
      {kind === "review" && <DateField label="Date de la revue" name="reviewedOn" field="source.reviewedOn" />}
    </div>
  );
}
const sourceOf = (d: FormData) => (formText(d, "sourceKind") === "pair" ? { kind: "pair" as const } : { kind: "review" as const, reviewId: null, reviewedOn: formText(d, "reviewedOn") });

function PairForm({ view, submit, titleAs }: { view: CaseView; submit: Submit; titleAs?: TitleLevel }) {
  const { data, error } = useApi(() => api.get(`/api/support/cases/${view.id}/pair-candidates`, PairCandidatesSchema), [view.id]);
  const load = (n: number) => (data?.target ? `${n} / ${data.target} accompagnements actifs` : `${n} accompagnement${n > 1 ? "s" : ""} actif${n > 1 ? "s" : ""}`);
  return (
    <>
      <ErrorAlert error={error} />
      {data && (
        <CommandForm
          title={view.pair ? "Binôme (fixe une fois l’accompagnement commencé)" : "Choisir le binôme"}
          titleAs={titleAs}
          submitLabel="Enregistrer le binôme"
          schema={PairRequestSchema}
          body={(d) => ({ advisorId: formText(d, "advisorId"), socialWorkerId: formText(d, "socialWorkerId") })}
          onSubmit={(body) => submit("pair", body)}
        >
          {data.target !== null && (
            <p className="fr-text--sm">
              Taille cible du portefeuille d’un conseiller : {data.target} {data.targetSource}
            </p>
          )}
          <FormSelect
            label="Conseiller France Travail"
            name="advisorId"
            required
            placeholder="Choisir"
            defaultValue={view.pair?.advisor.id ?? ""}
            options={data.advisors.map((p) => ({ value: p.id, label: `${p.name} (${p.organisation}) — ${load(p.activeCases)}` }))}
          />
          <FormSelect
            label="Travailleur social"
            name="socialWorkerId"
            required
            placeholder="Choisir"
            defaultValue={view.pair?.socialWorker.id ?? ""}
            options={data.socialWorkers.map((p) => ({ value: p.id, label: `${p.name} (${p.organisation}) — ${load(p.activeCases)}` }))}
          />
        </CommandForm>
      )}
    </>
  );
}

/** The form of one action; `titleAs` places its title under the section that holds it. */
function ActionForm({ action, view, submit, titleAs }: { action: ActionKey; view: CaseView; submit: Submit; titleAs?: TitleLevel }) {
  const terms = view.convention.terms;
  switch (action) {
    case "barriers":
      return (
        <p>
          L’entrée demande au moins un frein social et un frein professionnel présents. <a href="#freins">Ajoutez-les dans la partie « Freins »</a>.
        </p>
      );
    case "consent":
      return (
        <CommandForm
          title="Consentement de la personne"
          titleAs={titleAs}
          submitLabel="Enregistrer le consentement"
          schema={ConsentRequestSchema}
          body={(d) => ({ givenOn: formText(d, "givenOn"), method: formText(d, "method") })}
          onSubmit={(body) => submit("consent", body)}
        >
          <DateField label="Date du consentement" name="givenOn" field="givenOn" />
          <FormSelect
            label="Manière de le recueillir"
            name="method"
            required
            defaultValue={view.consent?.method ?? "in_person"}
            options={CONSENT_METHODS.map((m) => ({ value: m, label: CONSENT_METHOD_LABELS[m] }))}
          />
        </CommandForm>
      );
    case "pair":
      return <PairForm view={view} submit={submit} titleAs={titleAs} />;
    case "diagnosis":
      return (
        <CommandForm
          title="Diagnostic"
          titleAs={titleAs}
          submitLabel="Enregistrer le diagnostic"
          schema={DiagnosisRequestSchema}
          body={(d) => ({ kind: formText(d, "kind"), on: formText(d, "diagnosisOn"), disagreement: d.get("disagreement") === "on", summary: optionalText(d, "summary") })}
          onSubmit={(body) => submit("diagnosis", body)}
        >
          <FormSelect
            label="Type de diagnostic"
            name="kind"
            defaultValue={view.origin === "pf1" || view.origin === "pf2" ? "trust" : "shared"}
            options={DIAGNOSIS_KINDS.map((k) => ({ value: k, label: DIAGNOSIS_KIND_LABELS[k] }))}
          />
          <DateField label="Date du diagnostic" name="diagnosisOn" field="on" />
          <Checkbox options={[{ label: "Le conseiller et le travailleur social sont en désaccord (la revue tranchera)", nativeInputProps: { name: "disagreement" } }]} />
          <FormInput textArea label="Synthèse partagée avec le binôme et l’orienteur (facultatif)" name="summary" field="summary" required={false} inputProps={{ maxLength: 5000 }} />
        </CommandForm>
      );
    case "submission":
      return (
        <CommandForm
          title="Revue de portefeuille"
          titleAs={titleAs}
          submitLabel="Soumettre l’entrée à la revue de portefeuille"
          schema={z.strictObject({})}
          body={() => ({})}
          onSubmit={() => submit("submission", {})}
        >
          <p className="fr-text--sm">La revue de portefeuille {cadenceWording(terms.reviewCadenceMonths)} acte l’entrée.</p>
        </CommandForm>
      );
    case "entry":
      return (
        <CommandForm
          title="Entrée en accompagnement"
          titleAs={titleAs}
          submitLabel="Enregistrer l’entrée"
          schema={EntryRequestSchema}
          body={(d) => ({ on: formText(d, "entryOn"), source: sourceOf(d) })}
          onSubmit={(body) => submit("entry", body)}
        >
          <DateField label="Date d’entrée" name="entryOn" field="on" />
          <SourceFields prefix="Entrée" allowPair={terms.directEntryAllowed} />
        </CommandForm>
      );
    case "refusal":
      return (
        <CommandForm
          title="Refus d’entrée"
          titleAs={titleAs}
          submitLabel="Refuser l’entrée"
          schema={RefusalRequestSchema}
          body={(d) => ({ on: formText(d, "refusalOn"), reason: formText(d, "reason"), source: sourceOf(d) })}
          onSubmit={(body) => submit("refusal", body)}
          confirm={{
            title: "Refuser l’entrée ?",
            description: (
              <p>
                Le refus clôt ce dossier : il ne pourra plus être modifié. La personne pourra faire l’objet d’une nouvelle orientation.
              </p>
            ),
            confirmLabel: "Confirmer le refus",
          }}
        >
          <DateField label="Date du refus" name="refusalOn" field="on" defaultValue={closingDay(view)} />
          <FormInput label="Motif du refus" name="reason" field="reason" required inputProps={{ maxLength: 2000 }} />
          <SourceFields prefix="Refus" allowPair />
        </CommandForm>
      );
    case "appointment":
      return <AppointmentForm submit={submit} titleAs={titleAs} />;
    case "renewal":
      return (
        <CommandForm
          title={`Renouvellement (${view.renewalsUsed} sur ${terms.renewalsAllowed} possible${terms.renewalsAllowed > 1 ? "s" : ""})`}
          titleAs={titleAs}
          submitLabel="Renouveler l’accompagnement"
          schema={RenewalRequestSchema}
          body={(d) => ({ on: formText(d, "renewalOn"), ...(formText(d, "months") ? { months: Number(formText(d, "months")) } : {}), source: sourceOf(d) })}
          onSubmit={(body) => submit("renewal", body)}
        >
          <DateField label="Date de la décision de renouvellement" name="renewalOn" field="on" />
          <FormInput
            label="Durée du renouvellement en mois (facultatif)"
            name="months"
            field="months"
            type="number"
            required={false}
            hint={`Au plus ${terms.monthsPerRenewal} mois, dans la limite de ${terms.maxTotalMonths} mois au total.`}
            inputProps={{ min: 1, max: terms.monthsPerRenewal }}
          />
          <SourceFields prefix="Renouvellement" allowPair />
        </CommandForm>
      );
    case "social_only":
      return (
        <CommandForm
          title="Accompagnement social exclusif"
          titleAs={titleAs}
          submitLabel="Passer en accompagnement social exclusif"
          schema={SocialOnlyRequestSchema}
          body={(d) => ({ on: formText(d, "socialOnlyOn"), personConsents: d.get("personConsents") === "on", jointDecision: d.get("jointDecision") === "on", source: { kind: "pair" } })}
          onSubmit={(body) => submit("social-only", body)}
        >
          <DateField label="Date de début" name="socialOnlyOn" field="on" />
          <Checkbox
            options={[
              { label: "La personne y consent", nativeInputProps: { name: "personConsents" } },
              { label: "Décision commune de la personne, du conseiller et du travailleur social", nativeInputProps: { name: "jointDecision" } },
            ]}
          />
        </CommandForm>
      );
    case "resume":
      return (
        <CommandForm
          title="Reprise du parcours emploi"
          titleAs={titleAs}
          submitLabel="Reprendre le parcours emploi"
          schema={SocialOnlyEndRequestSchema}
          body={(d) => ({ on: formText(d, "resumeOn"), source: { kind: "pair" } })}
          onSubmit={(body) => submit("social-only/end", body)}
        >
          <DateField label="Date de reprise" name="resumeOn" field="on" />
        </CommandForm>
      );
    case "activity":
      return (
        <CommandForm
          title="Emploi court ou formation courte (l’accompagnement continue)"
          titleAs={titleAs}
          submitLabel="Enregistrer l’activité"
          schema={ActivityRequestSchema}
          body={(d) => ({ kind: formText(d, "activityKind"), startsOn: formText(d, "startsOn"), endsOn: formText(d, "endsOn") || null })}
          onSubmit={(body) => submit("activities", body)}
        >
          <FormSelect
            label="Activité"
            name="activityKind"
            field="kind"
            options={[
              { value: "short_job", label: "Emploi de courte durée" },
              { value: "short_training", label: "Formation courte" },
            ]}
          />
          <DateField label="Début de l’activité" name="startsOn" field="startsOn" />
          <DateInput
            label="Fin prévue (facultatif)"
            name="endsOn"
            field="endsOn"
            required={false}
            defaultValue=""
            hint={
              terms.shortActivityUnderMonths !== null
                ? `Un emploi court ou une formation courte dure moins de ${terms.shortActivityUnderMonths} mois (convention n° ${view.convention.number}).`
                : undefined
            }
          />
        </CommandForm>
      );
    case "exit":
      return (
        <CommandForm
          title="Sortie"
          titleAs={titleAs}
          submitLabel="Enregistrer la sortie"
          schema={ExitRequestSchema}
          body={(d) => ({ on: formText(d, "exitOn"), type: formText(d, "exitType"), source: sourceOf(d) })}
          onSubmit={(body) => submit("exit", body)}
          confirm={{
            title: "Enregistrer la sortie ?",
            description: (
              <p>
                La sortie clôt l’accompagnement : il ne pourra plus être modifié (ni rendez-vous, ni renouvellement, ni correction). Une nouvelle orientation
                restera possible.
              </p>
            ),
            confirmLabel: "Confirmer la sortie",
          }}
        >
          <DateField label="Date de sortie" name="exitOn" field="on" defaultValue={closingDay(view)} />
          <FormSelect
            label="Type de sortie"
            name="exitType"
            field="type"
            required
            placeholder="Choisir"
            options={EXIT_TYPES.map((t) => ({ value: t, label: EXIT_TYPE_LABELS[t] }))}
          />
          <SourceFields prefix="Sortie" allowPair />
        </CommandForm>
      );
  }
}

/** Why this action is the next one, in a sentence. */
function whyNext(view: CaseView, action: ActionKey): ReactNode {
  const d = view.nextDeadline;
  // After the convention's end the decision that closes the case is due whatever the deadline said (the page's notice says why).
  if (conventionEnded(view)) return `La convention a pris fin le ${frenchDate(view.convention.endsOn)} : ${action === "exit" ? "seule la sortie reste" : "seul le refus d’entrée reste"} à enregistrer.`;
  if (d && (action === "appointment" || action === "renewal" || action === "exit" || action === "resume" || BEFORE_ENTRY.includes(view.status))) {
    return `Échéance visée : ${d.label}, le ${frenchDate(d.dueOn)}.`;
  }
  return null;
}

/**
 * The case's commands: what is due next as the one primary action, with its form open; every
 * other command one click away under « Autres actions », one form open at a time.
 */
export function CaseActions({ view, submit }: { view: CaseView; submit: Submit }) {
  const next = nextStepOf(view);
  const others = availableActions(view).filter((a) => a !== next);
  const [open, setOpen] = useState<ActionKey | null>(null);
  // The open form closes by itself once its command is no longer open (the case moved on).
  const shown = open && others.includes(open) ? open : null;
  if (!next && others.length === 0) {
    return <p className="fr-mb-4w">Cet accompagnement est clos : il ne se modifie plus. Les notes et documents restent consultables.</p>;
  }
  const why = next ? whyNext(view, next) : null;
  return (
    <div className="fr-grid-row fr-grid-row--gutters fr-mb-4w">
      {next && (
        <section aria-labelledby="a-faire" className="fr-col-12 fr-col-lg-7">
          <div className="fr-p-3w" style={{ border: "1px solid var(--border-default-grey)", borderLeft: "4px solid var(--border-action-high-blue-france)" }}>
            <h2 id="a-faire" className="fr-h4 fr-mb-1w">
              À faire maintenant : {ACTION_LABELS[next].toLowerCase()}
            </h2>
            {why && <p className="fr-text--sm">{why}</p>}
            <ActionForm action={next} view={view} submit={submit} titleAs="h3" />
          </div>
        </section>
      )}
      {others.length > 0 && (
        <section aria-labelledby="autres-actions" className={next ? "fr-col-12 fr-col-lg-5" : "fr-col-12"}>
          <h2 id="autres-actions" className="fr-h4">
            Autres actions
          </h2>
          <ul className="fr-btns-group fr-btns-group--sm fr-btns-group--inline-sm fr-btns-group--left">
            {others.map((a) => (
              <li key={a}>
                <Button
                  size="small"
                  priority={shown === a ? "primary" : "secondary"}
                  aria-expanded={shown === a}
                  aria-controls={shown === a ? "action-ouverte" : undefined}
                  onClick={() => setOpen(shown === a ? null : a)}
                >
                  {ACTION_LABELS[a]}
                </Button>
              </li>
            ))}
          </ul>
          {shown && (
            <div id="action-ouverte" className="fr-p-2w" style={{ border: "1px solid var(--border-default-grey)" }}>
              <ActionForm action={shown} view={view} submit={submit} titleAs="h3" />
              <Button size="small" priority="tertiary" iconId="fr-icon-close-line" onClick={() => setOpen(null)}>
                Fermer
              </Button>
            </div>
          )}
        </section>
      )}
    </div>
  );
}
