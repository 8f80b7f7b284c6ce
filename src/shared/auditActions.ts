/**
 * What each audit action means, in the words a data protection officer reads: the audit page, its
 * filter and its CSV export all say this. Every action string written by `audit(...)` in
 * src/server has its label here (privacy/auditActions.test.ts reads the code to check it).
 */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
  // Connexion et comptes
  "auth.login": "Connexion",
  "auth.login_failed": "Échec de connexion",
  "auth.login_throttled": "Connexion retardée après des échecs répétés",
  "auth.logout": "Déconnexion",
  "user.invited": "Invitation d’un utilisateur",
  "user.invitation_accepted": "Invitation acceptée (premier mot de passe)",
  "user.password_changed": "Changement de mot de passe",
  "user.roles_changed": "Modification des rôles",
  "user.deactivated": "Désactivation d’un compte",
  "user.reactivated": "Réactivation d’un compte",
  "organisation.users.read": "Consultation des comptes d’une organisation",
  "organisation.created": "Création d’une organisation",
  "organisation.updated": "Modification d’une organisation",
  "organisation.imported": "Import d’organisations (fichier CSV)",
  "organisation.read": "Consultation d’une organisation (contacts)",
  "calendar.feed_created": "Création d’un abonnement d’agenda",
  "notifications.read": "Consultation des alertes",
  "outbox.read": "Consultation de la boîte d’envoi",
  // Journal d'audit
  "audit.searched": "Consultation du journal d’audit",
  "audit.exported": "Export du journal d’audit",
  "audit.chain_verified": "Vérification de l’intégrité du journal",
  "audit.purged": "Suppression des mois de plus d’un an du journal (durée de conservation)",
  // Personnes
  "job_seeker.created": "Création d’une fiche personne",
  "job_seeker.read": "Consultation d’une fiche personne",
  "job_seeker.searched": "Recherche de personnes",
  "job_seeker.updated": "Modification d’une fiche personne",
  // Accompagnement global
  "support.oriented": "Orientation vers l’accompagnement global",
  "support.case_read": "Consultation d’un accompagnement",
  "support.portfolio_read": "Consultation d’un portefeuille",
  "support.pair_candidates_read": "Consultation des binômes possibles",
  "support.consent_recorded": "Enregistrement du consentement",
  "support.barrier_added": "Ajout d’un frein",
  "support.barrier_updated": "Modification d’un frein",
  "support.diagnosis_recorded": "Enregistrement du diagnostic",
  "support.pair_assigned": "Désignation du binôme",
  "support.entry_submitted": "Proposition d’entrée en accompagnement",
  "support.entered": "Entrée en accompagnement",
  "support.entry_refused": "Refus d’entrée en accompagnement",
  "support.renewed": "Renouvellement de l’accompagnement",
  "support.exited": "Sortie de l’accompagnement",
  "support.social_only_started": "Début de l’accompagnement social exclusif",
  "support.social_only_ended": "Fin de l’accompagnement social exclusif",
  "support.appointment_recorded": "Enregistrement d’un rendez-vous",
  "support.appointment_updated": "Modification d’un rendez-vous",
  "support.activity_recorded": "Enregistrement d’une activité (emploi, formation)",
  "support.note_added": "Ajout d’une note",
  "support.document_added": "Ajout d’un document",
  "support.document_read": "Consultation d’un document",
  "support.transparency_exported": "Export des données d’une personne (droit d’accès)",
  "support.digest_sent": "Envoi du récapitulatif quotidien",
  "support.social_only_cap_warned": "Alerte avant la fin de l’accompagnement social exclusif",
  "support.convention_end_warned": "Alerte avant la fin de la convention (accompagnements en cours)",
  "support.ended_convention_cases_read": "Consultation des accompagnements sous une convention terminée",
  "support.referents_set": "Désignation des référents accompagnement global",
  "support.appointment_cancelled": "Annulation d’un rendez-vous",
  "support.appointment_invitation_sent": "Envoi d’une convocation par courriel",
  "support.appointment_letter": "Édition d’une convocation (courrier PDF)",
  "support.barrier_corrected": "Correction d’un frein",
  "support.case_taken_up": "Prise en charge d’une orientation",
  "support.note_edited": "Modification d’une note",
  "support.portfolio_exported": "Export d’un portefeuille",
  "support.queue_read": "Consultation des orientations à attribuer",
  // Conventions
  "convention.imported": "Import d’une convention",
  "convention.read": "Consultation d’une convention",
  "convention.exported": "Export d’une convention",
  "convention.signature_recorded": "Signature d’une convention",
  "convention.amendment_proposed": "Proposition d’un avenant",
  "convention.amendment_signature_recorded": "Signature d’un avenant",
  "convention.termination_recorded": "Résiliation d’une convention",
  "convention.succession_recorded": "Succession d’une partie",
  "convention.commitment_recorded": "Enregistrement d’un engagement",
  "convention.payment_recorded": "Enregistrement d’un versement",
  "convention.payment_corrected": "Correction d’un versement",
  "convention.payment_cancelled": "Annulation d’un versement",
  "convention.ended_with_parent": "Fin d’une annexe avec sa convention",
  "convention.statement_recorded": "Enregistrement d’un mémoire",
  "convention.dedicated_advisor_named": "Désignation d’un conseiller dédié",
  "convention.dedicated_advisor_removed": "Retrait d’un conseiller dédié",
  // Revues de portefeuille
  "review.scheduled": "Programmation d’une revue de portefeuille",
  "review.read": "Consultation d’une revue de portefeuille",
  "review.case_added": "Ajout d’un accompagnement à une revue",
  "review.decision_recorded": "Décision de revue",
  "review.closed": "Clôture d’une revue",
  "review.reopened": "Réouverture d’une revue",
  "review.document_downloaded": "Téléchargement d’un document de revue",
  "review.deleted": "Suppression d’une revue programmée par erreur",
  "review.summary_read": "Consultation de la synthèse d’une revue",
  "review.due_alert_sent": "Alerte de revue due non programmée",
};

/** The label of an action; an action without one (added without its label) still reads as a sentence. */
export const auditActionLabel = (action: string): string => AUDIT_ACTION_LABELS[action] ?? `Action « ${action} »`;

/** The actions a DPO filters on, in alphabetical order of their labels. */
export const AUDIT_ACTION_OPTIONS = Object.entries(AUDIT_ACTION_LABELS)
  .map(([value, label]) => ({ value, label }))
  .sort((a, b) => a.label.localeCompare(b.label, "fr"));
