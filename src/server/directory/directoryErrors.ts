import { AppError, type FieldIssue } from "../platform/errors.js";
import type { DirectoryImportReport } from "../../shared/contracts/directory.js";

/** The directory's errors (ADR 0035): a stable code, an HTTP status and a French message. */
export const directoryErrors = {
  serviceNotFound: () => new AppError(404, "DIRECTORY_SERVICE_NOT_FOUND", "Ressource introuvable dans l’annuaire."),
  structureNotFound: () =>
    new AppError(400, "DIRECTORY_STRUCTURE_NOT_FOUND", "Structure introuvable parmi celles de votre organisation.", {
      issues: [{ path: "body.structureId", message: "Structure introuvable parmi celles de votre organisation." }],
    }),
  structureMissing: () => new AppError(404, "DIRECTORY_STRUCTURE_MISSING", "Structure introuvable dans l’annuaire de votre organisation."),
  sameStructure: () =>
    new AppError(400, "DIRECTORY_SAME_STRUCTURE", "Le service est déjà rattaché à cette structure.", {
      issues: [{ path: "body.structureId", message: "Le service est déjà rattaché à cette structure : choisissez-en une autre." }],
    }),
  invalidStructure: (issues: FieldIssue[]) =>
    new AppError(400, "DIRECTORY_STRUCTURE_INVALID", "La structure ne respecte pas le schéma data·inclusion. Rien n’a été enregistré.", { issues }),
  invalidRecord: (issues: FieldIssue[]) =>
    new AppError(400, "DIRECTORY_RECORD_INVALID", "La ressource ne respecte pas le schéma data·inclusion. Rien n’a été enregistré.", { issues }),
  importRefused: (report: DirectoryImportReport) =>
    new AppError(
      400,
      "DIRECTORY_IMPORT_INVALID",
      `Le fichier contient ${report.issues.length} erreur(s) : rien n’a été importé. Corrigez chaque ligne signalée puis recommencez.`,
      { report },
    ),
  notInCase: () => new AppError(409, "DIRECTORY_SERVICE_NOT_IN_REACH", "Cette ressource ne couvre pas la commune de la personne ou ne vous est pas partagée."),
  campaignExists: () => new AppError(409, "DIRECTORY_CAMPAIGN_EXISTS", "Une campagne de mise à jour existe déjà pour cette convention et cette année."),
};
