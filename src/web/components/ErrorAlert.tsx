import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { ApiError } from "../api";

/** Shows an API error as the server wrote it (French message, field errors), with its code for support. */
export function ErrorAlert({ error, className }: { error: unknown; className?: string }) {
  if (!error) return null;
  const apiError = error instanceof ApiError ? error : null;
  const fields = apiError?.fieldMessages ?? [];
  return (
    <Alert
      className={className ?? "fr-mb-3w"}
      severity="error"
      title={apiError ? apiError.message : "Une erreur inattendue est survenue."}
      description={
        <>
          {fields.length > 0 && (
            <ul>
              {fields.map((f) => (
                <li key={f}>{f}</li>
              ))}
            </ul>
          )}
          {apiError && <small>Code : {apiError.code}</small>}
        </>
      }
      role="alert"
    />
  );
}
