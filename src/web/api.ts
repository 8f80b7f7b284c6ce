import type { z } from "zod";

/** An error from the API, with its stable code and French message, ready to show. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
  /** Field errors of a VALIDATION_ERROR, as "path: message" lines. */
  get fieldMessages(): string[] {
    const issues = (this.details as { issues?: { path: string; message: string }[] } | undefined)?.issues ?? [];
    return issues.map((i) => (i.path ? `${i.path.replace(/^body\.?/, "")} : ${i.message}` : i.message));
  }
}

const readCookie = (name: string) =>
  document.cookie
    .split("; ")
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);

let onUnauthenticated: (() => void) | null = null;
/** The session provider listens here to send the user back to the login page. */
export const setUnauthenticatedHandler = (fn: () => void) => {
  onUnauthenticated = fn;
};

async function request<S extends z.ZodType>(method: string, url: string, schema: S | null, body?: unknown): Promise<z.infer<S>> {
  const headers: Record<string, string> = { accept: "application/json" };
  if (body !== undefined) headers["content-type"] = "application/json";
  const csrf = readCookie("tandem_csrf");
  if (csrf && method !== "GET") headers["x-csrf-token"] = csrf;
  let response: Response;
  try {
    response = await fetch(url, { method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: "same-origin" });
  } catch {
    throw new ApiError(0, "NETWORK_ERROR", "Le serveur ne répond pas. Vérifiez votre connexion puis réessayez.");
  }
  const payload = response.headers.get("content-type")?.includes("application/json") ? await response.json() : null;
  if (!response.ok) {
    const error = payload?.error ?? { code: "HTTP_ERROR", message: `Erreur ${response.status}` };
    if (response.status === 401 && onUnauthenticated && !url.startsWith("/api/auth/")) onUnauthenticated();
    throw new ApiError(response.status, error.code, error.message, error.details);
  }
  return schema ? schema.parse(payload) : payload;
}

/** The one API client of the web app; responses are checked against the shared zod contracts. */
export const api = {
  get: <S extends z.ZodType>(url: string, schema: S) => request("GET", url, schema),
  post: <S extends z.ZodType>(url: string, schema: S, body?: unknown) => request("POST", url, schema, body ?? {}),
  patch: <S extends z.ZodType>(url: string, schema: S, body: unknown) => request("PATCH", url, schema, body),
  put: <S extends z.ZodType>(url: string, schema: S, body: unknown) => request("PUT", url, schema, body),
  delete: <S extends z.ZodType>(url: string, schema: S) => request("DELETE", url, schema),
};

/** Builds a query string from defined values only. */
export function queryString(params: Record<string, string | number | boolean | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== "") search.set(k, String(v));
  const s = search.toString();
  return s ? `?${s}` : "";
}
