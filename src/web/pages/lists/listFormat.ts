import { ApiError } from "../../api";

/** Words and helpers shared by the pages of received lists. */
export const IMPORT_STATUS = {
  checking: ["Vérification en cours", "info"],
  checked: ["Vérifiée, à confirmer", "new"],
  failed: ["Illisible", "error"],
  applied: ["Importée", "success"],
  cancelled: ["Abandonnée", "warning"],
} as const;

/** The badge of an import: a checked file with problems is to be corrected, not to be confirmed. */
export const statusOf = (i: { status: keyof typeof IMPORT_STATUS; issueCount: number }): readonly [string, (typeof IMPORT_STATUS)[keyof typeof IMPORT_STATUS][1] | "error"] =>
  i.status === "checked" && i.issueCount > 0 ? ["À corriger", "error"] : IMPORT_STATUS[i.status];

export const parisDateTime = (iso: string) => new Date(iso).toLocaleString("fr-FR", { timeZone: "Europe/Paris", dateStyle: "short", timeStyle: "short" });
export const frenchDay = (d: string) => d.split("-").reverse().join("/");

const readCookie = (name: string) =>
  document.cookie
    .split("; ")
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);

/**
 * Sends a list file as the request's body (not JSON: the server streams it to disk as it arrives),
 * with the session's CSRF token; answers the created import's id or throws the server's refusal.
 */
export async function uploadListFile(file: File, q: { conventionId: string; source: string }): Promise<string> {
  const xlsx = file.name.toLowerCase().endsWith(".xlsx");
  const url = `/api/conventions/${q.conventionId}/list-imports/${q.source}?${new URLSearchParams({ fileName: file.name })}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: {
        accept: "application/json",
        "content-type": xlsx ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" : "text/csv",
        "x-csrf-token": readCookie("tandem_csrf") ?? "",
      },
      body: file,
    });
  } catch {
    throw new ApiError(0, "NETWORK_ERROR", "Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.");
  }
  const payload = response.headers.get("content-type")?.includes("application/json") ? await response.json() : null;
  if (!response.ok) {
    const error = payload?.error ?? { code: "HTTP_ERROR", message: `Erreur ${response.status}` };
    throw new ApiError(response.status, error.code, error.message, error.details);
  }
  return payload.id as string;
}
