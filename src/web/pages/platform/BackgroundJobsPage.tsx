import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState } from "react";
import {
  BACKGROUND_JOB_STATE_LABELS,
  type BackgroundJob,
  BackgroundJobSchema,
  BackgroundJobsSchema,
  type BackgroundJobState,
  BackgroundJobStateSchema,
} from "../../../shared/contracts/backgroundJobs";
import { api, queryString } from "../../api";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";

const SEVERITY: Record<BackgroundJobState, "success" | "error" | "info" | "new" | "warning"> = {
  created: "info",
  retry: "warning",
  active: "new",
  completed: "success",
  cancelled: "info",
  failed: "error",
};
const STATES = BackgroundJobStateSchema.options;
const when = (iso: string | null) => (iso ? new Date(iso).toLocaleString("fr-FR", { timeZone: "Europe/Paris", dateStyle: "short", timeStyle: "short" }) : "—");

/** The platform admin's view of the job queue (ADR 0029): what ran these 7 days, what failed and why, and the relaunch of a dead job. */
export function BackgroundJobsPage() {
  usePageTitle("Tâches de fond");
  const [state, setState] = useState<BackgroundJobState | "">("failed");
  const { data, error, reload } = useApi(() => api.get(`/api/background-jobs${queryString({ state: state || undefined })}`, BackgroundJobsSchema), [state]);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const retry = async (job: BackgroundJob) => {
    setActionError(null);
    setNotice(null);
    try {
      await api.post(`/api/background-jobs/${job.queue}/${job.id}/retry`, BackgroundJobSchema);
      setNotice(`« ${job.label} » est relancée : un nouvel essai aura lieu dans quelques instants.`);
      reload();
    } catch (err) {
      setActionError(err);
    }
  };

  const total = data ? Object.values(data.counts).reduce((a, b) => a + (b ?? 0), 0) : 0;
  return (
    <>
      <h1>Tâches de fond</h1>
      <p>
        Les traitements faits en arrière-plan (alertes, récapitulatifs, purges, imports) des 7 derniers jours. Une tâche en échec est
        réessayée plusieurs fois, à intervalles croissants ; ses essais épuisés, elle reste « en échec » jusqu’à ce que vous la relanciez.
      </p>
      <div aria-live="polite">{notice && <Alert className="fr-mb-3w" severity="success" small description={notice} closable onClose={() => setNotice(null)} />}</div>
      <ErrorAlert error={actionError} />
      <ErrorAlert error={error} />
      {data && (
        <p className="fr-mb-2w">
          {total === 0
            ? "Aucune tâche ces 7 derniers jours."
            : STATES.filter((s) => data.counts[s])
                .map((s) => `${BACKGROUND_JOB_STATE_LABELS[s]} : ${data.counts[s]}`)
                .join(" · ")}
        </p>
      )}
      <Select label="État" nativeSelectProps={{ value: state, onChange: (e) => setState(e.target.value as BackgroundJobState | "") }}>
        <option value="">Tous les états</option>
        {STATES.map((s) => (
          <option key={s} value={s}>
            {BACKGROUND_JOB_STATE_LABELS[s]}
          </option>
        ))}
      </Select>
      {!data && !error && <LoadingState />}
      {data && data.items.length === 0 && (
        <EmptyState title="Aucune tâche" description={state === "failed" ? "Aucune tâche en échec ces 7 derniers jours." : "Aucune tâche dans cet état ces 7 derniers jours."} />
      )}
      {data && data.items.length > 0 && (
        <ResponsiveTable
          caption={`${data.items.length} tâche${data.items.length > 1 ? "s" : ""}${state ? ` — ${BACKGROUND_JOB_STATE_LABELS[state].toLowerCase()}` : ""}`}
          headers={["Tâche", "État", "Essais", "Créée le", "Terminée le", "Erreur", "Action"]}
          rows={data.items.map((j) => ({
            key: j.id,
            cells: [
              j.label,
              <Badge key="state" small severity={SEVERITY[j.state]}>
                {BACKGROUND_JOB_STATE_LABELS[j.state]}
              </Badge>,
              `${j.attempts} sur ${j.maxAttempts}`,
              when(j.createdAt),
              when(j.completedAt),
              j.error ?? "—",
              j.state === "failed" ? (
                <Button key="retry" size="small" priority="secondary" onClick={() => retry(j)}>
                  {`Relancer « ${j.label} »`}
                </Button>
              ) : (
                ""
              ),
            ],
          }))}
        />
      )}
    </>
  );
}
