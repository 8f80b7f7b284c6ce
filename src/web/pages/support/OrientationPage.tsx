import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { type FormEvent, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import {
  BARRIER_LABELS,
  type BarrierCode,
  ORIENTATION_ORIGINS,
  ORIGIN_LABELS,
  type OrientationOrigin,
  PROFESSIONAL_BARRIERS,
  SOCIAL_BARRIERS,
} from "../../../domain/support/vocabulary";
import { CaseViewSchema, JobSeekerDetailSchema, SupportConventionsSchema } from "../../../shared/contracts/support";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { LoadingState } from "../../components/LoadingState";
import { frenchDate } from "./supportFormat";

/** Orientation towards global support: origin, barriers observed, what the orienter passes on to the pair. */
export function OrientationPage() {
  usePageTitle("Orienter vers l'accompagnement global");
  const [params] = useSearchParams();
  const personId = params.get("personne") ?? "";
  const person = useApi(() => api.get(`/api/job-seekers/${personId}`, JobSeekerDetailSchema), [personId]);
  const conventions = useApi(() => api.get("/api/support/conventions", SupportConventionsSchema), []);
  const [origin, setOrigin] = useState<OrientationOrigin | "">("");
  const [originDetail, setOriginDetail] = useState("");
  const [conventionId, setConventionId] = useState("");
  const [barriers, setBarriers] = useState<BarrierCode[]>([]);
  const [otherLabel, setOtherLabel] = useState("");
  const [otherCategory, setOtherCategory] = useState<"social" | "professional">("social");
  const [note, setNote] = useState("");
  const [error, setError] = useState<unknown>(null);
  const navigate = useNavigate();

  const toggle = (code: BarrierCode) => setBarriers((b) => (b.includes(code) ? b.filter((c) => c !== code) : [...b, code]));
  const barrierBox = (legend: string, codes: readonly BarrierCode[]) => (
    <Checkbox
      legend={legend}
      options={codes.map((code) => ({ label: BARRIER_LABELS[code], nativeInputProps: { checked: barriers.includes(code), onChange: () => toggle(code) } }))}
    />
  );

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      const c = await api.post("/api/support/cases", CaseViewSchema, {
        jobSeekerId: personId,
        origin,
        ...(originDetail ? { originDetail } : {}),
        ...(conventionId ? { conventionId } : {}),
        barriers: [
          ...barriers.map((code) => ({ code })),
          ...(otherLabel.trim() ? [{ code: "other", category: otherCategory, label: otherLabel.trim() }] : []),
        ],
        ...(note.trim() ? { note: note.trim() } : {}),
      });
      navigate(`/accompagnements/${c.id}`);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <>
      <h1>Orienter vers l'accompagnement global</h1>
      <ErrorAlert error={person.error ?? conventions.error} />
      {(!person.data || !conventions.data) && !person.error && !conventions.error && <LoadingState />}
      {person.data && (
        <p className="fr-text--lg">
          {person.data.firstName} {person.data.lastName} — né(e) le {frenchDate(person.data.birthDate)} — identifiant {person.data.ftIdentifier}
          {person.data.benefits.length > 0 && ` — ${person.data.benefits.join(", ")}`}
        </p>
      )}
      {person.data && conventions.data && (
        <form onSubmit={submit} className="fr-col-12 fr-col-md-10">
          {conventions.data.length > 1 && (
            <Select label="Convention" nativeSelectProps={{ required: true, value: conventionId, onChange: (e) => setConventionId(e.target.value) }}>
              <option value="">Choisir</option>
              {conventions.data.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.number} — {c.title}
                </option>
              ))}
            </Select>
          )}
          {conventions.data.length === 1 && (
            <p>
              Convention {conventions.data[0].number} : l'accompagnement doit démarrer dans les {conventions.data[0].daysFromOrientationToStart} jours suivant
              l'orientation.
            </p>
          )}
          <Select
            label="Origine de l'orientation"
            nativeSelectProps={{ required: true, value: origin, onChange: (e) => setOrigin(e.target.value as OrientationOrigin) }}
          >
            <option value="">Choisir</option>
            {ORIENTATION_ORIGINS.map((o) => (
              <option key={o} value={o}>
                {ORIGIN_LABELS[o]}
              </option>
            ))}
          </Select>
          <Input label="Précision sur l'origine (facultatif)" nativeInputProps={{ value: originDetail, maxLength: 200, onChange: (e) => setOriginDetail(e.target.value) }} />
          <p>Freins observés : il en faut au moins un social et un professionnel pour entrer.</p>
          {barrierBox("Freins sociaux", SOCIAL_BARRIERS)}
          {barrierBox("Freins professionnels", PROFESSIONAL_BARRIERS)}
          <Input
            label="Autre frein (facultatif)"
            hintText="Il sera retenu après décision commune du conseiller et du travailleur social."
            nativeInputProps={{ value: otherLabel, maxLength: 200, onChange: (e) => setOtherLabel(e.target.value) }}
          />
          {otherLabel.trim() && (
            <Select label="Cet autre frein est" nativeSelectProps={{ value: otherCategory, onChange: (e) => setOtherCategory(e.target.value as "social" | "professional") }}>
              <option value="social">social</option>
              <option value="professional">professionnel</option>
            </Select>
          )}
          <Input
            textArea
            label="Ce que vous transmettez au binôme (facultatif)"
            nativeTextAreaProps={{ value: note, maxLength: 5000, rows: 4, onChange: (e) => setNote(e.target.value) }}
          />
          <ErrorAlert error={error} />
          <Button type="submit">Orienter</Button>
        </form>
      )}
    </>
  );
}
