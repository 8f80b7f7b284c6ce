import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { useState } from "react";
import { EmailPageSchema } from "../../../shared/contracts/platform";
import { api, queryString } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { EmptyState } from "../../components/EmptyState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";

const PAGE_SIZE = 20;
const STATUS = { outbox: ["Boîte d’envoi", "info"], queued: ["En attente", "new"], sending: ["En cours d’envoi", "new"], sent: ["Envoyé", "success"], failed: ["Échec", "error"] } as const;

export function OutboxPage() {
  usePageTitle("Boîte d’envoi");
  const [page, setPage] = useState(1);
  const [to, setTo] = useState("");
  const { data, error } = useApi(() => api.get(`/api/outbox${queryString({ page, pageSize: PAGE_SIZE, to: to || undefined })}`, EmailPageSchema), [page, to]);
  const pageCount = data ? Math.max(1, Math.ceil(data.total / PAGE_SIZE)) : 1;
  return (
    <>
      <h1>Boîte d’envoi</h1>
      <p>Tous les messages émis par Tandem. Sans serveur SMTP configuré (SMTP_URL), ils restent ici.</p>
      <form
        role="search"
        aria-label="Rechercher dans la boîte d’envoi"
        className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom fr-mb-3w"
        onSubmit={(e) => {
          e.preventDefault();
          setTo(String(new FormData(e.currentTarget).get("to") ?? "").trim());
          setPage(1);
        }}
      >
        <div className="fr-col-12 fr-col-md-6">
          <Input label="Destinataire" hintText="Début de l’adresse électronique, par exemple « jeanne » ou « jeanne.essai@metz.fr »" nativeInputProps={{ name: "to", type: "search", maxLength: 254, defaultValue: to }} />
        </div>
        <div className="fr-col-12 fr-col-md-3 fr-mb-3w">
          <Button type="submit">Rechercher</Button>
        </div>
      </form>
      {data && to && <p role="status">{data.total} message{data.total > 1 ? "s" : ""} pour « {to} ».</p>}
      <ErrorAlert error={error} />
      {!data && !error && <LoadingState />}
      {data && data.items.length === 0 && <EmptyState title="Aucun message" description={to ? "Aucun message à un destinataire dont l’adresse commence ainsi." : "Les messages électroniques émis par Tandem apparaîtront ici."} />}
      {data?.items.map((m) => (
        <article key={m.id} className="fr-card fr-p-3w fr-mb-2w">
          <h2 className="fr-h6 fr-mb-1w">{m.subject}</h2>
          <p className="fr-mb-1w">
            À : {m.to} — {new Date(m.createdAt).toLocaleString("fr-FR", { timeZone: "Europe/Paris" })}{" "}
            <Badge small severity={STATUS[m.status][1]}>{STATUS[m.status][0]}</Badge>
          </p>
          <pre style={{ whiteSpace: "pre-wrap" }}>{m.body}</pre>
        </article>
      ))}
      {pageCount > 1 && (
        <Pagination
          count={pageCount}
          defaultPage={page}
          getPageLinkProps={(p) => ({ to: "#", onClick: (ev: { preventDefault: () => void }) => { ev.preventDefault(); setPage(p); } })}
        />
      )}
    </>
  );
}
