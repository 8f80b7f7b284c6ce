import type { ReactNode } from "react";
import type { z } from "zod";
import type { ConventionDetail } from "../../../../shared/contracts/convention";
import type { ConventionTerms } from "../../../../shared/contracts/conventionFile";
import { ApiError, api } from "../../../api";
import { formatNumber } from "../format";

/** What every section receives: the convention as the server shows it to this user, and what to do once a command succeeded (say it, reload). */
export type SectionProps = { data: ConventionDetail; terms: ConventionTerms; onDone: (message: string) => void };

export const SIDE_LABELS: Record<string, string> = { france_travail: "France Travail", partner: "Partenaire" };

/** A decimal amount from the terms ("41626.00") shown the French way ("41 626,00 €"). */
export const euros = (amount: string) => Number(amount).toLocaleString("fr-FR", { style: "currency", currency: "EUR" });

/** A French amount typed by a user (« 16 650,40 ») as the decimal the API reads ("16650.40"). */
export const decimalAmount = (typed: string) => typed.replace(/[\s\u00a0\u202f]/g, "").replace(",", ".");

export const display = (v: unknown): string => {
  if (v === null || v === undefined) return "Non fixé";
  if (typeof v === "boolean") return v ? "Oui" : "Non";
  if (typeof v === "number") return formatNumber(v);
  return String(v);
};

/**
 * Posts a convention command. The convention's refusals name a field by its path in the request
 * body ("amount", "signature.signedOn"); the form kit reads `body.<field>`: the paths are given
 * that prefix here (`fieldOf` maps a path to the form's field when they differ).
 */
export async function postCommand<S extends z.ZodType>(url: string, schema: S, body: unknown, fieldOf?: (path: string) => string | undefined) {
  try {
    return await api.post(url, schema, body);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const details = error.details as { issues?: { path?: unknown; message?: unknown }[] } | undefined;
    if (!details?.issues) throw error;
    const issues = details.issues.map((i) => {
      if (typeof i.path !== "string" || i.path.startsWith("body.")) return i;
      const field = fieldOf?.(i.path) ?? i.path;
      return { ...i, path: `body.${field}` };
    });
    throw new ApiError(error.status, error.code, error.message, { ...details, issues });
  }
}

export function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`section-${id}`}>
      <h2 id={`section-${id}`} tabIndex={-1}>
        {title}
      </h2>
      {children}
    </section>
  );
}

export function Term({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="fr-mb-1w">
      <dt className="fr-text--bold" style={{ display: "inline" }}>
        {label} :{" "}
      </dt>
      <dd style={{ display: "inline", margin: 0 }}>{children}</dd>
    </div>
  );
}

export function Source({ text }: { text: string | undefined }) {
  if (!text) return null;
  return <p className="fr-text--sm fr-text-mention--grey">Source : {text}</p>;
}
