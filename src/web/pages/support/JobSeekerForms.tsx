import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { CreateJobSeekerRequestSchema, type JobSeekerDetail, JobSeekerDetailSchema, UpdateJobSeekerRequestSchema } from "../../../shared/contracts/support";
import { api } from "../../api";
import { CommandForm, DateInput, FormInput, formText, optionalText, useFieldError } from "../../components/CommandForm";

const BENEFITS = [
  { value: "RSA", label: "RSA" },
  { value: "ASS", label: "ASS (allocation de solidarité spécifique)" },
  { value: "ARE", label: "ARE (allocation d’aide au retour à l’emploi)" },
  { value: "BOE", label: "BOE (bénéficiaire de l’obligation d’emploi)" },
  { value: "AUCUNE", label: "Aucune allocation" },
] as const;

/** Allocations and QPV, as boxes to tick; the contract's problem about them shows under the group. */
function SituationBoxes({ benefits = [], qpv = false }: { benefits?: readonly string[]; qpv?: boolean }) {
  const message = useFieldError("benefits", "benefits");
  return (
    <>
      <Checkbox
        legend="Allocations perçues"
        state={message ? "error" : "default"}
        stateRelatedMessage={message}
        orientation="horizontal"
        options={BENEFITS.map((b) => ({ label: b.label, nativeInputProps: { name: "benefits", value: b.value, defaultChecked: benefits.includes(b.value) } }))}
      />
      <Checkbox
        options={[{ label: "Habite un quartier prioritaire de la politique de la ville (QPV)", nativeInputProps: { name: "qpv", value: "oui", defaultChecked: qpv } }]}
      />
    </>
  );
}

const situation = (d: FormData) => ({
  benefits: d.getAll("benefits").map(String),
  qpv: d.get("qpv") === "oui",
  email: optionalText(d, "email") ?? null,
  phone: optionalText(d, "phone") ?? null,
});

/** Records a person not yet known to Tandem (duplicates on the identifier or on name and birth date are refused next to their field). */
export function JobSeekerCreateForm({ onCreated }: { onCreated: (id: string) => void }) {
  return (
    <CommandForm
      title="Enregistrer une nouvelle personne"
      titleAs="h2"
      submitLabel="Enregistrer la personne"
      className="fr-col-12 fr-col-md-8"
      schema={CreateJobSeekerRequestSchema}
      body={(d) => ({
        ftIdentifier: formText(d, "ftIdentifier"),
        firstName: formText(d, "firstName"),
        lastName: formText(d, "lastName"),
        birthDate: optionalText(d, "birthDate"),
        communeInsee: formText(d, "communeInsee"),
        registeredAt: optionalText(d, "registeredAt"),
        ...situation(d),
      })}
      onSubmit={async (body) => onCreated((await api.post("/api/job-seekers", JobSeekerDetailSchema, body)).id)}
      success="Personne enregistrée."
    >
      <FormInput label="Identifiant France Travail" name="ftIdentifier" hint="7 à 11 chiffres ou lettres" required inputProps={{ autoComplete: "off" }} />
      <FormInput label="Prénom" name="firstName" required inputProps={{ autoComplete: "off" }} />
      <FormInput label="Nom" name="lastName" required inputProps={{ autoComplete: "off" }} />
      <DateInput label="Date de naissance" name="birthDate" />
      <FormInput label="Code commune INSEE" name="communeInsee" hint="5 caractères, par exemple 23096 pour Guéret" required inputProps={{ autoComplete: "off" }} />
      <DateInput label="Inscrite à France Travail depuis le" name="registeredAt" />
      <SituationBoxes />
      <FormInput label="Adresse électronique (facultatif)" name="email" type="email" inputProps={{ autoComplete: "off" }} />
      <FormInput label="Téléphone (facultatif)" name="phone" type="tel" inputProps={{ autoComplete: "off" }} />
    </CommandForm>
  );
}

/** The person's situation as it changes: commune, QPV, allocations, contact details, deregistration by France Travail. */
export function JobSeekerUpdateForm({ person, onUpdated }: { person: JobSeekerDetail; onUpdated: () => void }) {
  return (
    <CommandForm
      title={`Fiche de ${person.firstName} ${person.lastName}`}
      submitLabel="Enregistrer la fiche"
      className="fr-mt-2w"
      schema={UpdateJobSeekerRequestSchema}
      body={(d) => ({ communeInsee: formText(d, "communeInsee"), ...situation(d), deregisteredOn: optionalText(d, "deregisteredOn") ?? null })}
      onSubmit={async (body) => {
        await api.patch(`/api/job-seekers/${person.id}`, JobSeekerDetailSchema, body);
        onUpdated();
      }}
      success="Fiche mise à jour."
    >
      <FormInput label="Code commune INSEE" name="communeInsee" required defaultValue={person.communeInsee} />
      <SituationBoxes benefits={person.benefits} qpv={person.qpv} />
      <FormInput label="Adresse électronique (facultatif)" name="email" type="email" defaultValue={person.email ?? ""} />
      <FormInput label="Téléphone (facultatif)" name="phone" type="tel" defaultValue={person.phone ?? ""} />
      <DateInput
        label="Radiée par France Travail le (facultatif)"
        name="deregisteredOn"
        required={false}
        hint="La personne n’est plus éligible à partir de ce jour."
        defaultValue={person.deregisteredOn ?? ""}
      />
    </CommandForm>
  );
}
