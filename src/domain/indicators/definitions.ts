/**
 * The indicators Tandem knows, as definitions (ADR 0033): what each one counts, in which unit, how
 * it breaks down, and which article asks for it. A convention's `indicators` list names them by key
 * (an unknown key is refused at import). A definition is VERSIONED: a change to what it counts gives
 * it a new version; figures frozen by a steering committee keep the version they were computed with.
 *
 * Some asks of the conventions rest on facts Tandem does not record (services, trainings, matches on
 * offers, measures mobilised): they are definitions all the same, marked `available: false`, and are
 * shown as « données non disponibles dans Tandem » — never as a zero.
 */

export const BREAKDOWNS = ["agency", "social_service", "commune", "qpv", "benefit", "age_band", "origin", "exit_type", "outcome"] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];
export const BREAKDOWN_LABELS: Record<Breakdown, string> = {
  agency: "Agence France Travail",
  social_service: "Service social",
  commune: "Commune de résidence",
  qpv: "Quartier prioritaire (QPV)",
  benefit: "Allocation (RSA, ASS, ARE, BOE)",
  age_band: "Tranche d’âge",
  origin: "Origine de l’orientation",
  exit_type: "Type de sortie",
  outcome: "Issue",
};

export const INDICATOR_UNITS = ["personnes", "%", "jours", "par conseiller"] as const;
export type IndicatorUnit = (typeof INDICATOR_UNITS)[number];

export type IndicatorDefinition = {
  key: string;
  version: number;
  name: string;
  description: string;
  unit: IndicatorUnit;
  /** What it counts, in the support events' words (the page and the XLSX print it next to the figure). */
  counts: string;
  breakdowns: readonly Breakdown[];
  /** The article that asks for it (convention or law). */
  source: string;
  available: boolean;
  /** What one row behind the figure is, when not a support (a PEC contract, a candidacy): the drill-down's words. */
  counted?: { one: string; many: string };
};

const PEOPLE: readonly Breakdown[] = ["agency", "social_service", "commune", "qpv", "benefit", "age_band", "origin"];
const NATIONAL = "Loi n° 2023-1196 du 18 décembre 2023 pour le plein emploi — indicateurs nationaux de l’accompagnement global";
const unavailable = (key: string, name: string, source: string, counts: string): IndicatorDefinition => ({
  key,
  version: 1,
  name,
  description: `${name} : Tandem n’enregistre pas ces faits.`,
  unit: "personnes",
  counts,
  breakdowns: [],
  source,
  available: false,
});

export const INDICATOR_DEFINITIONS: readonly IndicatorDefinition[] = [
  {
    key: "entrees",
    version: 1,
    name: "Entrées en accompagnement global",
    description: "Personnes entrées en accompagnement global pendant la période.",
    unit: "personnes",
    counts: "Accompagnements dont la date d’entrée tombe dans la période (premier et dernier jour compris).",
    breakdowns: PEOPLE,
    source: "002 art. 5.2 c)",
    available: true,
  },
  {
    key: "origine_orientations",
    version: 1,
    name: "Orientations par origine",
    description: "Orientations vers l’accompagnement global reçues pendant la période, selon qui a orienté.",
    unit: "personnes",
    counts: "Accompagnements dont la date d’orientation tombe dans la période, par origine de l’orientation.",
    breakdowns: PEOPLE,
    source: "002 art. 5.2 c)",
    available: true,
  },
  {
    key: "accompagnements_en_cours",
    version: 1,
    name: "Accompagnements en cours en fin de période",
    description: "Personnes en accompagnement (y compris social exclusif) au dernier jour de la période.",
    unit: "personnes",
    counts: "Accompagnements entrés au plus tard le dernier jour de la période et non sortis à cette date.",
    breakdowns: PEOPLE,
    source: "002 art. 5.2 c)",
    available: true,
  },
  {
    key: "typologie",
    version: 1,
    name: "Typologie des publics accompagnés",
    description: "Personnes accompagnées pendant la période, selon leurs allocations (une personne peut en avoir plusieurs).",
    unit: "personnes",
    counts: "Accompagnements en cours pendant au moins un jour de la période, par allocation (RSA, ASS, ARE, BOE, aucune).",
    breakdowns: PEOPLE,
    source: "002 art. 5.2 c) ; 001 art. 5",
    available: true,
  },
  {
    key: "personnes_concernees",
    version: 1,
    name: "Personnes concernées",
    description: "Personnes accompagnées pendant au moins un jour de la période.",
    unit: "personnes",
    counts: "Accompagnements entrés au plus tard le dernier jour de la période et non sortis avant son premier jour.",
    breakdowns: PEOPLE,
    source: "001 art. 5",
    available: true,
  },
  {
    key: "sorties",
    version: 1,
    name: "Sorties par type",
    description: "Sorties de l’accompagnement global pendant la période, par nature (emploi, formation, réorientation…).",
    unit: "personnes",
    counts: "Accompagnements dont la date de sortie tombe dans la période, par type de sortie.",
    breakdowns: [...PEOPLE, "exit_type"],
    source: "002 art. 5.2 c) ; 001 art. 5",
    available: true,
  },
  {
    key: "freins_a_l_entree",
    version: 1,
    name: "Personnes entrées avec au moins un frein",
    description: "Personnes entrées pendant la période pour lesquelles un frein était relevé à l’entrée.",
    unit: "personnes",
    counts: "Accompagnements entrés dans la période ayant un frein observé au plus tard le jour de l’entrée.",
    breakdowns: PEOPLE,
    source: "002 art. 5.3 ; 001 art. 5 (évaluation annuelle)",
    available: true,
  },
  {
    key: "orientations_demarrees_dans_le_delai",
    version: 1,
    name: "Orientations démarrées dans le délai de la convention",
    description: "Part des orientations de la période dont l’entrée a eu lieu dans le délai de démarrage de la convention.",
    unit: "%",
    counts: "Parmi les accompagnements orientés dans la période (hors refus), ceux entrés au plus tard au terme du délai « orientation → démarrage ».",
    breakdowns: PEOPLE,
    source: NATIONAL,
    available: true,
  },
  {
    key: "premiers_rendez_vous_dans_le_delai",
    version: 1,
    name: "Premiers rendez-vous tenus dans le délai",
    description: "Part des entrées de la période dont les premiers rendez-vous social et professionnel ont été tenus dans le délai de la convention.",
    unit: "%",
    counts: "Parmi les accompagnements entrés dans la période, ceux dont les deux premiers rendez-vous tenus tombent au plus tard au terme du délai « entrée → premiers rendez-vous ».",
    breakdowns: PEOPLE,
    source: NATIONAL,
    available: true,
  },
  {
    key: "absences_premier_rendez_vous",
    version: 1,
    name: "Absences aux premiers rendez-vous",
    description: "Part des premiers rendez-vous (social, professionnel) de la période auxquels la personne ne s’est pas présentée.",
    unit: "%",
    counts: "Parmi les accompagnements dont un premier rendez-vous (le plus ancien de son côté, non annulé, tenu ou manqué) tombe dans la période, ceux où la personne était absente.",
    breakdowns: PEOPLE,
    source: NATIONAL,
    available: true,
  },
  {
    key: "delai_orientation_entree",
    version: 1,
    name: "Délai médian de l’orientation à l’entrée",
    description: "Nombre médian de jours entre l’orientation et l’entrée, pour les entrées de la période.",
    unit: "jours",
    counts: "Médiane de (date d’entrée − date d’orientation) des accompagnements entrés dans la période.",
    breakdowns: PEOPLE,
    source: NATIONAL,
    available: true,
  },
  {
    key: "delai_entree_premier_rendez_vous",
    version: 1,
    name: "Délai médian de l’entrée au premier rendez-vous",
    description: "Nombre médian de jours entre l’entrée et le premier rendez-vous tenu, pour les entrées de la période.",
    unit: "jours",
    counts: "Médiane de (premier rendez-vous tenu − date d’entrée) des accompagnements entrés dans la période qui en ont un.",
    breakdowns: PEOPLE,
    source: NATIONAL,
    available: true,
  },
  {
    key: "duree_maximale_atteinte",
    version: 1,
    name: "Sorties à la durée maximale",
    description: "Part des sorties de la période intervenues à la durée maximale d’accompagnement.",
    unit: "%",
    counts: "Parmi les accompagnements sortis dans la période, ceux sortis le jour de leur durée maximale ou après.",
    breakdowns: [...PEOPLE, "exit_type"],
    source: NATIONAL,
    available: true,
  },
  {
    key: "accompagnement_social_exclusif",
    version: 1,
    name: "Accompagnements sociaux exclusifs et leur issue",
    description: "Personnes passées en accompagnement social exclusif pendant la période, selon ce qu’il est advenu depuis.",
    unit: "personnes",
    counts: "Accompagnements ayant commencé un épisode social exclusif dans la période ; issue : toujours en social exclusif, parcours repris, ou sortie (par type).",
    breakdowns: [...PEOPLE, "outcome", "exit_type"],
    source: `002 art. 2 e) ; ${NATIONAL}`,
    available: true,
  },
  {
    // Version 2: the directory's resources mobilised on a case (ADR 0035) are the levers Tandem knows;
    // version 1 said « non disponible ». PPAE and CER measures stay outside Tandem (mesures_mobilisees).
    key: "leviers_mobilises",
    version: 2,
    name: "Leviers mobilisés (ressources des partenaires)",
    description: "Personnes accompagnées pour lesquelles au moins une ressource du répertoire des partenaires a été mobilisée pendant la période.",
    unit: "personnes",
    counts: "Accompagnements en cours dans la période ayant au moins un événement « ressource mobilisée » daté de la période (mesures PPAE et CER non enregistrées dans Tandem).",
    breakdowns: PEOPLE,
    source: "002 art. 5.3 ; 001 art. 5 (évaluation annuelle)",
    available: true,
  },
  {
    key: "accompagnements_par_conseiller",
    version: 1,
    name: "Accompagnements en cours par conseiller",
    description: "Taille moyenne des portefeuilles actifs : accompagnements en cours au dernier jour de la période, par conseiller qui en suit.",
    unit: "par conseiller",
    counts: "Accompagnements entrés au plus tard le dernier jour de la période, non sortis à cette date et suivis par un conseiller, divisés par le nombre de ces conseillers.",
    breakdowns: PEOPLE,
    source: "002 art. 3.2",
    available: true,
  },
  {
    // Issue 14: PEC's own facts (ADR 0037), counted over its contracts rather than support cases.
    key: "pec_sorties",
    version: 1,
    name: "Sorties de parcours emploi compétences par issue",
    description: "Contrats PEC terminés pendant la période, selon leur issue (emploi, formation, renouvellement en contrat aidé, autre).",
    unit: "personnes",
    counts: "Contrats parcours emploi compétences dont la date de sortie tombe dans la période (premier et dernier jour compris), par issue enregistrée à la sortie.",
    breakdowns: ["outcome", "agency", "commune", "qpv", "benefit", "age_band"],
    source: "000 art. 3.1 a",
    available: true,
    counted: { one: "contrat PEC", many: "contrats PEC" },
  },
  {
    key: "pec_mises_en_relation",
    version: 1,
    name: "Candidatures PEC proposées et retenues",
    description: "Candidatures (mises en relation) proposées par France Travail sur les offres PEC pendant la période, selon la réponse de l’employeur.",
    unit: "personnes",
    counts: "Candidatures sur une offre PEC proposées dans la période (jour de la proposition, heure de Paris), par réponse de l’employeur à ce jour : acceptée, refusée, en attente.",
    breakdowns: ["outcome", "agency", "commune", "qpv", "benefit", "age_band"],
    source: "000 art. 3.1 a",
    available: true,
    counted: { one: "candidature PEC", many: "candidatures PEC" },
  },
  unavailable("mesures_mobilisees", "Nombre et typologie des mesures mobilisées", "001 art. 5", "Mesures PPAE, CER, partenaires, travailleurs sociaux : non enregistrées dans Tandem."),
  unavailable("rapport_annuel", "Rapport annuel d’évaluation", "002 art. 5.3", "Rapport qualitatif voté par le comité de pilotage : non produit par Tandem."),
  unavailable("justificatifs_fse", "Éléments justificatifs du Fonds social européen", "001 art. 5", "Pièces justificatives du FSE : non produites par Tandem."),
  unavailable("accueillis", "Demandeurs d’emploi accueillis et leur typologie", "004 art. 8", "Accueils en mairie : non enregistrés dans Tandem."),
  unavailable("prestations", "Demandeurs inscrits à une prestation", "004 art. 8", "Inscriptions aux prestations : non enregistrées dans Tandem."),
  unavailable("formations", "Demandeurs inscrits à une formation", "004 art. 8", "Inscriptions en formation : non enregistrées dans Tandem."),
  unavailable("mises_en_relation", "Mises en relation sur offres d’emploi", "004 art. 8", "Mises en relation : non enregistrées dans Tandem."),
  unavailable("offres_transmises", "Offres transmises par la commune aux agences", "004 art. 8", "Offres transmises : non enregistrées dans Tandem."),
  unavailable("problematiques", "Problématiques rencontrées", "004 art. 8", "Problématiques rencontrées : texte libre du bilan, non enregistré dans Tandem."),
  unavailable("bilan_annuel", "Bilan annuel quantitatif et qualitatif", "000 art. 7 ; 003 art. 6.1", "Indicateurs fixés par le comité de pilotage : non enregistrés dans Tandem."),
];

/** Every key a convention file may name in its `indicators` list. */
export const INDICATOR_KEYS = INDICATOR_DEFINITIONS.map((d) => d.key) as [string, ...string[]];

export const definitionOf = (key: string): IndicatorDefinition | undefined => INDICATOR_DEFINITIONS.find((d) => d.key === key);

/** The national indicators every global-support convention shows, whether or not its file lists them. */
export const NATIONAL_INDICATOR_KEYS = [
  "orientations_demarrees_dans_le_delai",
  "premiers_rendez_vous_dans_le_delai",
  "absences_premier_rendez_vous",
  "delai_orientation_entree",
  "delai_entree_premier_rendez_vous",
  "duree_maximale_atteinte",
  "accompagnement_social_exclusif",
] as const;

/**
 * Whether a figure grows with the length of its period (people who entered, exited… during it), so
 * that it compares with a commitment only over a period of the commitment's own length; a level at
 * the period's end, a share, a median or an average per advisor compares over any period.
 */
export const periodLengthMatters = (d: Pick<IndicatorDefinition, "key" | "unit">) =>
  d.unit === "personnes" && d.key !== "accompagnements_en_cours";

/** Small cells (statistical secrecy): a count of people from 1 to 4 is shown « < 5 ». */
export const SMALL_CELL_LIMIT = 5;
export const isSmallCell = (n: number) => n > 0 && n < SMALL_CELL_LIMIT;
