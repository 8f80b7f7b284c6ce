import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { type DirectoryService, DirectoryServiceSchema, ServiceFormSchema } from "../../../shared/contracts/directory";
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

/** The record's value of a field, as the form's inputs show it (lists as the values checked). */
type Record_ = Record<string, unknown>;
const textOf = (r: Record_ | undefined, key: string) => (typeof r?.[key] === "string" ? (r[key] as string) : undefined);
const listOf = (r: Record_ | undefined, key: string) => (Array.isArray(r?.[key]) ? (r[key] as string[]) : []);

/** The thématiques, grouped by family as the referential writes them (one multiple choice list). */
function ThematiquesField({ selected }: { selected: string[] }) {
  const message = useFieldError("thematiques", "thematiques");
  const families = [...new Set(DI_THEMATIQUES.map((t) => t.value.split("--")[0]))];
  return (
    <Select
      label="Thématiques (data·inclusion)"
      hint="Maintenez Ctrl (ou Cmd) pour en choisir plusieurs."
      state={message ? "error" : "default"}
      stateRelatedMessage={message}
      nativeSelectProps={{ name: "thematiques", multiple: true, size: 8, defaultValue: selected } as never}
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
      <ServiceFields />
    </CommandForm>
  );
}

/**
 * « Modifier » a published service (PUT, the same checks as publishing): the form prefilled with the
 * record, its structure kept; what the form does not show (coordinates of an import…) is kept by the server.
 */
export function EditServiceForm(props: { resource: DirectoryService; onSaved: (saved: DirectoryService) => void; onCancel: () => void }) {
  return (
    <CommandForm
      title="Modifier le service"
      titleAs="h2"
      submitLabel="Enregistrer les modifications"
      body={serviceBody}
      schema={ServiceFormSchema}
      success="Service mis à jour : sa date de mise à jour est aujourd’hui."
      onSubmit={async (body) => props.onSaved(await api.put(`/api/directory/services/${props.resource.id}`, DirectoryServiceSchema, body))}
      extraButtons={
        <li>
          <Button priority="secondary" type="button" onClick={props.onCancel}>
            Annuler
          </Button>
        </li>
      }
      className="fr-mt-4w fr-no-print"
    >
      <input type="hidden" name="structureId" value={props.resource.structureId} />
      <ServiceFields record={props.resource.service} />
    </CommandForm>
  );
}

/** The publics, from the referential; « Tous publics » stands alone (the server says so next to the field). */
function PublicsField({ checked }: { checked: (value: string) => boolean }) {
  const message = useFieldError("publics", "publics");
  return (
    <Checkbox
      legend="Publics"
      hintText="« Tous publics » s’emploie seul, sans autre public."
      orientation="horizontal"
      state={message ? "error" : "default"}
      stateRelatedMessage={message}
      options={DI_PUBLICS.map((p) => ({ label: p.label, nativeInputProps: { name: "publics", value: p.value, defaultChecked: checked(p.value) } }))}
    />
  );
}

function ServiceFields({ record }: { record?: Record_ }) {
  const checked = (key: string, value: string) => listOf(record, key).includes(value);
  return (
    <>
      <FormInput label="Nom du service" name="nom" required defaultValue={textOf(record, "nom")} hint="3 à 150 caractères, sans point final." />
      <FormInput label="Description" name="description" required textArea defaultValue={textOf(record, "description")} hint="Idéalement 200 à 2 000 caractères, phrases courtes." />
      <FormSelect
        label="Type de service"
        name="type"
        defaultValue={textOf(record, "type")}
        options={DI_TYPES_DE_SERVICES.map((t) => ({ value: t.value, label: t.label }))}
        placeholder="Non précisé"
      />
      <ThematiquesField selected={listOf(record, "thematiques")} />
      <PublicsField checked={(value) => checked("publics", value)} />
      <Checkbox
        legend="Modes d’accueil"
        orientation="horizontal"
        options={DI_MODES_ACCUEIL.map((p) => ({ label: p.label, nativeInputProps: { name: "modes_accueil", value: p.value, defaultChecked: checked("modes_accueil", p.value) } }))}
      />
      <Checkbox
        legend="Modes de mobilisation"
        orientation="horizontal"
        options={DI_MODES_MOBILISATION.map((p) => ({
          label: p.label,
          nativeInputProps: { name: "modes_mobilisation", value: p.value, defaultChecked: checked("modes_mobilisation", p.value) },
        }))}
      />
      <Checkbox
        legend="Mobilisable par"
        orientation="horizontal"
        options={[
          { label: "Les personnes elles-mêmes", nativeInputProps: { name: "mobilisable_par", value: "usagers", defaultChecked: checked("mobilisable_par", "usagers") } },
          { label: "Les professionnels", nativeInputProps: { name: "mobilisable_par", value: "professionnels", defaultChecked: checked("mobilisable_par", "professionnels") } },
        ]}
      />
      <RadioButtons
        legend="Frais"
        orientation="horizontal"
        options={DI_FRAIS.map((f) => ({ label: f.label, nativeInputProps: { name: "frais", value: f.value, defaultChecked: textOf(record, "frais") === f.value } }))}
      />
      <FormInput label="Précisions sur les frais" name="frais_precisions" defaultValue={textOf(record, "frais_precisions")} />
      <FormInput label="Adresse" name="adresse" defaultValue={textOf(record, "adresse")} />
      <FormInput label="Code postal" name="code_postal" defaultValue={textOf(record, "code_postal")} />
      <FormInput label="Commune" name="commune" defaultValue={textOf(record, "commune")} />
      <FormInput label="Code INSEE de la commune" name="code_insee" defaultValue={textOf(record, "code_insee")} />
      <FormInput label="Téléphone" name="telephone" type="tel" defaultValue={textOf(record, "telephone")} />
      <FormInput label="Courriel" name="courriel" type="email" defaultValue={textOf(record, "courriel")} />
      <FormInput label="Contact (nom et prénom)" name="contact_nom_prenom" defaultValue={textOf(record, "contact_nom_prenom")} />
      <FormInput
        label="Horaires d’accueil"
        name="horaires_accueil"
        defaultValue={textOf(record, "horaires_accueil")}
        hint="Format OpenStreetMap, par exemple : Mo-Fr 08:30-12:30; PH off"
      />
      <FormInput label="Conditions d’accès" name="conditions_acces" defaultValue={textOf(record, "conditions_acces")} />
      <FormInput label="Lien de mobilisation" name="lien_mobilisation" type="url" defaultValue={textOf(record, "lien_mobilisation")} />
      <FormInput
        label="Zone d’éligibilité"
        name="zone_eligibilite"
        required
        defaultValue={listOf(record, "zone_eligibilite").join(", ")}
        hint="Codes du Code officiel géographique séparés par des virgules : commune (67482), département (67), EPCI (SIREN), ou « france »."
      />
    </>
  );
}
