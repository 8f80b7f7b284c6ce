import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { delayLabel } from "../../../domain/convention/delays";
import { parisToday } from "../../../domain/shared/calendarDate";
import {
  BARRIER_LABELS,
  ORIENTATION_ORIGINS,
  ORIGIN_LABELS,
  PROFESSIONAL_BARRIERS,
  SOCIAL_BARRIERS,
} from "../../../domain/support/vocabulary";
import {
  CaseViewSchema,
  JobSeekerDetailSchema,
  OrientRequestSchema,
  type SupportConventionsSchema as ConventionsContract,
  SupportConventionsSchema,
} from "../../../shared/contracts/support";
import type { z } from "zod";
import { api } from "../../api";
import { CommandForm, DateInput, FormInput, FormProblem, FormSelect, formText, optionalText } from "../../components/CommandForm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { JobSeekerCreateForm, JobSeekerUpdateForm } from "./JobSeekerForms";
import { frenchDate } from "./supportFormat";

type Conventions = z.infer<typeof ConventionsContract>;

/**
 * Orientation towards global support: the person (found, or recorded here first), the origin, the
 * date, the barriers observed and what the orienter passes on to the pair.
 */
export function OrientationPage() {
  usePageTitle("Orienter vers l’accompagnement global");
  const [params, setParams] = useSearchParams();
  const personId = params.get("personne") ?? "";
  const conventions = useApi(() => api.get("/api/support/conventions", SupportConventionsSchema), []);

  return (
    <>
      <h1>Orienter vers l’accompagnement global</h1>
      <ErrorAlert error={conventions.error} />
      {personId ? (
        <PersonOrientation personId={personId} conventions={conventions.data} />
      ) : (
        <>
          <p>
            Cherchez d’abord la personne dans <Link to="/personnes">la recherche de personnes</Link> : si elle n’y est pas, enregistrez sa fiche ci-dessous, puis
            orientez-la.
          </p>
          <JobSeekerCreateForm onCreated={(id) => setParams({ personne: id })} />
        </>
      )}
    </>
  );
}

function PersonOrientation({ personId, conventions }: { personId: string; conventions: Conventions | null }) {
  const person = useApi(() => api.get(`/api/job-seekers/${personId}`, JobSeekerDetailSchema), [personId]);
  if (person.error) return <ErrorAlert error={person.error} />;
  if (!person.data || !conventions) return <LoadingState />;
  const p = person.data;
  return (
    <>
      <p className="fr-text--lg">
        {p.firstName} {p.lastName} — né(e) le {frenchDate(p.birthDate)} — identifiant {p.ftIdentifier}
        {p.benefits.length > 0 && ` — ${p.benefits.join(", ")}`}
      </p>
      <details className="fr-mb-4w">
        <summary>Mettre à jour la fiche de {p.firstName} {p.lastName}</summary>
        <JobSeekerUpdateForm person={p} onUpdated={person.reload} />
      </details>
      <OrientationForm personId={personId} conventions={conventions} />
    </>
  );
}

function OrientationForm({ personId, conventions }: { personId: string; conventions: Conventions }) {
  const navigate = useNavigate();
  const [otherLabel, setOtherLabel] = useState("");
  const single = conventions.length === 1 ? conventions[0] : null;
  const barrierBox = (legend: string, codes: readonly (keyof typeof BARRIER_LABELS)[]) => (
    <Checkbox legend={legend} options={codes.map((code) => ({ label: BARRIER_LABELS[code], nativeInputProps: { name: "barrier", value: code } }))} />
  );

  const body = (d: FormData) => {
    const conventionId = single?.id ?? optionalText(d, "conventionId");
    if (!conventionId) throw new FormProblem([{ field: "conventionId", message: "Choisissez la convention sous laquelle la personne est orientée." }]);
    const other = formText(d, "otherLabel");
    return {
      jobSeekerId: personId,
      conventionId,
      origin: optionalText(d, "origin"),
      originDetail: optionalText(d, "originDetail"),
      orientedOn: optionalText(d, "orientedOn"),
      barriers: [
        ...d.getAll("barrier").map((code) => ({ code: String(code) })),
        ...(other ? [{ code: "other", category: formText(d, "otherCategory") || "social", label: other }] : []),
      ],
      note: optionalText(d, "note"),
    };
  };

  return (
    <CommandForm
      title="L’orientation"
      titleAs="h2"
      submitLabel="Orienter"
      className="fr-col-12 fr-col-md-10"
      schema={OrientRequestSchema}
      body={body}
      onSubmit={async (request) => {
        const c = await api.post("/api/support/cases", CaseViewSchema, request);
        navigate(`/accompagnements/${c.id}`);
      }}
      success="Orientation enregistrée : le binôme en est prévenu."
    >
      {single ? (
        <p>
          Convention {single.number} : l’accompagnement doit démarrer dans un délai de {delayLabel(single.orientationToStart)} suivant l’orientation.
        </p>
      ) : (
        <FormSelect
          label="Convention"
          name="conventionId"
          required
          placeholder="Choisir"
          options={conventions.map((c) => ({ value: c.id, label: `${c.number} — ${c.title}` }))}
        />
      )}
      <FormSelect
        label="Origine de l’orientation"
        name="origin"
        required
        placeholder="Choisir"
        options={ORIENTATION_ORIGINS.map((o) => ({ value: o, label: ORIGIN_LABELS[o] }))}
      />
      <FormInput label="Précision sur l’origine (facultatif)" name="originDetail" inputProps={{ maxLength: 200 }} />
      <DateInput
        label="Date de l’orientation"
        name="orientedOn"
        hint="Aujourd’hui si vous la laissez telle quelle ; ni dans le futur, ni avant la période de la convention."
        defaultValue={parisToday()}
        required={false}
      />
      <p>Freins observés : il en faut au moins un social et un professionnel pour entrer.</p>
      {barrierBox("Freins sociaux", SOCIAL_BARRIERS)}
      {barrierBox("Freins professionnels", PROFESSIONAL_BARRIERS)}
      <FormInput
        label="Autre frein (facultatif)"
        name="otherLabel"
        field="barriers"
        hint="Il sera retenu après décision commune du conseiller et du travailleur social."
        inputProps={{ maxLength: 200, value: otherLabel, onChange: (e: React.ChangeEvent<HTMLInputElement>) => setOtherLabel(e.target.value) }}
      />
      {otherLabel.trim() && (
        <FormSelect
          label="Cet autre frein est"
          name="otherCategory"
          defaultValue="social"
          options={[
            { value: "social", label: "social" },
            { value: "professional", label: "professionnel" },
          ]}
        />
      )}
      <FormInput textArea label="Ce que vous transmettez au binôme (facultatif)" name="note" inputProps={{ maxLength: 5000, rows: 4 }} />
    </CommandForm>
  );
}
