import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState } from "react";
import { Link } from "react-router";
import { DirectoryListSchema, DirectoryServiceSchema } from "../../../shared/contracts/directory";
import { DI_THEMATIQUES, familyLabel } from "../../../shared/directoryReferentials";
import { api, queryString } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { useSession } from "../../session";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { todayInParis } from "../support/supportFormat";
import { DirectoryImport } from "./DirectoryImport";
import { DirectorySteering } from "./DirectorySteering";
import { Freshness, ThematiqueTags, thematiquesOf, zoneOf } from "./directoryFormat";
import { PublishServiceForm } from "./PublishServiceForm";

/**
 * The partners' resource directory (ADR 0035): the organisation's own services and those its
 * partners share under a convention in force, by thématique, each with its last update; the
 * organisation's staff publish, import and export them in the data·inclusion schema.
 */
export function DirectoryPage() {
  usePageTitle("Annuaire des ressources partenaires");
  const session = useSession();
  const [thematique, setThematique] = useState("");
  const { data, error, reload } = useApi(() => api.get(`/api/directory${queryString({ thematique: thematique || undefined })}`, DirectoryListSchema), [thematique]);
  const today = todayInParis();
  const steering = session.user?.roles.includes("steering") ?? false;
  const [confirmError, setConfirmError] = useState<unknown>(null);
  // The yearly joint update [001 art. 2.1]: the keeper confirms a resource is still accurate.
  const confirm = async (id: string) => {
    setConfirmError(null);
    try {
      await api.post(`/api/directory/services/${id}/confirmation`, DirectoryServiceSchema);
      reload();
    } catch (e) {
      setConfirmError(e);
    }
  };
  return (
    <>
      <h1>Annuaire des ressources partenaires</h1>
      <p>
        Les services de votre organisation et ceux que vos partenaires partagent au titre d’une convention en vigueur, pour son territoire. Chaque
        ressource suit le schéma national data·inclusion et affiche sa dernière mise à jour.
      </p>
      <Select label="Thématique" nativeSelectProps={{ value: thematique, onChange: (e) => setThematique(e.target.value), name: "thematique" }}>
        <option value="">Toutes les thématiques</option>
        {DI_THEMATIQUES.map((t) => (
          <option key={t.value} value={t.value}>
            {familyLabel(t.value)} — {t.label}
          </option>
        ))}
      </Select>
      {!data ? (
        error ? <ErrorAlert error={error} /> : <LoadingState />
      ) : (
        <>
          <ErrorAlert error={confirmError} />
          <ResponsiveTable
            caption={`${data.items.length} ressource${data.items.length > 1 ? "s" : ""}`}
            headers={["Service", "Structure", "Publié par", "Thématiques", "Zone", "Mise à jour"]}
            rows={data.items.map((r) => ({
              key: r.id,
              cells: [
                <Link key="n" to={`/annuaire/ressources/${r.id}`}>
                  {String(r.service.nom)}
                </Link>,
                String(r.structure.nom),
                r.own ? `${r.organisation.name} (votre organisation)` : r.organisation.name,
                <ThematiqueTags key="t" values={thematiquesOf(r)} />,
                zoneOf(r).join(", ") || "—",
                <span key="f">
                  <Freshness dateMaj={r.dateMaj} today={today} />
                  {r.own && data.canPublish && r.dateMaj < today && (
                    <Button className="fr-mt-1w" size="small" priority="tertiary" onClick={() => void confirm(r.id)}>
                      Confirmer à jour
                    </Button>
                  )}
                </span>,
              ],
            }))}
          />
          {data.canPublish && (
            <>
              <PublishServiceForm structures={data.structures} onPublished={reload} />
              <DirectoryImport onImported={reload} />
            </>
          )}
        </>
      )}
      {steering && <DirectorySteering />}
    </>
  );
}
