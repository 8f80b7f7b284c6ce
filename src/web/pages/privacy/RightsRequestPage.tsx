import { Button } from "@codegouvfr/react-dsfr/Button";
import { useParams } from "react-router";
import { AnswerRightsRequestSchema, LiftLimitationSchema, RefuseRightsRequestSchema, type RightsRequest, RightsRequestSchema } from "../../../shared/contracts/privacyRegisters";
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
      {r.limitation && !r.limitation.liftedOn && <LiftLimitationForm request={r} startsOn={r.limitation.startsOn} onDone={reload} />}
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
                : r.kind === "limitation"
                  ? "Le traitement est limité dès la date de réponse : la personne n’apparaît plus dans les recherches et ses accompagnements ne prennent plus de nouvel acte, jusqu’à ce que vous leviez la limitation. La demande est close."
                  : "Les données de la personne sont effacées de Tandem (fiche, accompagnements, notes, rendez-vous, lignes des listes reçues) ; seuls leurs nombres sont gardés sur la demande. C’est définitif. La demande est close.",
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

/** A limitation in force is lifted by the DPO only, the person informed beforehand (RGPD art. 18.3). */
function LiftLimitationForm({ request: r, startsOn, onDone }: { request: RightsRequest; startsOn: string; onDone: () => void }) {
  return (
    <div className="fr-col-12 fr-col-md-8">
      <CommandForm
        title="Lever la limitation"
        titleAs="h2"
        submitLabel="Lever la limitation"
        schema={LiftLimitationSchema}
        body={(d) => ({ liftedOn: formText(d, "liftedOn"), reason: formText(d, "reason") })}
        onSubmit={async (body) => {
          await api.post(`/api/privacy/rights-requests/${r.id}/limitation-lift`, RightsRequestSchema, body);
          onDone();
        }}
        confirm={{
          title: "Lever la limitation ?",
          description: "La personne redevient visible dans les recherches et ses accompagnements reprennent. Informez-la avant la levée (RGPD art. 18.3).",
          confirmLabel: "Lever",
        }}
        success="Limitation levée."
      >
        <p>Traitement limité depuis le {frDate(startsOn)}.</p>
        <DateInput label="Levée le" name="liftedOn" defaultValue={parisToday()} />
        <FormInput label="Motif de la levée (personne informée)" name="reason" textArea required inputProps={{ maxLength: 2000 }} />
      </CommandForm>
    </div>
  );
}
