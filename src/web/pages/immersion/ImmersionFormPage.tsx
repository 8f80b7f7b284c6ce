import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { z } from "zod";
import { ImmersionOptionsSchema, PersonInReachSchema, RecordImmersionSchema } from "../../../shared/contracts/immersion";
import { api, queryString } from "../../api";
import { CommandForm, DateInput, FormInput, FormSelect, formText, optionalText, useFieldError } from "../../components/CommandForm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { frenchDate } from "../conventions/format";

type Person = z.infer<typeof PersonInReachSchema>;
type Options = z.infer<typeof ImmersionOptionsSchema>;

/** Recording a PMSMP immersion (France Travail's advisor): the person, the host and one of its trades, ONE object, the tutor, the dates. */
export function ImmersionFormPage() {
  usePageTitle("Enregistrer une immersion");
  const { data, error } = useApi(() => api.get("/api/immersions/options", ImmersionOptionsSchema), []);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <LoadingState />;
  if (!data.canRecord)
    return (
      <>
        <h1>Enregistrer une immersion</h1>
        <p>Seul un conseiller France Travail agissant sous une convention en vigueur qui prévoit des immersions en enregistre.</p>
      </>
    );
  return <RecordForm options={data} />;
}

function RecordForm({ options }: { options: Options }) {
  const navigate = useNavigate();
  const [conventionId, setConventionId] = useState(options.conventions[0].id);
  const convention = options.conventions.find((c) => c.id === conventionId) ?? options.conventions[0];
  const [hostId, setHostId] = useState("");
  const host = convention.hosts.find((h) => h.id === hostId);
  const [person, setPerson] = useState<Person | null>(null);
  return (
    <>
      <h1>Enregistrer une immersion</h1>
      <p>
        Convention {convention.number}, du {frenchDate(convention.effectiveOn)} au {frenchDate(convention.endsOn)} — {convention.source}. Le bilan est dû{" "}
        {convention.assessmentWithin} après le dernier jour.
      </p>
      {options.conventions.length > 1 && (
        <div className="fr-select-group">
          <label className="fr-label" htmlFor="immersion-convention">
            Convention
          </label>
          <select id="immersion-convention" className="fr-select" value={conventionId} onChange={(e) => setConventionId(e.target.value)}>
            {options.conventions.map((c) => (
              <option key={c.id} value={c.id}>
                {c.number} — {c.title}
              </option>
            ))}
          </select>
        </div>
      )}
      <PersonPicker person={person} onPick={setPerson} />
      <CommandForm
        title="L’immersion"
        titleAs="h2"
        submitLabel="Enregistrer l’immersion"
        schema={RecordImmersionSchema}
        showRefusalMessage
        body={(d) => ({
          conventionId: convention.id,
          jobSeekerId: person?.id ?? "",
          hostOrganisationId: formText(d, "hostOrganisationId"),
          romeCode: formText(d, "romeCode"),
          objects: d.getAll("object").map(String),
          startsOn: formText(d, "startsOn"),
          endsOn: formText(d, "endsOn"),
          weeklyHours: Number(formText(d, "weeklyHours").replace(",", ".")),
          tutorName: formText(d, "tutorName"),
          tutorEmail: formText(d, "tutorEmail"),
          tutorFunction: formText(d, "tutorFunction"),
          agreementReference: optionalText(d, "agreementReference"),
        })}
        onSubmit={async (body) => {
          const created = await api.post("/api/immersions", z.object({ id: z.string() }), body);
          navigate(`/immersions/${created.id}`);
        }}
      >
        <PersonField person={person} />
        <div className="fr-select-group">
          <HostSelect hosts={convention.hosts} value={hostId} onChange={setHostId} />
        </div>
        <FormSelect
          key={hostId}
          label="Métier (ROME)"
          name="romeCode"
          hint={host ? "Les métiers que la structure d’accueil a déclaré exercer." : "Choisissez d’abord la structure d’accueil."}
          placeholder={host && host.trades.length === 0 ? "Aucun métier déclaré par cette structure" : "Choisir un métier"}
          options={(host?.trades ?? []).map((t) => ({ value: t.code, label: `${t.label} (${t.code})` }))}
          required
        />
        <ObjectChoice options={convention.objects} />
        <div className="fr-grid-row fr-grid-row--gutters">
          <div className="fr-col-12 fr-col-md-4">
            <DateInput label="Premier jour" name="startsOn" />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <DateInput label="Dernier jour" name="endsOn" hint="Un mois de date à date au plus (code du travail, art. D5135-3)." />
          </div>
          <div className="fr-col-12 fr-col-md-4">
            <FormInput label="Heures par semaine" name="weeklyHours" type="number" required inputProps={{ min: 0.5, max: 48, step: 0.5 }} />
          </div>
        </div>
        <h3 className="fr-h5">Tuteur dans la structure d’accueil</h3>
        <FormInput label="Nom et prénom" name="tutorName" required />
        <FormInput label="Fonction" name="tutorFunction" required />
        <FormInput label="Adresse électronique" name="tutorEmail" type="email" required />
        <FormInput
          label="Référence de la convention d’immersion (facultatif)"
          name="agreementReference"
          hint="Si la convention est déjà faite sur Immersion Facilitée ; sinon, la page de l’immersion propose le formulaire prérempli."
        />
      </CommandForm>
      <p>
        <Link to="/immersions">Retour aux immersions</Link>
      </p>
    </>
  );
}

function HostSelect({ hosts, value, onChange }: { hosts: Options["conventions"][number]["hosts"]; value: string; onChange: (id: string) => void }) {
  const message = useFieldError("hostOrganisationId", "hostOrganisationId");
  return (
    <>
      <label className="fr-label" htmlFor="immersion-host">
        Structure d’accueil
      </label>
      <select id="immersion-host" name="hostOrganisationId" className={`fr-select${message ? " fr-select--error" : ""}`} value={value} onChange={(e) => onChange(e.target.value)} required>
        <option value="">Choisir la structure</option>
        {hosts.map((h) => (
          <option key={h.id} value={h.id}>
            {h.name}
          </option>
        ))}
      </select>
      {message && <p className="fr-error-text">{message}</p>}
    </>
  );
}

/** One object only: radio buttons, the terms' objects (000 art. 3.1 b). */
function ObjectChoice({ options }: { options: { value: string; label: string }[] }) {
  const message = useFieldError("object", "object");
  return (
    <RadioButtons
      legend="Objet de l’immersion (un seul)"
      hintText="Une immersion a impérativement un seul des trois objets."
      state={message ? "error" : "default"}
      stateRelatedMessage={message}
      options={options.map((o) => ({ label: o.label, nativeInputProps: { name: "object", value: o.value, required: true } }))}
    />
  );
}

function PersonField({ person }: { person: Person | null }) {
  const message = useFieldError("jobSeekerId", "jobSeekerId");
  return (
    <div className={`fr-input-group${message ? " fr-input-group--error" : ""}`}>
      <p className="fr-label">Personne</p>
      <p className="fr-mb-1w">{person ? `${person.lastName} ${person.firstName} — ${person.ftIdentifier}, née le ${frenchDate(person.birthDate)}` : "Aucune personne choisie : recherchez-la ci-dessus."}</p>
      <input type="hidden" name="jobSeekerId" value={person?.id ?? ""} />
      {message && <p className="fr-error-text">{message}</p>}
    </div>
  );
}

/** Finds a person of the advisor's territory by name or France Travail identifier. */
function PersonPicker({ person, onPick }: { person: Person | null; onPick: (p: Person) => void }) {
  const [q, setQ] = useState("");
  const [results, setResults] = useState<Person[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const search = async () => {
    setError(null);
    try {
      setResults(await api.get(`/api/immersions/persons${queryString({ q })}`, z.array(PersonInReachSchema)));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="fr-mb-4w">
      <h2 className="fr-h4">La personne</h2>
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <div className="fr-col-12 fr-col-md-8">
          <Input
            label="Nom ou identifiant France Travail"
            nativeInputProps={{
              value: q,
              onChange: (e) => setQ(e.target.value),
              onKeyDown: (e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  void search();
                }
              },
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4 fr-mb-3w">
          <Button type="button" priority="secondary" onClick={() => void search()}>
            Rechercher
          </Button>
        </div>
      </div>
      {error !== null && <ErrorAlert error={error} />}
      {results && results.length === 0 && <p>Aucune personne de votre territoire ne correspond.</p>}
      {results && results.length > 0 && (
        <ul className="fr-raw-list">
          {results.map((p) => (
            <li key={p.id} className="fr-mb-1w">
              <Button type="button" size="small" priority={person?.id === p.id ? "primary" : "tertiary"} onClick={() => onPick(p)}>
                {p.lastName} {p.firstName} — {p.ftIdentifier} ({frenchDate(p.birthDate)})
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
