import { frenchDate } from "../../domain/shared/calendarDate.js";
import { AppError } from "../platform/errors.js";

export type FileIssue = { path: string; message: string };

export const conventionErrors = {
  invalidFile: (issues: FileIssue[]) =>
    new AppError(
      400,
      "CONVENTION_FILE_INVALID",
      `Le fichier de convention est refusé : ${issues.length} erreur${issues.length > 1 ? "s" : ""}. Rien n’a été importé.`,
      { issues },
    ),
  /** The same refusal for a convention file and for an amendment's changes (each old key named with what to write). */
  oldDelayFormat: (issues: FileIssue[], what: "file" | "amendment" = "file") =>
    new AppError(
      400,
      "CONVENTION_FILE_OLD_DELAY_FORMAT",
      `${what === "file" ? "Le fichier de convention" : "L’avenant"} suit l’ancien format : ${issues.length} délai${issues.length > 1 ? "s sont écrits" : " est écrit"} sans unité. Écrivez chaque délai avec sa valeur et son unité, comme le dit la convention. Rien n’a été ${what === "file" ? "importé" : "enregistré"}.`,
      { issues },
    ),
  alreadyExists: (number: string) =>
    new AppError(409, "CONVENTION_ALREADY_EXISTS", `Une convention porte déjà le numéro ${number}. Enregistrez un avenant pour la modifier.`),
  notFound: () => new AppError(404, "CONVENTION_NOT_FOUND", "Convention introuvable."),
  amendmentInvalid: (issues: FileIssue[]) =>
    new AppError(400, "AMENDMENT_INVALID", "L’avenant est refusé : les termes qui en résultent ne sont pas valides.", { issues }),
  alreadyEnded: (endedOn: string) =>
    new AppError(409, "CONVENTION_ALREADY_ENDED", `La convention a pris fin le ${endedOn} : elle ne peut plus être résiliée.`, {
      issues: [{ path: "receivedOn", message: `La convention avait déjà pris fin (le ${endedOn}) à cette date.` }],
    }),
  terminationNotProvided: (reason: "notice" | "breach" | "mutual") =>
    new AppError(400, "TERMINATION_NOT_PROVIDED", "La convention ne prévoit pas ce mode de résiliation.", {
      issues: [
        {
          path: "reason",
          message:
            reason === "breach"
              ? "La convention ne prévoit pas de résiliation pour manquement."
              : reason === "mutual"
                ? "La convention ne prévoit pas de résiliation d’un commun accord."
                : "La convention ne prévoit pas de résiliation sans motif (préavis).",
        },
      ],
    }),
  noticeTooLate: (latestOn: string, dueOn: string) =>
    new AppError(400, "TERMINATION_NOTICE_TOO_LATE", `Préavis reçu trop tard : pour l’échéance du ${dueOn}, fin de la convention, il devait être reçu au plus tard le ${latestOn}. La convention prend fin à son terme ; rien n’a été enregistré.`, {
      issues: [{ path: "receivedOn", message: `Le préavis devait être reçu au plus tard le ${latestOn} (échéance du ${dueOn}).` }],
    }),
  /** An exchange of personal data between the parties under a convention whose exchange is suspended (ADR 0028). */
  dataExchangeSuspended: (number: string, since: string, what: string) =>
    new AppError(
      409,
      "DATA_EXCHANGE_SUSPENDED",
      `${what} : l’échange de données personnelles entre les parties de la convention n° ${number} est suspendu depuis le ${frenchDate(since)} (manquement aux clauses de protection des données). Rien n’a été transmis.`,
      { since },
    ),
  terminationInvalid: (issues: FileIssue[]) => new AppError(400, "TERMINATION_INVALID", "La résiliation est refusée.", { issues }),
  statementInvalid: (issues: FileIssue[]) => new AppError(400, "STATEMENT_INVALID", "Le mémoire est refusé.", { issues }),
  dedicatedAdvisorInvalid: (message: string) => new AppError(400, "DEDICATED_ADVISOR_INVALID", message, { issues: [{ path: "userId", message }] }),
  alreadyTerminated: () => new AppError(409, "CONVENTION_ALREADY_TERMINATED", "Une résiliation est déjà enregistrée pour cette convention."),
  unknownCommitment: (key: string) => new AppError(404, "COMMITMENT_NOT_FOUND", `Engagement inconnu : ${key}.`),
  unknownParty: () => new AppError(400, "PARTY_NOT_FOUND", "Cette organisation n’est pas une partie de la convention."),
  notSigningParty: () =>
    new AppError(400, "PARTY_NOT_FOUND", "Cette organisation n’est pas une partie signataire de la convention.", {
      issues: [{ path: "organisation", message: "Choisissez une partie signataire de la convention." }],
    }),
  amendmentNumberTaken: (number: string) =>
    new AppError(409, "AMENDMENT_NUMBER_TAKEN", `Un avenant porte déjà le numéro « ${number} » pour cette convention.`, {
      issues: [{ path: "number", message: "Ce numéro d’avenant est déjà enregistré." }],
    }),
  signatureAlreadyRecorded: (party: string) =>
    new AppError(409, "SIGNATURE_ALREADY_RECORDED", `La signature de ${party} est déjà enregistrée pour cette convention.`),
  signatureInvalid: (issues: FileIssue[]) => new AppError(400, "SIGNATURE_INVALID", "La signature est refusée.", { issues }),
  amendmentNotFound: () => new AppError(404, "AMENDMENT_NOT_FOUND", "Avenant introuvable pour cette convention."),
  notAmendmentSigningParty: (path = "organisation") =>
    new AppError(400, "PARTY_NOT_FOUND", "Cette organisation n’est pas une partie qui signe cet avenant.", {
      issues: [{ path, message: "Seules les parties de la convention à la date d’effet de l’avenant le signent." }],
    }),
  amendmentSignatureAlreadyRecorded: (party: string, number: string) =>
    new AppError(409, "AMENDMENT_SIGNATURE_ALREADY_RECORDED", `La signature de ${party} est déjà enregistrée pour l’avenant « ${number} ».`),
  amendmentNoLongerValid: (number: string, issues: FileIssue[]) =>
    new AppError(
      409,
      "AMENDMENT_NO_LONGER_VALID",
      `L’avenant « ${number} » ne peut plus prendre effet : avec les termes en vigueur aujourd’hui, ceux qui en résulteraient ne sont pas valides. La signature n’a pas été enregistrée.`,
      { issues },
    ),
  conventionNotSigned: (what: "amendment" | "payment") =>
    new AppError(
      409,
      "CONVENTION_NOT_SIGNED",
      what === "amendment"
        ? "La convention n’est pas encore signée par toutes ses parties dans Tandem : un avenant ne peut être signé qu’ensuite."
        : "La convention n’est pas encore signée par toutes ses parties dans Tandem : aucun versement n’est encore dû.",
    ),
  noPaymentDue: () =>
    new AppError(400, "NO_PAYMENT_DUE", "Cette convention ne prévoit aucun versement.", {
      issues: [{ path: "amount", message: "Aucune clause financière : aucun montant n’est dû." }],
    }),
  paymentExceedsAmountDue: (message: string, issues: FileIssue[]) => new AppError(400, "PAYMENT_EXCEEDS_AMOUNT_DUE", message, { issues }),
  paymentInvalid: (issues: FileIssue[]) => new AppError(400, "PAYMENT_INVALID", "Le versement est refusé.", { issues }),
  paymentNotFound: () => new AppError(404, "PAYMENT_NOT_FOUND", "Versement introuvable pour cette convention."),
  paymentCancelled: () => new AppError(409, "PAYMENT_CANCELLED", "Ce versement est annulé : il ne peut plus être corrigé ni annulé."),
  paymentUnchanged: () => new AppError(400, "PAYMENT_UNCHANGED", "La correction ne change rien au versement : modifiez au moins une valeur."),
};
