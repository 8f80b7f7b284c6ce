import frais from "../server/directory/schema/frais.json" with { type: "json" };
import modesAccueil from "../server/directory/schema/modes-accueil.json" with { type: "json" };
import modesMobilisation from "../server/directory/schema/modes-mobilisation.json" with { type: "json" };
import publics from "../server/directory/schema/publics.json" with { type: "json" };
import thematiques from "../server/directory/schema/thematiques.json" with { type: "json" };
import typesDeServices from "../server/directory/schema/types-de-services.json" with { type: "json" };

/**
 * The data·inclusion referentials (schema 1.x, vendored unchanged in src/server/directory/schema):
 * the choices the directory's forms offer and the labels its pages show. Read from the published
 * files themselves so that a new version of the schema brings its own words.
 */
export type ReferentialEntry = { value: string; label: string; description: string | null };

export const DI_THEMATIQUES: readonly ReferentialEntry[] = thematiques;
export const DI_PUBLICS: readonly ReferentialEntry[] = publics;
export const DI_MODES_ACCUEIL: readonly ReferentialEntry[] = modesAccueil;
export const DI_FRAIS: readonly ReferentialEntry[] = frais;
export const DI_MODES_MOBILISATION: readonly ReferentialEntry[] = modesMobilisation;
export const DI_TYPES_DE_SERVICES: readonly ReferentialEntry[] = typesDeServices;

export const THEMATIQUE_VALUES = DI_THEMATIQUES.map((t) => t.value);

/**
 * The thématiques' families (« catégories »): the published JSON lists only the sub-thématiques,
 * the family being the code's first part; their labels are those of the schema's own source
 * (src/data_inclusion/schema/v1/thematiques.py, `Categorie`, same version).
 */
export const DI_THEMATIQUE_FAMILIES: Record<string, string> = {
  "choisir-un-metier": "Choisir un métier",
  "creer-une-entreprise": "Créer une entreprise",
  "difficultes-administratives-ou-juridiques": "Difficultés administratives ou juridiques",
  "difficultes-financieres": "Difficultés financières",
  "equipement-et-alimentation": "Équipement et alimentation",
  famille: "Famille",
  "lecture-ecriture-calcul": "Lecture, écriture et calcul",
  "logement-hebergement": "Logement et hébergement",
  mobilite: "Mobilité",
  numerique: "Numérique",
  "preparer-sa-candidature": "Préparer sa candidature",
  remobilisation: "Remobilisation",
  sante: "Santé",
  "se-former": "Se former",
  "souvrir-a-linternational": "S’ouvrir à l’international",
  "trouver-un-emploi": "Trouver un emploi",
};
export const familyLabel = (value: string) => DI_THEMATIQUE_FAMILIES[value.split("--")[0]] ?? value.split("--")[0];

const labels = (list: readonly ReferentialEntry[]) => new Map(list.map((e) => [e.value, e.label]));
const thematiqueLabels = labels(DI_THEMATIQUES);
/** « Logement et hébergement — Louer un logement »: the family's words are the first part of the code. */
export const thematiqueLabel = (value: string) => thematiqueLabels.get(value) ?? value;
export const labelOf = (list: readonly ReferentialEntry[], value: string) => list.find((e) => e.value === value)?.label ?? value;
