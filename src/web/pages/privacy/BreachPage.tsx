import { useParams } from "react-router";
import { BreachMeasuresSchema, BreachSchema } from "../../../shared/contracts/privacyRegisters";
import { api } from "../../api";
import { CommandForm, FormInput, formText } from "../../components/CommandForm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { LateBadge, parisDateTime } from "./registerFormat";

/** One breach: what happened, its deadline, whom to tell (the other party's contacts), the e-mails sent, the measures taken. */
export function BreachPage() {
  const { id = "" } = useParams();
  const { data: b, error, reload } = useApi(() => api.get(`/api/privacy/breaches/${id}`, BreachSchema), [id]);
  usePageTitle(b ? `${b.kindLabel} du ${parisDateTime(b.discoveredAt)}` : "Violation de données");
  if (error) return <ErrorAlert error={error} />;
  if (!b) return <LoadingState />;
  return (
    <>
      <h1>
        {b.kindLabel} — convention {b.convention.number}
      </h1>
      <p>
        <LateBadge late={b.late} />
      </p>
      <dl className="fr-mb-4w">
        <dt className="fr-text--bold">Découverte le</dt>
        <dd>{parisDateTime(b.discoveredAt)} (heure de Paris)</dd>
        <dt className="fr-text--bold">Informer l’autre partie au plus tard le</dt>
        <dd>
          {parisDateTime(b.deadlineAt)} — délai de {b.delay.label} <span className="fr-hint-text">{b.delay.source}</span>
        </dd>
        <dt className="fr-text--bold">Déclarée par</dt>
        <dd>
          {b.recordedBy} ({b.organisation})
        </dd>
        <dt className="fr-text--bold">Description</dt>
        <dd style={{ whiteSpace: "pre-wrap" }}>{b.description}</dd>
        <dt className="fr-text--bold">Données concernées</dt>
        <dd style={{ whiteSpace: "pre-wrap" }}>{b.dataConcerned}</dd>
        <dt className="fr-text--bold">Personnes concernées</dt>
        <dd style={{ whiteSpace: "pre-wrap" }}>{b.peopleConcerned}</dd>
        <dt className="fr-text--bold">Mesures prises</dt>
        <dd style={{ whiteSpace: "pre-wrap" }}>{b.measures ?? "Aucune enregistrée."}</dd>
      </dl>

      <h2>Information de l’autre partie</h2>
      {b.notifiedAt ? (
        <p>Informée le {parisDateTime(b.notifiedAt)}.</p>
      ) : (
        <>
          {b.contacts.length > 0 && (
            <ul>
              {b.contacts.map((c) => (
                <li key={`${c.organisation}-${c.kind}`}>
                  {c.organisation} — {c.kindLabel} : {c.email}
                </li>
              ))}
            </ul>
          )}
          {b.missingContacts.length > 0 && (
            <div className="fr-alert fr-alert--warning fr-alert--sm fr-mb-2w">
              <p>Sans délégué ni contact sécurité enregistré : {b.missingContacts.join(", ")}. L’administrateur de la plateforme les renseigne sur la fiche de l’organisation.</p>
            </div>
          )}
          <CommandForm
            title="Informer maintenant"
            submitLabel="Envoyer l’information à l’autre partie"
            onSubmit={async () => {
              await api.post(`/api/privacy/breaches/${b.id}/notification`, BreachSchema);
              reload();
            }}
            confirm={{
              title: "Informer l’autre partie ?",
              description: `Un courriel décrivant la violation, les données et les personnes concernées et les mesures prises part vers ${b.contacts.map((c) => c.email).join(", ") || "ses contacts"}. Il est conservé ici.`,
              confirmLabel: "Envoyer",
            }}
            success="Information envoyée."
          />
        </>
      )}
      {b.notifications.length > 0 && (
        <>
          <h3 className="fr-h6">Courriels envoyés ({b.notifications.length})</h3>
          {b.notifications.map((n) => (
            <article key={`${n.to}-${n.sentAt}`} className="fr-card fr-p-3w fr-mb-2w">
              <p className="fr-text--bold fr-mb-1w">{n.subject}</p>
              <p className="fr-mb-1w">
                À {n.to} ({n.kindLabel}, {n.organisation}) — le {parisDateTime(n.sentAt)}
              </p>
              <pre style={{ whiteSpace: "pre-wrap", fontFamily: "inherit" }} className="fr-text--sm fr-mb-0">
                {n.body}
              </pre>
            </article>
          ))}
        </>
      )}
      <CommandForm
        title="Mesures prises"
        titleAs="h2"
        className="fr-mt-4w fr-col-12 fr-col-md-8"
        submitLabel="Enregistrer les mesures"
        schema={BreachMeasuresSchema}
        body={(d) => ({ measures: formText(d, "measures") })}
        onSubmit={async (body) => {
          await api.post(`/api/privacy/breaches/${b.id}/measures`, BreachSchema, body);
          reload();
        }}
        success="Mesures enregistrées."
      >
        <FormInput label="Mesures prises" name="measures" textArea required defaultValue={b.measures ?? ""} inputProps={{ maxLength: 4000 }} />
      </CommandForm>
    </>
  );
}
