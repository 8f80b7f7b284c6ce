import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { DirectoryServiceSchema, ServiceFormSchema } from "../../../shared/contracts/directory";
import { DI_FRAIS, DI_MODES_ACCUEIL, DI_MODES_MOBILISATION, DI_PUBLICS, DI_THEMATIQUES, DI_TYPES_DE_SERVICES, familyLabel } from "../../../shared/directoryReferentials";
import { api } from "../../api";
import { CommandForm, FormInput, FormSelect, formText, optionalText, useFieldError } from "../../components/CommandForm";

const all = (d: FormData, key: string) => d.getAll(key).map(String).filter((v) => v !== "");

/** The form's body: the schema's fields by their own names; the server adds source, ids and date_maj. */
function serviceBody(d: FormData) {
  return {
    structureId: optionalText(d, "structureId"),
    structureNom: optionalText(d, "structureNom"),
    nom: formText(d, "nom"),
    description: formText(d, "description"),
    type: optionalText(d, "type"),
    thematiques: all(d, "thematiques"),
    publics: all(d, "publics"),
    modes_accueil: all(d, "modes_accueil"),
    modes_mobilisation: all(d, "modes_mobilisation"),
    mobilisable_par: all(d, "mobilisable_par"),
    frais: optionalText(d, "frais"),
    frais_precisions: optionalText(d, "frais_precisions"),
    adresse: optionalText(d, "adresse"),
    code_postal: optionalText(d, "code_postal"),
    commune: optionalText(d, "commune"),
    code_insee: optionalText(d, "code_insee"),
    telephone: optionalText(d, "telephone"),
    courriel: optionalText(d, "courriel"),
    contact_nom_prenom: optionalText(d, "contact_nom_prenom"),
    horaires_accueil: optionalText(d, "horaires_accueil"),
    conditions_acces: optionalText(d, "conditions_acces"),
    lien_mobilisation: optionalText(d, "lien_mobilisation"),
    zone_eligibilite: formText(d, "zone_eligibilite")
      .split(/[\s,;]+/)
      .filter(Boolean),
  };
}

/** The thématiques, grouped by family as the referential writes them (one multiple choice list). */
function ThematiquesField() {
  const message = useFieldError("thematiques", "thematiques");
  const families = [...new Set(DI_THEMATIQUES.map((t) => t.value.split("--")[0]))];
  return (
    <Select
      label="Thématiques (data·inclusion)"
      hint="Maintenez Ctrl (ou Cmd) pour en choisir plusieurs."
      state={message ? "error" : "default"}
      stateRelatedMessage={message}
      nativeSelectProps={{ name: "thematiques", multiple: true, size: 8 } as never}
    >
      {families.map((f) => (
        <optgroup key={f} label={familyLabel(f)}>
          {DI_THEMATIQUES.filter((t) => t.value.startsWith(`${f}--`)).map((t) => (
            <option key={t.value} value={t.value}>
              {t.label}
            </option>
          ))}
        </optgroup>
      ))}
    </Select>
  );
}

/** Publishing a service of the organisation, in the data·inclusion schema's own words and referentials. */
export function PublishServiceForm(props: { structures: { id: string; nom: string }[]; onPublished: () => void }) {
  return (
    <CommandForm
      title="Publier un service"
      submitLabel="Publier le service"
      body={serviceBody}
      schema={ServiceFormSchema}
      success="Service publié : vos partenaires le voient pour le territoire de la convention."
      onSubmit={async (body) => {
        await api.post("/api/directory/services", DirectoryServiceSchema, body);
        props.onPublished();
      }}
      className="fr-mt-4w"
    >
      {props.structures.length > 0 && (
        <FormSelect
          label="Structure"
          name="structureId"
          options={props.structures.map((s) => ({ value: s.id, label: s.nom }))}
          placeholder="Nouvelle structure (nommez-la ci-dessous)"
        />
      )}
      <FormInput label="Nouvelle structure" name="structureNom" hint="Si la structure n’est pas dans la liste : son nom (3 à 150 caractères)." />
      <FormInput label="Nom du service" name="nom" required hint="3 à 150 caractères, sans point final." />
      <FormInput label="Description" name="description" required textArea hint="Idéalement 200 à 2 000 caractères, phrases courtes." />
      <FormSelect label="Type de service" name="type" options={DI_TYPES_DE_SERVICES.map((t) => ({ value: t.value, label: t.label }))} placeholder="Non précisé" />
      <ThematiquesField />
      <Checkbox legend="Publics" orientation="horizontal" options={DI_PUBLICS.map((p) => ({ label: p.label, nativeInputProps: { name: "publics", value: p.value } }))} />
      <Checkbox legend="Modes d’accueil" orientation="horizontal" options={DI_MODES_ACCUEIL.map((p) => ({ label: p.label, nativeInputProps: { name: "modes_accueil", value: p.value } }))} />
      <Checkbox
        legend="Modes de mobilisation"
        orientation="horizontal"
        options={DI_MODES_MOBILISATION.map((p) => ({ label: p.label, nativeInputProps: { name: "modes_mobilisation", value: p.value } }))}
      />
      <Checkbox
        legend="Mobilisable par"
        orientation="horizontal"
        options={[
          { label: "Les personnes elles-mêmes", nativeInputProps: { name: "mobilisable_par", value: "usagers" } },
          { label: "Les professionnels", nativeInputProps: { name: "mobilisable_par", value: "professionnels" } },
        ]}
      />
      <RadioButtons legend="Frais" orientation="horizontal" options={DI_FRAIS.map((f) => ({ label: f.label, nativeInputProps: { name: "frais", value: f.value } }))} />
      <FormInput label="Précisions sur les frais" name="frais_precisions" />
      <FormInput label="Adresse" name="adresse" />
      <FormInput label="Code postal" name="code_postal" />
      <FormInput label="Commune" name="commune" />
      <FormInput label="Code INSEE de la commune" name="code_insee" />
      <FormInput label="Téléphone" name="telephone" type="tel" />
      <FormInput label="Courriel" name="courriel" type="email" />
      <FormInput label="Contact (nom et prénom)" name="contact_nom_prenom" />
      <FormInput label="Horaires d’accueil" name="horaires_accueil" hint="Format OpenStreetMap, par exemple : Mo-Fr 08:30-12:30; PH off" />
      <FormInput label="Conditions d’accès" name="conditions_acces" />
      <FormInput label="Lien de mobilisation" name="lien_mobilisation" type="url" />
      <FormInput
        label="Zone d’éligibilité"
        name="zone_eligibilite"
        required
        hint="Codes du Code officiel géographique séparés par des virgules : commune (67482), département (67), EPCI (SIREN), ou « france »."
      />
    </CommandForm>
  );
}
