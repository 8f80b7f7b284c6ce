import type { z } from "zod";
import { ApiError, api } from "../../api";

/**
 * Sends a governance command. The server names a refused field by its path in the body
 * ("heldOn"); the form kit reads `body.<field>` (`fieldOf` maps a path to the form's field).
 */
export async function sendGovernance<S extends z.ZodType>(method: "post" | "put" | "patch", url: string, schema: S, body: unknown, fieldOf?: (path: string) => string) {
  try {
    return await api[method](url, schema, body);
  } catch (error) {
    if (!(error instanceof ApiError)) throw error;
    const details = error.details as { issues?: { path?: unknown; message?: unknown }[] } | undefined;
    if (!details?.issues) throw error;
    const issues = details.issues.map((i) => (typeof i.path !== "string" || i.path.startsWith("body.") ? i : { ...i, path: `body.${fieldOf?.(i.path) ?? i.path}` }));
    throw new ApiError(error.status, error.code, error.message, { ...details, issues });
  }
}

export const SLOT_STATE_LABELS = { held: "Tenue", scheduled: "Programmée", overdue: "En retard", due: "À programmer" } as const;
export const SLOT_STATE_SEVERITY = { held: "success", scheduled: "info", overdue: "error", due: "new" } as const;
