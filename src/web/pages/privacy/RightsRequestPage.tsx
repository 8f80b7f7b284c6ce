import { Button } from "@codegouvfr/react-dsfr/Button";
import { useParams } from "react-router";
import { AnswerRightsRequestSchema, RefuseRightsRequestSchema, type RightsRequest, RightsRequestSchema } from "../../../shared/contracts/privacyRegisters";
import { api } from "../../api";
import { CommandForm, DateInput, FormInput, formText, optionalText } from "../../components/CommandForm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { frDate, LateBadge, parisToday, RightsStatusBadge } from "./registerFormat";

/** One request: what was asked and when, its due date and where it comes from, and the answer (or the forms to give it). */
export function RightsRequestPage() {
  const { id = "" } = useParams();
  const { data: r, error, reload } = useApi(() => api.get(`/api/privacy/rights-requests/${id}`, RightsRequestSchema), [id]);
  usePageTitle(r ? `Demande de ${r.person.name}` : "Demande d’exercice des droits");
  if (error) return <ErrorAlert error={error} />;
  if (!r) return <LoadingState />;
  const open = r.status === "received" || r.status === "in_progress";
  return (
    <>
      <h1>
        Demande {r.kindLabel.toLowerCase() === "accès" ? "d’accès" : `de ${r.kindLabel.toLowerCase()}`} — {r.person.name}
      </h1>
      <p>
        <RightsStatusBadge status={r.status} label={r.statusLabel} /> <LateBadge late={r.late} />
      </p>
      <dl className="fr-mb-4w">
        <dt className="fr-text--bold">Reçue le</dt>
        <dd>
          {frDate(r.receivedOn)} ({r.channelLabel.toLowerCase()})
        </dd>
        <dt className="fr-text--bold">Réponse due au plus tard le</dt>
        <dd>
          {frDate(r.dueOn)} — délai de {r.delay.label} <span className="fr-hint-text">{r.delay.source}</span>
        </dd>
        <dt className="fr-text--bold">Convention</dt>
        <dd>{r.convention.number}</dd>
        <dt className="fr-text--bold">Demande</dt>
        <dd style={{ whiteSpace: "pre-wrap" }}>{r.request}</dd>
        <dt className="fr-text--bold">Enregistrée par</dt>
        <dd>{r.recordedBy}</dd>
        {r.answeredOn && (
          <>
            <dt className="fr-text--bold">{r.status === "refused" ? "Refusée le" : "Répondue le"}</dt>
            <dd>
              {frDate(r.answeredOn)}
              {r.answeredOn > r.dueOn && " — après l’échéance"}
            </dd>
          </>
        )}
        {r.answer && (
          <>
            <dt className="fr-text--bold">Réponse</dt>
            <dd style={{ whiteSpace: "pre-wrap" }}>{r.answer}</dd>
          </>
        )}
        {r.refusalReason && (
          <>
            <dt className="fr-text--bold">Motif du refus</dt>
            <dd style={{ whiteSpace: "pre-wrap" }}>{r.refusalReason}</dd>
          </>
        )}
        {r.applied && (
          <>
            <dt className="fr-text--bold">Suite donnée dans Tandem</dt>
            <dd>{r.applied}</dd>
          </>
        )}
      </dl>
      {r.kind === "access" && r.status === "answered" && (
        <Button iconId="fr-icon-download-line" linkProps={{ to: `/api/privacy/rights-requests/${r.id}/access-answer.pdf`, reloadDocument: true }}>
          Télécharger la réponse (PDF)
        </Button>
      )}
      {open && <AnswerForms request={r} onDone={reload} />}
    </>
  );
}

function AnswerForms({ request: r, onDone }: { request: RightsRequest; onDone: () => void }) {
  return (
    <div className="fr-col-12 fr-col-md-8">
      {r.status === "received" && (
        <CommandForm title="Prendre en charge" submitLabel="Passer « en cours »" onSubmit={async () => { await api.post(`/api/privacy/rights-requests/${r.id}/start`, RightsRequestSchema); onDone(); }} success="Demande en cours.">
          <p>La demande est en cours d’instruction : l’échéance reste celle du {frDate(r.dueOn)}.</p>
        </CommandForm>
      )}
      <CommandForm
        title="Répondre"
        titleAs="h2"
        submitLabel={r.kind === "access" ? "Répondre et produire le document PDF" : "Enregistrer la réponse"}
        schema={AnswerRightsRequestSchema}
        body={(d) => {
          const rectification = { email: optionalText(d, "email"), phone: optionalText(d, "phone"), communeInsee: optionalText(d, "communeInsee") };
          const any = Object.values(rectification).some((v) => v !== undefined);
          return { answeredOn: formText(d, "answeredOn"), answer: formText(d, "answer"), ...(r.kind === "rectification" && any ? { rectification } : {}) };
        }}
        onSubmit={async (body) => {
          await api.post(`/api/privacy/rights-requests/${r.id}/answer`, RightsRequestSchema, body);
          onDone();
        }}
        confirm={{
          title: "Répondre à la demande ?",
          description:
            r.kind === "access"
              ? "Le document des données détenues sur la personne est produit maintenant et conservé tel quel. La demande est close."
              : r.kind === "rectification"
                ? "Les champs saisis sont corrigés sur la fiche de la personne. La demande est close."
                : "La décision est enregistrée ; la demande est close.",
          confirmLabel: "Répondre",
        }}
        success="Réponse enregistrée."
      >
        <DateInput label="Répondue le" name="answeredOn" defaultValue={parisToday()} />
        <FormInput label="Réponse faite à la personne" name="answer" textArea required inputProps={{ maxLength: 4000 }} />
        {r.kind === "rectification" && (
          <fieldset className="fr-fieldset">
            <legend className="fr-fieldset__legend">Champs à rectifier sur la fiche (laisser vide ce qui ne change pas)</legend>
            <FormInput label="Courriel" name="email" field="rectification.email" type="email" inputProps={{ autoComplete: "off" }} />
            <FormInput label="Téléphone" name="phone" field="rectification.phone" type="tel" inputProps={{ autoComplete: "off" }} />
            <FormInput label="Code commune INSEE" name="communeInsee" field="rectification.communeInsee" inputProps={{ autoComplete: "off" }} />
          </fieldset>
        )}
      </CommandForm>
      <CommandForm
        title="Refuser la demande"
        submitLabel="Refuser"
        schema={RefuseRightsRequestSchema}
        body={(d) => ({ answeredOn: formText(d, "answeredOn"), reason: formText(d, "reason") })}
        onSubmit={async (body) => {
          await api.post(`/api/privacy/rights-requests/${r.id}/refusal`, RightsRequestSchema, body);
          onDone();
        }}
        confirm={{ title: "Refuser la demande ?", description: "Le refus et son motif sont enregistrés ; la demande est close.", confirmLabel: "Refuser" }}
        success="Refus enregistré."
      >
        <DateInput label="Refusée le" name="answeredOn" defaultValue={parisToday()} />
        <FormInput label="Motif du refus" name="reason" textArea required inputProps={{ maxLength: 2000 }} />
      </CommandForm>
    </div>
  );
}
