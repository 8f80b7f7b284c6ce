import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState } from "react";
import { useParams } from "react-router";
import { AGENDA_REASON_LABELS, type AgendaReason } from "../../../domain/review/agenda";
import { DECISION_LABELS, type DecisionKind } from "../../../domain/review/decisions";
import { frenchDate } from "../../../domain/shared/calendarDate";
import { EXIT_TYPE_LABELS, EXIT_TYPES } from "../../../domain/support/vocabulary";
import { OkSchema } from "../../../shared/contracts/common";
import { type ReviewItem, ReviewSchema } from "../../../shared/contracts/review";
import { PortfolioResponseSchema } from "../../../shared/contracts/support";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { useBreadcrumbLabel } from "../../breadcrumb";

const DOCUMENT_LABELS = { minutes_pdf: "Compte rendu (PDF)", table_xlsx: "Tableau de suivi (XLSX)", table_csv: "Tableau de suivi (CSV)" } as const;

/** The decisions that make sense for a case in its current state; the server checks them again. */
function decisionsFor(item: ReviewItem): DecisionKind[] {
  switch (item.status) {
    case "awaiting_entry":
    case "diagnosed":
      return ["accept_entry", "refuse_entry", "other"];
    case "social_only":
      return ["keep_social_only", "end_social_only", "exit", ...(item.rsa ? (["reorient"] as const) : []), "other"];
    case "active":
      return ["renew", "exit", ...(item.rsa ? (["reorient"] as const) : []), "other"];
    default:
      return ["other"];
  }
}

/**
 * The review during the meeting: one row per person on the agenda, each decision saved the
 * moment it is taken (nothing is lost if the connection drops between two decisions).
 * Plain form controls: everything works with the keyboard.
 */
export function ReviewPage() {
  const { id = "" } = useParams();
  const { data, error, reload } = useApi(() => api.get(`/api/reviews/${id}`, ReviewSchema), [id]);
  const [actionError, setActionError] = useState<unknown>(null);
  usePageTitle(data ? `Revue du ${frenchDate(data.heldOn)}` : "Revue de portefeuille");
  useBreadcrumbLabel(data ? `Revue du ${frenchDate(data.heldOn)}` : undefined);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <LoadingState />;
  const open = data.status === "open";
  const decidedNow = data.items.filter((i) => i.decision?.version === data.version).length;

  const act = async (path: string) => {
    setActionError(null);
    try {
      await api.post(`/api/reviews/${id}/${path}`, OkSchema);
      reload();
    } catch (err) {
      setActionError(err);
      // Someone else may have closed or reopened the review meanwhile: show its state as it is now.
      reload();
    }
  };

  return (
    <>
      <h1>
        Revue de portefeuille du {frenchDate(data.heldOn)}{" "}
        <Badge severity={open ? "new" : "success"}>{open ? "Ouverte" : "Close"}</Badge>
      </h1>
      <p className="fr-text--lead">
        {data.agencies.map((a) => a.name).join(", ")} — convention {data.conventionNumber}
      </p>
      <p>
        Secrétariat : {data.secretariat === "advisor" ? "le conseiller France Travail" : "le travailleur social"} (revue n° {data.sequence}
        {data.version > 1 ? `, version ${data.version}` : ""}). {decidedNow} décision(s) sur {data.items.length} personne(s) à l'ordre du jour.
      </p>
      <ErrorAlert error={actionError} />

      <h2>Ordre du jour</h2>
      {data.items.length === 0 && <p>Aucune personne à l'ordre du jour.</p>}
      <ol className="fr-raw-list">
        {data.items.map((item) => (
          <li key={item.caseId} className="fr-card fr-p-3w fr-mb-2w">
            <AgendaRow item={item} reviewId={id} version={data.version} open={open} onSaved={reload} />
          </li>
        ))}
      </ol>

      {open && <AddToAgenda reviewId={id} onAgenda={data.items.map((i) => i.caseId)} onAdded={reload} />}

      <h2>Clôture et documents</h2>
      {open ? (
        <Button onClick={() => act("close")}>Clore la revue et envoyer le tableau de suivi</Button>
      ) : (
        <Button priority="secondary" onClick={() => act("reopen")}>
          Rouvrir la revue pour corriger une décision
        </Button>
      )}
      {data.documents.length > 0 && (
        <ul className="fr-mt-3w">
          {data.documents.map((d) => (
            <li key={`${d.version}-${d.kind}`}>
              <a href={d.url} download>
                {DOCUMENT_LABELS[d.kind]} — version {d.version}
              </a>
            </li>
          ))}
        </ul>
      )}
      <h3 className="fr-mt-3w">Destinataires du tableau de suivi</h3>
      <ul>
        {data.distribution.map((d) => (
          <li key={d.label}>
            {d.label} : {d.recipients.join(", ") || "personne"}
          </li>
        ))}
      </ul>
    </>
  );
}

/** A participant puts on the agenda any case of their portfolio the agenda did not pick up. */
function AddToAgenda({ reviewId, onAgenda, onAdded }: { reviewId: string; onAgenda: string[]; onAdded: () => void }) {
  const portfolio = useApi(() => api.get("/api/support/portfolio?pageSize=200", PortfolioResponseSchema), []);
  const [caseId, setCaseId] = useState("");
  const [error, setError] = useState<unknown>(null);
  const candidates = (portfolio.data?.items ?? []).filter((c) => !onAgenda.includes(c.id) && c.status !== "exited" && c.status !== "refused");
  if (candidates.length === 0) return null;
  const add = async () => {
    setError(null);
    try {
      await api.post(`/api/reviews/${reviewId}/items`, OkSchema, { caseId });
      setCaseId("");
      onAdded();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="fr-mb-4w">
      <h3>Ajouter une personne à l'ordre du jour</h3>
      <ErrorAlert error={error} />
      <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
        <div className="fr-col-12 fr-col-md-8">
          <Select label="Personne de mon portefeuille" nativeSelectProps={{ value: caseId, onChange: (e) => setCaseId(e.target.value) }}>
            <option value="">Choisir</option>
            {candidates.map((c) => (
              <option key={c.id} value={c.id}>
                {c.person.name} ({c.person.ftIdentifier})
              </option>
            ))}
          </Select>
        </div>
        <div className="fr-col-12 fr-col-md-4">
          <Button onClick={add} disabled={!caseId}>
            Ajouter à l'ordre du jour
          </Button>
        </div>
      </div>
    </section>
  );
}

function AgendaRow({ item, reviewId, version, open, onSaved }: { item: ReviewItem; reviewId: string; version: number; open: boolean; onSaved: () => void }) {
  const options = decisionsFor(item);
  const [kind, setKind] = useState<DecisionKind | "">("");
  const [exitType, setExitType] = useState("");
  const [note, setNote] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [saving, setSaving] = useState(false);
  const decidedNow = item.decision?.version === version;
  const fieldId = `decision-${item.caseId}`;

  const save = async () => {
    setSaving(true);
    setError(null);
    try {
      await api.put(`/api/reviews/${reviewId}/decisions/${item.caseId}`, OkSchema, { kind, exitType: kind === "exit" ? exitType : null, note: note || null });
      onSaved();
    } catch (err) {
      setError(err);
      // A refusal (review closed meanwhile…) means the page is stale: reload it, the message stays.
      onSaved();
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <h3 className="fr-h6 fr-mb-1w">
        {item.person} <span className="fr-text--sm">({item.ftIdentifier})</span>
      </h3>
      <p className="fr-mb-1w">
        {item.reasons.map((r) => (
          <Badge key={r} small severity="warning" className="fr-mr-1w">
            {AGENDA_REASON_LABELS[r as AgendaReason] ?? r}
          </Badge>
        ))}
        {item.rsa && (
          <Badge small severity="info">
            RSA
          </Badge>
        )}
      </p>
      <p className="fr-text--sm fr-mb-1w">
        Binôme : {item.advisor ?? "—"} / {item.socialWorker ?? "—"} · Origine : {item.origin} · Orientation le {frenchDate(item.orientedOn)}
        {item.enteredOn ? ` · Entrée le ${frenchDate(item.enteredOn)}` : ""}
        {item.periodEndsOn ? ` · Fin de période le ${frenchDate(item.periodEndsOn)}` : ""}
        {item.maxEndsOn ? ` · Durée maximale le ${frenchDate(item.maxEndsOn)}` : ""}
      </p>
      {item.history.length > 0 && (
        <p className="fr-text--sm fr-mb-1w">
          {item.history.map((h) => `Version ${h.version} : ${DECISION_LABELS[h.kind]}${h.exitType ? ` (${EXIT_TYPE_LABELS[h.exitType as keyof typeof EXIT_TYPE_LABELS] ?? h.exitType})` : ""}`).join(" · ")}
        </p>
      )}
      {decidedNow ? (
        <Alert
          small
          severity="success"
          description={`Décision enregistrée : ${DECISION_LABELS[item.decision!.kind]}${item.decision!.exitType ? ` — ${EXIT_TYPE_LABELS[item.decision!.exitType as keyof typeof EXIT_TYPE_LABELS] ?? item.decision!.exitType}` : ""} (par ${item.decision!.decidedBy}).`}
        />
      ) : open ? (
        <div className="fr-grid-row fr-grid-row--gutters fr-grid-row--bottom">
          <div className="fr-col-12 fr-col-md-4">
            <Select label={`Décision pour ${item.person}`} nativeSelectProps={{ id: fieldId, value: kind, onChange: (e) => setKind(e.target.value as DecisionKind) }}>
              <option value="">Choisir</option>
              {options.map((o) => (
                <option key={o} value={o}>
                  {DECISION_LABELS[o]}
                </option>
              ))}
            </Select>
          </div>
          {kind === "exit" && (
            <div className="fr-col-12 fr-col-md-3">
              <Select label={`Type de sortie pour ${item.person}`} nativeSelectProps={{ value: exitType, onChange: (e) => setExitType(e.target.value) }}>
                <option value="">Choisir</option>
                {EXIT_TYPES.map((t) => (
                  <option key={t} value={t}>
                    {EXIT_TYPE_LABELS[t]}
                  </option>
                ))}
              </Select>
            </div>
          )}
          <div className="fr-col-12 fr-col-md-3">
            <Input label={`Note pour ${item.person}`} nativeInputProps={{ value: note, onChange: (e) => setNote(e.target.value) }} />
          </div>
          <div className="fr-col-12 fr-col-md-2">
            <Button onClick={save} disabled={!kind || saving}>
              Enregistrer
            </Button>
          </div>
        </div>
      ) : (
        <p className="fr-text--sm">Pas de décision dans cette version.</p>
      )}
      <ErrorAlert error={error} className="fr-mt-2w" />
    </>
  );
}
