import { z } from "zod";

/** pg-boss's states of a job; « failed » is a dead letter: its retries are exhausted (ADR 0029). */
export const BackgroundJobStateSchema = z.enum(["created", "retry", "active", "completed", "cancelled", "failed"]);
export type BackgroundJobState = z.infer<typeof BackgroundJobStateSchema>;

export const BackgroundJobsQuerySchema = z.object({ state: BackgroundJobStateSchema.optional() }).strict();

/** A job as the platform admin sees it: what ran, when, how it ended; never its data (which may name people). */
export const BackgroundJobSchema = z.object({
  id: z.uuid(),
  queue: z.string(),
  /** The queue in French (« Alertes des conventions »). */
  label: z.string(),
  state: BackgroundJobStateSchema,
  /** Attempts made, and allowed (the first one and its retries). */
  attempts: z.number().int(),
  maxAttempts: z.number().int(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  completedAt: z.string().nullable(),
  /** Of the last failed attempt: its message only (no detail, addresses masked). */
  error: z.string().nullable(),
});
export type BackgroundJob = z.infer<typeof BackgroundJobSchema>;

export const BackgroundJobsSchema = z.object({
  /** Jobs of the last 7 days by state (before the filter). */
  counts: z.partialRecord(BackgroundJobStateSchema, z.number().int()),
  /** The 100 most recent of the state asked (all states if none). */
  items: z.array(BackgroundJobSchema),
});

export const BackgroundJobRetryParamsSchema = z.object({ queue: z.string().regex(/^[a-z0-9-]{1,100}$/, "Nom de file invalide."), id: z.uuid("Identifiant de tâche invalide.") }).strict();

/** The French name of each queue; a queue without one shows its name. */
export const BACKGROUND_JOB_LABELS: Record<string, string> = {
  "daily-jobs": "Programmation des tâches quotidiennes",
  "daily-convention-alerts": "Alertes des conventions (échéances)",
  "daily-support-digest": "Récapitulatif quotidien des professionnels",
  "daily-support-end-alerts": "Alertes avant plafond ou fin de convention",
  "daily-review-due-alerts": "Alertes des revues de portefeuille dues",
  "daily-login-throttles-purge": "Purge des limitations de connexion",
  "daily-audit-retention": "Conservation du journal d’audit",
  "daily-convention-territories": "Territoires des conventions",
  "daily-breach-overdue-alerts": "Alertes des violations de données en retard",
  "daily-directory-campaign-reminders": "Relances de la mise à jour annuelle de l’annuaire",
  "daily-retention-purges": "Purges des données à leur échéance",
  "daily-immersion-assessment-reminders": "Relances des bilans d’immersion",
  "daily-pec-booklet-notices": "Livret de suivi PEC : relances et liens",
  "daily-pec-certificate-reminders": "Relances de l’attestation d’expérience PEC",
  "daily-embedded-database-maintenance": "Entretien de la base embarquée (VACUUM, statistiques)",
  "list-import-check": "Contrôle d’une liste reçue (essai à blanc)",
};
export const backgroundJobLabel = (queue: string) => BACKGROUND_JOB_LABELS[queue] ?? queue;

export const BACKGROUND_JOB_STATE_LABELS: Record<BackgroundJobState, string> = {
  created: "En attente",
  retry: "Nouvel essai prévu",
  active: "En cours",
  completed: "Terminée",
  cancelled: "Annulée",
  failed: "En échec (essais épuisés)",
};
