import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Link, useParams } from "react-router";
import { z } from "zod";
import { AgreementReferenceSchema, type ImmersionDetail, ImmersionAssessmentSchema, ImmersionDetailSchema } from "../../../shared/contracts/immersion";
import { api } from "../../api";
import { CommandForm, DateInput, FormInput, FormSelect, formText, useFieldError } from "../../components/CommandForm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { frenchDate, parisToday } from "../conventions/format";
import { FOLLOW_UP_LABELS, IMMERSION_STATE_LABELS, IMMERSION_STATE_SEVERITY, OBJECTIVE_LABELS, SKILL_KIND_LABELS } from "./immersionLabels";

const Ok = z.object({ ok: z.literal(true) });

/** One PMSMP immersion: who, where, what, the agreement on Immersion Facilitée, the assessment at the end. */
export function ImmersionPage() {
  const { id = "" } = useParams();
  const { data: i, error, reload } = useApi(() => api.get(`/api/immersions/${id}`, ImmersionDetailSchema), [id]);
  usePageTitle(i ? `Immersion de ${i.person.firstName} ${i.person.lastName}` : "Immersion");
  if (error) return <ErrorAlert error={error} />;
  if (!i) return <LoadingState />;
  return (
    <>
      <h1>
        Immersion de {i.person.firstName} {i.person.lastName}
      </h1>
      <p>
        <Badge small noIcon severity={IMMERSION_STATE_SEVERITY[i.state]}>
          {IMMERSION_STATE_LABELS[i.state]}
        </Badge>{" "}
        Convention <Link to={`/conventions/${i.conventionId}`}>{i.conventionNumber}</Link>
      </p>
      <ul>
        {i.ftIdentifier && <li>Identifiant France Travail : {i.ftIdentifier}</li>}
        <li>Structure d’accueil : {i.host.name}</li>
        <li>
          Métier : {i.trade.label} ({i.trade.code})
        </li>
        <li>Objet : {i.objectLabel}</li>
        <li>
          Du {frenchDate(i.startsOn)} au {frenchDate(i.endsOn)}, {String(i.weeklyHours).replace(".", ",")} heures par semaine
        </li>
        <li>
          Tuteur : {i.tutor.name}, {i.tutor.function} ({i.tutor.email})
        </li>
        <li>
          Prescrite par {i.prescriber.name} ({i.prescriber.organisation})
        </li>
        <li>Bilan dû le {frenchDate(i.assessmentDueOn)}</li>
      </ul>
      <Agreement i={i} reload={reload} />
      <Assessment i={i} reload={reload} />
      <p className="fr-mt-4w">
        <Link to="/immersions">Retour aux immersions</Link>
      </p>
    </>
  );
}

function Agreement({ i, reload }: { i: ImmersionDetail; reload: () => void }) {
  return (
    <section className="fr-mb-4w">
      <h2>Convention d’immersion (Immersion Facilitée)</h2>
      <p>
        La convention d’immersion, ses signatures et la couverture du bénéficiaire se font sur le service national Immersion Facilitée. Tandem en garde la
        référence.
      </p>
      <p>{i.agreementReference ? `Référence : ${i.agreementReference}` : "Aucune référence enregistrée."}</p>
      {i.immersionFacileUrl && (
        <p>
          <a className="fr-link fr-icon-external-link-line fr-link--icon-right" href={i.immersionFacileUrl} target="_blank" rel="noopener noreferrer">
            Créer la convention sur Immersion Facilitée (formulaire prérempli)
          </a>
        </p>
      )}
      {i.canEditAgreement && (
        <CommandForm
          key={i.agreementReference ?? ""}
          title="Référence de la convention d’immersion"
          titleAs="h3"
          submitLabel="Enregistrer la référence"
          schema={AgreementReferenceSchema}
          success="Référence enregistrée."
          body={(d) => ({ agreementReference: formText(d, "agreementReference") || null })}
          onSubmit={async (body) => {
            await api.put(`/api/immersions/${i.id}/agreement`, Ok, body);
            reload();
          }}
        >
          <FormInput label="Référence" name="agreementReference" defaultValue={i.agreementReference ?? ""} inputProps={{ maxLength: 60 }} />
        </CommandForm>
      )}
    </section>
  );
}

function Assessment({ i, reload }: { i: ImmersionDetail; reload: () => void }) {
  const a = i.assessment;
  return (
    <section>
      <h2>Bilan</h2>
      {a ? (
        <>
          <p>
            Bilan du {frenchDate(a.assessedOn)}
            {a.assessedBy ? ` par ${a.assessedBy}` : ""}.
          </p>
          <ul>
            <li>Objectif atteint : {OBJECTIVE_LABELS[a.objectiveReached] ?? a.objectiveReached}</li>
            <li>Suite donnée : {FOLLOW_UP_LABELS[a.followUp] ?? a.followUp}</li>
            <li>
              Compétences observées :{" "}
              {a.skillsObserved.length === 0 ? "aucune notée" : a.skillsObserved.map((s) => `${s.label} (${SKILL_KIND_LABELS[s.kind] ?? s.kind})`).join(" ; ")}
            </li>
            {a.comment && <li>Commentaire : {a.comment}</li>}
          </ul>
        </>
      ) : (
        <p>Pas encore de bilan : il est dû le {frenchDate(i.assessmentDueOn)}.</p>
      )}
      {i.canAssess && i.startsOn <= parisToday() && (
        <CommandForm
          // Remounted on each recorded version: its fields start from what was recorded.
          key={JSON.stringify(a)}
          title={a ? "Corriger le bilan" : "Enregistrer le bilan"}
          titleAs="h3"
          submitLabel="Enregistrer le bilan"
          schema={ImmersionAssessmentSchema}
          success="Bilan enregistré."
          body={(d) => ({
            assessedOn: formText(d, "assessedOn"),
            objectiveReached: formText(d, "objectiveReached"),
            skillsObserved: d.getAll("skillsObserved").map(String),
            followUp: formText(d, "followUp"),
            comment: formText(d, "comment"),
          })}
          onSubmit={async (body) => {
            await api.put(`/api/immersions/${i.id}/assessment`, Ok, body);
            reload();
          }}
        >
          <DateInput label="Date du bilan" name="assessedOn" defaultValue={a?.assessedOn ?? parisToday()} />
          <Objective defaultValue={a?.objectiveReached} />
          <Skills i={i} />
          <FormSelect
            label="Suite donnée"
            name="followUp"
            required
            placeholder="Choisir"
            defaultValue={a?.followUp}
            options={Object.entries(FOLLOW_UP_LABELS).map(([value, label]) => ({ value, label }))}
          />
          <FormInput label="Commentaire" name="comment" textArea defaultValue={a?.comment ?? ""} inputProps={{ maxLength: 2000 }} />
        </CommandForm>
      )}
    </section>
  );
}

function Objective({ defaultValue }: { defaultValue?: string }) {
  const message = useFieldError("objectiveReached", "objectiveReached");
  return (
    <RadioButtons
      legend="Objectif atteint ?"
      orientation="horizontal"
      state={message ? "error" : "default"}
      stateRelatedMessage={message}
      options={Object.entries(OBJECTIVE_LABELS).map(([value, label]) => ({ label, nativeInputProps: { name: "objectiveReached", value, defaultChecked: defaultValue === value, required: true } }))}
    />
  );
}

function Skills({ i }: { i: ImmersionDetail }) {
  const message = useFieldError("skillsObserved", "skillsObserved");
  const chosen = new Set(i.assessment?.skillsObserved.map((s) => s.code) ?? []);
  if (i.tradeSkills.length === 0) return null;
  return (
    <Checkbox
      small
      legend="Compétences observées (fiche métier du ROME)"
      state={message ? "error" : "default"}
      stateRelatedMessage={message}
      options={i.tradeSkills.map((s) => ({
        label: `${s.label} — ${SKILL_KIND_LABELS[s.kind] ?? s.kind}`,
        nativeInputProps: { name: "skillsObserved", value: s.code, defaultChecked: chosen.has(s.code) },
      }))}
    />
  );
}
