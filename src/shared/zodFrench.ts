import { z } from "zod";

/**
 * Validation messages in plain French, for every schema shared by the API, the CLI and the web
 * app. The messages users meet most (a missing field, a date, a choice, a length) are written as a
 * form would say them, next to the field; the rest fall back to zod's French locale.
 */
const NBSP = "\u00a0";
const plural = (n: number, word: string) => `${n}${NBSP}${word}${n > 1 ? "s" : ""}`;

export const plainFrenchIssue = (issue: z.core.$ZodRawIssue): string | undefined => {
  switch (issue.code) {
    case "invalid_type":
      if (issue.input === undefined || issue.input === null || issue.input === "") return "Ce champ est obligatoire.";
      if (issue.expected === "number" || issue.expected === "int") return "Saisissez un nombre.";
      return undefined;
    case "invalid_format":
      if (issue.format === "date") return "Saisissez une date valide (jj/mm/aaaa).";
      if (issue.format === "datetime") return "Saisissez une date et une heure valides.";
      if (issue.format === "time") return "Saisissez une heure valide (hh:mm).";
      if (issue.format === "email") return "Saisissez une adresse électronique valide (nom@domaine.fr).";
      if (issue.format === "uuid" || issue.format === "guid") return "Choisissez une valeur dans la liste.";
      if (issue.format === "url") return "Saisissez une adresse web valide (https://…).";
      return undefined;
    case "invalid_value":
      // A choice left empty is missing, not wrong.
      if (issue.input === undefined || issue.input === null || issue.input === "") return "Ce champ est obligatoire.";
      return "Choisissez une valeur dans la liste.";
    case "too_small":
      if (issue.origin === "string") return Number(issue.minimum) <= 1 ? "Ce champ est obligatoire." : `Saisissez au moins ${plural(Number(issue.minimum), "caractère")}.`;
      if (issue.origin === "number") return `La valeur doit être supérieure ou égale à ${issue.minimum}.`;
      if (issue.origin === "array") return Number(issue.minimum) <= 1 ? "Choisissez au moins un élément." : `Choisissez au moins ${issue.minimum} éléments.`;
      return undefined;
    case "too_big":
      if (issue.origin === "string") return `Saisissez au plus ${plural(Number(issue.maximum), "caractère")}.`;
      if (issue.origin === "number") return `La valeur doit être inférieure ou égale à ${issue.maximum}.`;
      if (issue.origin === "array") return `Choisissez au plus ${issue.maximum} éléments.`;
      return undefined;
    case "unrecognized_keys":
      return `Champ inattendu : ${issue.keys.join(", ")}.`;
    default:
      return undefined;
  }
};

z.config(z.locales.fr());
z.config({ customError: plainFrenchIssue });
