/**
 * The words of global support (domain.md §3), as codes with their French labels. The lists of
 * barriers, origins and exit types are those the seed conventions write [002 art. 2 b), d), g)
 * and 5.2 c)]; they are the same in every convention that runs the programme, unlike its numbers.
 */

/** Social barriers [002 art. 2 b)]. */
export const SOCIAL_BARRIERS = ["health", "financial", "housing", "administrative_legal", "family", "isolation"] as const;
/** Professional barriers [002 art. 2 b)]. */
export const PROFESSIONAL_BARRIERS = ["project_to_define", "no_qualification", "lack_of_experience", "mobility", "distance_from_employment"] as const;
/** Any other barrier: admitted only after the advisor and the social worker agree [002 art. 2 b)]. */
export const OTHER_BARRIER = "other" as const;

export type BarrierCategory = "social" | "professional";
export type BarrierCode = (typeof SOCIAL_BARRIERS)[number] | (typeof PROFESSIONAL_BARRIERS)[number] | typeof OTHER_BARRIER;
export const BARRIER_CODES = [...SOCIAL_BARRIERS, ...PROFESSIONAL_BARRIERS, OTHER_BARRIER] as const;

export const BARRIER_LABELS: Record<BarrierCode, string> = {
  health: "Santé (n’empêchant pas l’accès à l’emploi)",
  financial: "Précarité financière",
  housing: "Logement",
  administrative_legal: "Difficultés administratives ou juridiques",
  family: "Contraintes familiales (garde d’enfants, aidant familial)",
  isolation: "Isolement",
  project_to_define: "Projet professionnel à définir",
  no_qualification: "Absence de qualification",
  lack_of_experience: "Manque d’expérience professionnelle",
  mobility: "Mobilité géographique ou professionnelle",
  distance_from_employment: "Éloignement important de l’emploi ou risque de chômage de longue durée",
  other: "Autre frein",
};

/** The category a listed barrier belongs to; `other` takes the category the professionals give it. */
export function categoryOf(code: BarrierCode, declared: BarrierCategory): BarrierCategory {
  if ((SOCIAL_BARRIERS as readonly string[]).includes(code)) return "social";
  if ((PROFESSIONAL_BARRIERS as readonly string[]).includes(code)) return "professional";
  return declared;
}

/** Who oriented the person [002 art. 2 d) and 5.2 c): « Pôle Emploi, Utams, PF1, etc. »]. */
export const ORIENTATION_ORIGINS = ["france_travail", "departement_social_service", "city_social_service", "pf1", "pf2", "other"] as const;
export type OrientationOrigin = (typeof ORIENTATION_ORIGINS)[number];
export const ORIGIN_LABELS: Record<OrientationOrigin, string> = {
  france_travail: "France Travail",
  departement_social_service: "Service social du Département",
  city_social_service: "Service social de la commune (CCAS)",
  pf1: "Plateforme d’orientation des entrants au RSA (PF1)",
  pf2: "Plateforme Job Coaching (PF2)",
  other: "Autre",
};

/** How an exit ends the support [domain.md §3; 001 art. 5 « emploi, formation, réorientations »]. */
export const EXIT_TYPES = ["sustainable_job", "temporary_job", "training", "reorientation", "move", "drop_out", "other"] as const;
export type ExitType = (typeof EXIT_TYPES)[number];
export const EXIT_TYPE_LABELS: Record<ExitType, string> = {
  sustainable_job: "Emploi durable",
  temporary_job: "Emploi temporaire",
  training: "Formation",
  reorientation: "Réorientation",
  move: "Déménagement",
  drop_out: "Abandon",
  other: "Autre",
};

/** How the person's free consent was collected [002 art. 2 b) « libre adhésion »]. */
export const CONSENT_METHODS = ["in_person", "phone", "written", "online"] as const;
export type ConsentMethod = (typeof CONSENT_METHODS)[number];
export const CONSENT_METHOD_LABELS: Record<ConsentMethod, string> = {
  in_person: "En entretien",
  phone: "Par téléphone",
  written: "Par écrit (formulaire signé)",
  online: "En ligne",
};

export const DIAGNOSIS_KINDS = ["shared", "trust"] as const;
export type DiagnosisKind = (typeof DIAGNOSIS_KINDS)[number];
export const DIAGNOSIS_KIND_LABELS: Record<DiagnosisKind, string> = {
  shared: "Diagnostic partagé (conseiller et travailleur social)",
  trust: "Diagnostic sur la base de la confiance réciproque",
};

export const SUPPORT_STATUSES = ["oriented", "diagnosed", "awaiting_entry", "active", "social_only", "exited", "refused"] as const;
export type SupportStatus = (typeof SUPPORT_STATUSES)[number];
export const STATUS_LABELS: Record<SupportStatus, string> = {
  oriented: "Orienté",
  diagnosed: "Diagnostic posé",
  awaiting_entry: "En attente d’entrée (revue)",
  active: "Accompagnement en cours",
  social_only: "Accompagnement social exclusif",
  exited: "Sorti",
  refused: "Entrée refusée",
};

export const APPOINTMENT_KINDS = ["social", "professional"] as const;
export type AppointmentKind = (typeof APPOINTMENT_KINDS)[number];
export const APPOINTMENT_STATUSES = ["planned", "attended", "missed"] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export const NOTE_VISIBILITIES = ["pair", "social", "employment"] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];
export const NOTE_VISIBILITY_LABELS: Record<NoteVisibility, string> = {
  pair: "Binôme (conseiller et travailleur social)",
  social: "Travailleurs sociaux seulement (secret professionnel)",
  employment: "Conseillers France Travail seulement",
};

/** Short jobs or training during the support: recorded, they do not end it within the caps [002 art. 2 g)]. */
export const ACTIVITY_KINDS = ["short_job", "short_training"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];
