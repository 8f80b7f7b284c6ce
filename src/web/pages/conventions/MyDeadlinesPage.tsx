import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { useState } from "react";
import { Link } from "react-router";
import { CalendarFeedSchema, CalendarResponseSchema } from "../../../shared/contracts/convention";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { EmptyState } from "../../components/EmptyState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { GovernanceObligationState } from "../governance/GovernanceObligationState";
import { frenchDate, parisToday } from "./format";

/** My next deadlines across all the conventions I follow, and my iCalendar feed. */
export function MyDeadlinesPage() {
  usePageTitle("Mes échéances");
  const { data, error } = useApi(() => api.get("/api/calendar", CalendarResponseSchema), []);
  const [copied, setCopied] = useState<string | null>(null);
  // The feed's address is a secret kept only as a hash: shown here once, right after it is made.
  const [feedUrl, setFeedUrl] = useState<string | null>(null);
  const [feedError, setFeedError] = useState<unknown>(null);
  const makeFeed = async () => {
    setFeedError(null);
    setCopied(null);
    try {
      setFeedUrl((await api.post("/api/calendar/feed", CalendarFeedSchema)).feedUrl);
    } catch (e) {
      setFeedError(e);
    }
  };
  const today = parisToday();

  const copy = async (url: string) => {
    try {
      await navigator.clipboard.writeText(url);
      setCopied("Adresse copiée dans le presse-papiers.");
    } catch {
      setCopied("La copie automatique n’est pas possible : sélectionnez l’adresse et copiez-la.");
    }
  };

  return (
    <>
      <h1>Mes échéances</h1>
      <p>Les prochaines obligations des conventions de vos organisations, calculées à partir de leurs termes.</p>
      <ErrorAlert error={error} />
      {!data && !error && <LoadingState />}
      {data && (
        <>
          {data.obligations.length === 0 ? (
            <EmptyState title="Aucune échéance à venir" description="Les obligations des conventions de vos organisations apparaîtront ici dès qu’elles seront calculées." />
          ) : (
            <Table
              caption={`${data.obligations.length} échéance${data.obligations.length > 1 ? "s" : ""}`}
              headers={["Date", "Convention", "Obligation", "Source"]}
              data={data.obligations.map((o) => [
                <span key="date">
                  {frenchDate(o.dueOn)}
                  {o.dueOn < today && (
                    <>
                      {" "}
                      <Badge small noIcon>
                        passée
                      </Badge>
                    </>
                  )}
                </span>,
                o.conventionId ? (
                  <Link key="c" to={`/conventions/${o.conventionId}`}>
                    {o.conventionNumber ?? "Convention"}
                  </Link>
                ) : (
                  (o.conventionNumber ?? "—")
                ),
                <span key="label">
                  {o.label}
                  {o.governance && <GovernanceObligationState governance={o.governance} />}
                  {o.kind === "pec_certificate" && (
                    <>
                      {" "}
                      <Link to={`/pec/contrats/${o.key.split(":")[1]}`}>Voir le contrat</Link>
                    </>
                  )}
                </span>,
                o.source,
              ])}
            />
          )}
          <section className="fr-mt-6w">
            <h2>Dans mon agenda</h2>
            <p>
              Abonnez votre agenda (Outlook, Thunderbird, téléphone…) à une adresse personnelle pour y voir ces échéances. Elle vaut
              mot de passe : ne la communiquez pas. Tandem ne la conserve pas en clair et ne l’affiche qu’une fois, quand elle est créée.
            </p>
            <ErrorAlert error={feedError} />
            {feedUrl ? (
              <>
                <Alert className="fr-mb-2w" severity="warning" small description="Copiez cette adresse maintenant dans votre agenda : elle ne sera plus affichée." />
                <div className="fr-grid-row fr-grid-row--gutters">
                  <div className="fr-col-12 fr-col-md-9">
                    <Input label="Adresse de mon flux iCalendar" nativeInputProps={{ readOnly: true, value: feedUrl, onFocus: (e) => e.target.select() }} />
                  </div>
                  <div className="fr-col-12 fr-col-md-3" style={{ alignSelf: "flex-end" }}>
                    <Button type="button" priority="secondary" onClick={() => void copy(feedUrl)}>
                      Copier l’adresse
                    </Button>
                  </div>
                </div>
              </>
            ) : data.hasFeed ? (
              <>
                <p>
                  Votre adresse existe déjà. Si vous l’avez perdue ou communiquée par erreur, régénérez-la : l’ancienne cesse aussitôt de
                  fonctionner et votre agenda devra être abonné à la nouvelle.
                </p>
                <Button type="button" priority="secondary" onClick={() => void makeFeed()}>
                  Régénérer l’adresse
                </Button>
              </>
            ) : (
              <Button type="button" onClick={() => void makeFeed()}>
                Créer l’adresse de mon agenda
              </Button>
            )}
            {copied && <Alert className="fr-mt-2w" severity="info" small description={copied} closable onClose={() => setCopied(null)} />}
          </section>
        </>
      )}
    </>
  );
}
