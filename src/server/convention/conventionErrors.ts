import { AppError } from "../platform/errors.js";

export type FileIssue = { path: string; message: string };

export const conventionErrors = {
  invalidFile: (issues: FileIssue[]) =>
    new AppError(
      400,
      "CONVENTION_FILE_INVALID",
      `Le fichier de convention est refusé : ${issues.length} erreur${issues.length > 1 ? "s" : ""}. Rien n'a été importé.`,
      { issues },
    ),
  alreadyExists: (number: string) =>
    new AppError(409, "CONVENTION_ALREADY_EXISTS", `Une convention porte déjà le numéro ${number}. Enregistrez un avenant pour la modifier.`),
  notFound: () => new AppError(404, "CONVENTION_NOT_FOUND", "Convention introuvable."),
  amendmentInvalid: (issues: FileIssue[]) =>
    new AppError(400, "AMENDMENT_INVALID", "L'avenant est refusé : les termes qui en résultent ne sont pas valides.", { issues }),
  alreadyTerminated: () => new AppError(409, "CONVENTION_ALREADY_TERMINATED", "Une résiliation est déjà enregistrée pour cette convention."),
  unknownCommitment: (key: string) => new AppError(404, "COMMITMENT_NOT_FOUND", `Engagement inconnu : ${key}.`),
  unknownParty: () => new AppError(400, "PARTY_NOT_FOUND", "Cette organisation n'est pas une partie de la convention."),
  notSigningParty: () =>
    new AppError(400, "PARTY_NOT_FOUND", "Cette organisation n'est pas une partie signataire de la convention.", {
      issues: [{ path: "organisation", message: "Choisissez une partie signataire de la convention." }],
    }),
  amendmentNumberTaken: (number: string) =>
    new AppError(409, "AMENDMENT_NUMBER_TAKEN", `Un avenant porte déjà le numéro « ${number} » pour cette convention.`, {
      issues: [{ path: "number", message: "Ce numéro d'avenant est déjà enregistré." }],
    }),
  signatureAlreadyRecorded: (party: string) =>
    new AppError(409, "SIGNATURE_ALREADY_RECORDED", `La signature de ${party} est déjà enregistrée pour cette convention.`),
  signatureInvalid: (issues: FileIssue[]) => new AppError(400, "SIGNATURE_INVALID", "La signature est refusée.", { issues }),
};
