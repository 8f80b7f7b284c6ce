import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { CallOut } from "@codegouvfr/react-dsfr/CallOut";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { RadioButtons } from "@codegouvfr/react-dsfr/RadioButtons";
import { type FormEvent, useRef, useState } from "react";
import { useParams } from "react-router";
import { frenchDate } from "../../../domain/shared/calendarDate";
import { OkSchema } from "../../../shared/contracts/common";
import { SessionResponseSchema } from "../../../shared/contracts/identity";
import { PublicBookletSchema } from "../../../shared/contracts/pecBooklet";
import { ApiError, api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";

/** The server's issues on the answers, by question key ("answers.evolution" → "evolution"). */
const answerIssues = (error: unknown): Record<string, string> => {
  const issues = error instanceof ApiError ? ((error.details as { issues?: { path?: string; message?: string }[] } | undefined)?.issues ?? []) : [];
  return Object.fromEntries(issues.flatMap((i) => (i.path?.startsWith("answers.") && i.message ? [[i.path.slice(8), i.message]] : [])));
};

/**
 * The follow-up booklet behind a personal link (ADR 0038): no account, one answer, on a phone as
 * on a computer. Says who reads the answers before asking anything; a link no longer valid shows
 * only why, nothing of the booklet.
 */
export function BookletPublicPage() {
  usePageTitle("Livret de suivi");
  const { token = "" } = useParams();
  const { data, error, loading } = useApi(async () => {
    await api.get("/api/session", SessionResponseSchema);
    return api.get(`/api/livret/${encodeURIComponent(token)}`, PublicBookletSchema);
  }, [token]);
  const [contact, setContact] = useState<string>("");
  const [sendError, setSendError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  if (loading) return <LoadingState />;
  if (error || !data)
    return (
      <div className="fr-grid-row fr-grid-row--center">
        <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
          <h1>Livret de suivi</h1>
          <ErrorAlert error={error} />
        </div>
      </div>
    );

  const issues = answerIssues(sendError);
  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const answers: Record<string, string> = {};
    for (const q of data.questions) {
      const v = form.get(q.key);
      if (typeof v === "string" && v !== "") answers[q.key] = v;
    }
    setBusy(true);
    try {
      await api.post(`/api/livret/${encodeURIComponent(token)}`, OkSchema, { answers });
      setDone(true);
      window.scrollTo(0, 0);
    } catch (err) {
      setSendError(err);
      const first = Object.keys(answerIssues(err))[0];
      const input = first ? formRef.current?.elements.namedItem(first) : null;
      if (input instanceof RadioNodeList && input[0] instanceof HTMLElement) input[0].focus();
      else if (input instanceof HTMLElement) input.focus();
    } finally {
      setBusy(false);
    }
  };

  const wantsContact = contact === "phone" || contact === "meeting";
  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-10 fr-col-lg-8">
        <h1>Livret de suivi — {data.milestone.label}</h1>
        <p className="fr-text--lead">
          Parcours emploi compétences : {data.post}, {data.employerName}
          {data.employeeName ? ` — salarié·e : ${data.employeeName}` : ""}. Échéance du {frenchDate(data.milestone.dueOn)}.
        </p>
        <CallOut title="Qui voit vos réponses ?" titleAs="h2">
          {data.whoSees}
        </CallOut>
        {done ? (
          <Alert
            severity="success"
            title="Merci, vos réponses sont enregistrées."
            description="Elles sont transmises à votre conseiller France Travail. Ce lien ne peut plus servir : vous pouvez fermer cette page."
          />
        ) : (
          <form ref={formRef} onSubmit={submit} noValidate aria-label="Questionnaire du livret de suivi">
            <p className="fr-hint-text">Les questions marquées d’un astérisque (*) sont obligatoires.</p>
            {data.questions.map((q) => {
              if (q.key === "contactWith" && !wantsContact) return null;
              const message = issues[q.key];
              if (q.kind === "choice")
                return (
                  <RadioButtons
                    key={q.key}
                    legend={`${q.label} *`}
                    state={message ? "error" : "default"}
                    stateRelatedMessage={message}
                    options={(q.options ?? []).map((o) => ({
                      label: o.label,
                      nativeInputProps: {
                        name: q.key,
                        value: o.value,
                        ...(q.key === "contact" ? { checked: contact === o.value, onChange: () => setContact(o.value) } : {}),
                      },
                    }))}
                  />
                );
              return (
                <Input
                  key={q.key}
                  label={q.label}
                  textArea
                  state={message ? "error" : "default"}
                  stateRelatedMessage={message}
                  nativeTextAreaProps={{ name: q.key, maxLength: q.maxLength, rows: 3 }}
                />
              );
            })}
            {sendError && !Object.keys(issues).length ? <ErrorAlert error={sendError} /> : null}
            {Object.keys(issues).length ? (
              <Alert className="fr-mb-3w" severity="error" small description="Certaines réponses manquent ou ne sont pas valides : voyez les messages sous les questions." />
            ) : null}
            <Button type="submit" disabled={busy}>
              Envoyer mes réponses
            </Button>
          </form>
        )}
      </div>
    </div>
  );
}
