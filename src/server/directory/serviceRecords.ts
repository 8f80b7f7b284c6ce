import { randomUUID } from "node:crypto";
import type { ServiceForm, StructureForm } from "../../shared/contracts/directory.js";

/** The producer name Tandem writes in `source` for the resources published in it. */
export const TANDEM_SOURCE = "tandem";
export const newSchemaId = () => `${TANDEM_SOURCE}--${randomUUID()}`;

/** Drops what the form left empty: the schema's optional fields are absent rather than "" or [] (several lists need one item at least). */
function compact(o: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0)));
}

/** A structure record as the schema writes it, for a structure named in the service form. */
export function structureRecordOf(f: ServiceForm, id: string, today: string): Record<string, unknown> {
  return compact({
    source: TANDEM_SOURCE,
    id,
    nom: f.structureNom,
    date_maj: today,
    adresse: f.adresse,
    code_postal: f.code_postal,
    commune: f.commune,
    code_insee: f.code_insee,
    telephone: f.telephone,
    courriel: f.courriel,
    horaires_accueil: f.horaires_accueil,
  });
}

/** A service record as the schema writes it, field for field; `date_maj` is the day it is published. */
export function serviceRecordOf(f: ServiceForm, ids: { id: string; structureDiId: string }, today: string): Record<string, unknown> {
  return compact({
    source: TANDEM_SOURCE,
    id: ids.id,
    structure_id: ids.structureDiId,
    nom: f.nom,
    description: f.description,
    type: f.type,
    thematiques: f.thematiques,
    publics: f.publics,
    modes_accueil: f.modes_accueil,
    modes_mobilisation: f.modes_mobilisation,
    mobilisable_par: f.mobilisable_par,
    frais: f.frais,
    frais_precisions: f.frais_precisions,
    adresse: f.adresse,
    code_postal: f.code_postal,
    commune: f.commune,
    code_insee: f.code_insee,
    telephone: f.telephone,
    courriel: f.courriel,
    contact_nom_prenom: f.contact_nom_prenom,
    horaires_accueil: f.horaires_accueil,
    conditions_acces: f.conditions_acces,
    lien_mobilisation: f.lien_mobilisation,
    zone_eligibilite: f.zone_eligibilite,
    date_maj: today,
  });
}

/** The schema's fields the service form writes, with those the server sets: cleared in the form, they are cleared in the record. */
const FORM_FIELDS = new Set([
  "source", "id", "structure_id", "date_maj", "nom", "description", "type", "thematiques", "publics", "modes_accueil", "modes_mobilisation", "mobilisable_par",
  "frais", "frais_precisions", "adresse", "code_postal", "commune", "code_insee", "telephone", "courriel", "contact_nom_prenom", "horaires_accueil",
  "conditions_acces", "lien_mobilisation", "zone_eligibilite",
]);

/** What a record holds beyond the form (latitude, lien_source, publics_precisions…): kept when the form updates it. */
export function fieldsOutsideTheForm(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !FORM_FIELDS.has(k)));
}

/** A structure record from its own form (its page's « Modifier »), field for field; `date_maj` is the day it is saved. */
export function structureRecordOfForm(f: StructureForm, ids: { source: string; id: string }, today: string): Record<string, unknown> {
  return compact({
    source: ids.source,
    id: ids.id,
    nom: f.nom,
    date_maj: today,
    siret: f.siret,
    description: f.description,
    adresse: f.adresse,
    complement_adresse: f.complement_adresse,
    code_postal: f.code_postal,
    commune: f.commune,
    code_insee: f.code_insee,
    telephone: f.telephone,
    courriel: f.courriel,
    site_web: f.site_web,
    horaires_accueil: f.horaires_accueil,
    accessibilite_lieu: f.accessibilite_lieu,
  });
}

/** The structure fields its form writes (with those the server sets): cleared in the form, they are cleared in the record. */
const STRUCTURE_FORM_FIELDS = new Set([
  "source", "id", "nom", "date_maj", "siret", "description", "adresse", "complement_adresse", "code_postal", "commune", "code_insee", "telephone", "courriel",
  "site_web", "horaires_accueil", "accessibilite_lieu",
]);

/** What a structure record holds beyond its form (latitude, longitude, lien_source, reseaux_porteurs…): kept when the form updates it. */
export function structureFieldsOutsideTheForm(record: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(record).filter(([k]) => !STRUCTURE_FORM_FIELDS.has(k)));
}
