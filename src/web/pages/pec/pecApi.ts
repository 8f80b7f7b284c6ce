import type { z } from "zod";
import { ApiError, api } from "../../api";

/**
 * Sends a PEC command. The server names a refused field by its path in the body ("wishedStartOn");
 * the form kit reads `body.<field>`.
 */
export async function sendPec<S extends z.ZodType>(method: "post" | "put", url: string, schema: S, body: unknown) {
  try {
    return await api[method](url, schema, body);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const details = error.details as { issues?: { path?: unknown; message?: unknown }[] } | undefined;
    if (!details?.issues) throw error;
    const issues = details.issues.map((i) => (typeof i.path !== "string" || i.path.startsWith("body.") ? i : { ...i, path: `body.${i.path}` }));
    throw new ApiError(error.status, error.code, error.message, { ...details, issues });
  }
}

export const OFFER_STATUS_LABELS = { open: "Ouverte", filled: "Pourvue", withdrawn: "Retirée" } as const;
export const OFFER_STATUS_SEVERITY = { open: "info", filled: "success", withdrawn: "new" } as const;
export const CANDIDACY_SEVERITY = { proposed: "new", accepted: "success", refused: "error" } as const;
