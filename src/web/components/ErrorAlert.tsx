import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { ApiError } from "../api";

/** The server's field messages, as sentences: the field's path is the form's business, not the reader's. */
const fieldSentences = (error: ApiError): string[] => {
  const issues = (error.details as { issues?: { message?: unknown }[] } | undefined)?.issues ?? [];
  const messages = issues.flatMap((i) => (typeof i.message === "string" && i.message !== error.message ? [i.message] : []));
  return [...new Set(messages)];
};

/**
 * Shows an API error as the server wrote it: its French message as the title, what to correct
 * under it, and — only when support may need it — the error's reference in small muted text.
 */
export function ErrorAlert({ error, className }: { error: unknown; className?: string }) {
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const sentences = apiError ? fieldSentences(apiError) : [];
  // A refusal says what to do; only a failure of the server is worth a reference for support.
  const reference = apiError && apiError.status >= 500 ? apiError.code : null;
  return (
    <Alert
      className={className ?? "fr-mb-3w"}
      severity="error"
      title={apiError ? apiError.message : "Une erreur inattendue est survenue. Réessayez ; si elle persiste, signalez-la à l’assistance."}
      description={
        sentences.length > 0 || reference ? (
          <>
            {sentences.length > 0 && (
              <ul>
                {sentences.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            )}
            {reference && <span className="fr-hint-text fr-mb-0">Référence pour l’assistance : {reference}</span>}
          </>
        ) : undefined
      }
      role="alert"
    />
  );
}
