import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { frenchDate } from "../../../domain/shared/calendarDate";
import { type DirectoryStructure, DirectoryStructureSchema, StructureFormSchema } from "../../../shared/contracts/directory";
import { api } from "../../api";
import { useBreadcrumbLabel } from "../../breadcrumb";
import { CommandForm, FormInput, formText, optionalText } from "../../components/CommandForm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { text } from "./directoryFormat";

/** The form's body: the schema's structure fields by their own names; the server adds source, id and date_maj. */
function structureBody(d: FormData) {
  return {
    nom: formText(d, "nom"),
    siret: optionalText(d, "siret"),
    description: optionalText(d, "description"),
    adresse: optionalText(d, "adresse"),
    complement_adresse: optionalText(d, "complement_adresse"),
    code_postal: optionalText(d, "code_postal"),
    commune: optionalText(d, "commune"),
    code_insee: optionalText(d, "code_insee"),
    telephone: optionalText(d, "telephone"),
    courriel: optionalText(d, "courriel"),
    site_web: optionalText(d, "site_web"),
    horaires_accueil: optionalText(d, "horaires_accueil"),
    accessibilite_lieu: optionalText(d, "accessibilite_lieu"),
  };
}

/** The structure's fields, in the order of the page and the form, with their labels. */
const FIELDS: { name: keyof ReturnType<typeof structureBody>; label: string; hint?: string; type?: string; textArea?: boolean }[] = [
  { name: "nom", label: "Nom de la structure", hint: "3 à 150 caractères, sans point final." },
  { name: "siret", label: "Numéro SIRET", hint: "14 chiffres." },
  { name: "description", label: "Description", textArea: true },
  { name: "adresse", label: "Adresse" },
  { name: "complement_adresse", label: "Complément d’adresse" },
  { name: "code_postal", label: "Code postal" },
  { name: "commune", label: "Commune" },
  { name: "code_insee", label: "Code INSEE de la commune" },
  { name: "telephone", label: "Téléphone", type: "tel" },
  { name: "courriel", label: "Courriel", type: "email" },
  { name: "site_web", label: "Site web", type: "url" },
  { name: "horaires_accueil", label: "Horaires d’accueil", hint: "Format OpenStreetMap, par exemple : Mo-Fr 08:30-12:30; PH off" },
  { name: "accessibilite_lieu", label: "Accessibilité du lieu (lien Accès libre)", type: "url" },
];

/**
 * A structure of the organisation (ADR 0035): its record as the data·inclusion schema writes it,
 * its services, and « Modifier » for its keepers — the same schema checks as every record, each
 * refusal next to its field.
 */
export function StructurePage() {
  const { id } = useParams();
  const { data: s, error, reload } = useApi(() => api.get(`/api/directory/structures/${id}`, DirectoryStructureSchema), [id]);
  const nom = s ? String(s.structure.nom) : undefined;
  usePageTitle(nom ? `Structure — ${nom}` : "Structure");
  useBreadcrumbLabel(nom);
  const [editing, setEditing] = useState(false);
  if (!s) return error ? <ErrorAlert error={error} /> : <LoadingState />;
  if (editing) {
    return (
      <>
        <h1>{nom}</h1>
        <EditStructureForm
          structure={s}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
        />
      </>
    );
  }
  return (
    <>
      <h1>{nom}</h1>
      <p className="fr-text--sm">
        Structure de {s.organisation.name} — informations mises à jour le {frenchDate(s.dateMaj)}.
      </p>
      <dl>
        {FIELDS.filter((f) => f.name !== "nom").map((f) => (
          <div key={f.name}>
            <dt className="fr-text--bold">{f.label}</dt>
            <dd className="structure-value">{text(s.structure[f.name]) ?? "Non renseigné"}</dd>
          </div>
        ))}
      </dl>
      {s.editable && (
        <Button priority="secondary" iconId="fr-icon-edit-line" onClick={() => setEditing(true)}>
          Modifier
        </Button>
      )}
      <h2 className="fr-mt-4w">Services de la structure</h2>
      {s.services.length === 0 ? (
        <p>Aucun service n’est rattaché à cette structure.</p>
      ) : (
        <ul>
          {s.services.map((v) => (
            <li key={v.id}>
              <Link to={`/annuaire/ressources/${v.id}`}>{v.nom}</Link>
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function EditStructureForm(props: { structure: DirectoryStructure; onSaved: () => void; onCancel: () => void }) {
  const record = props.structure.structure;
  return (
    <CommandForm
      title="Modifier la structure"
      titleAs="h2"
      submitLabel="Enregistrer les modifications"
      body={structureBody}
      schema={StructureFormSchema}
      success="Structure mise à jour : sa date de mise à jour est aujourd’hui."
      onSubmit={async (body) => {
        await api.put(`/api/directory/structures/${props.structure.id}`, DirectoryStructureSchema, body);
        props.onSaved();
      }}
      extraButtons={
        <li>
          <Button priority="secondary" type="button" onClick={props.onCancel}>
            Annuler
          </Button>
        </li>
      }
      className="fr-mt-4w"
    >
      {FIELDS.map((f) => (
        <FormInput
          key={f.name}
          label={f.label}
          name={f.name}
          hint={f.hint}
          type={f.type}
          textArea={f.textArea}
          required={f.name === "nom"}
          defaultValue={text(record[f.name]) ?? undefined}
        />
      ))}
    </CommandForm>
  );
}
