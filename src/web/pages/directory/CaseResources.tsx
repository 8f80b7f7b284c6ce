import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState } from "react";
import { Link } from "react-router";
import { frenchDate } from "../../../domain/shared/calendarDate";
import type { z } from "zod";
import { CaseResourcesSchema } from "../../../shared/contracts/directory";
import { familyLabel, thematiqueLabel } from "../../../shared/directoryReferentials";
import { api, queryString } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useApi } from "../../useApi";
import { addressOf, Freshness, hoursOf, phoneOf } from "./directoryFormat";

type CaseResourcesView = z.infer<typeof CaseResourcesSchema>;

/**
 * « Ressources partenaires » on the case page (ADR 0035): the resources of the partners whose zone
 * covers the person's commune, for the thématiques the open barriers map to (or one chosen), each
 * with its printable sheet; the pair records the one mobilised, which goes to the case's timeline.
 */
export function CaseResources(props: { caseId: string; canWork: boolean; barriersKey: string; today: string; onRecorded: () => void }) {
  const [thematique, setThematique] = useState("");
  const loaded = useApi(
    () => api.get(`/api/support/cases/${props.caseId}/resources${queryString({ thematique: thematique || undefined })}`, CaseResourcesSchema),
    [props.caseId, thematique, props.barriersKey],
  );
  const [recorded, setRecorded] = useState<CaseResourcesView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  const view = recorded && !thematique ? recorded : loaded.data;

  const mobilise = async (serviceId: string, nom: string) => {
    setError(null);
    setDone(null);
    try {
      setRecorded(await api.post(`/api/support/cases/${props.caseId}/mobilised-resources`, CaseResourcesSchema, { serviceId }));
      setDone(`« ${nom} » est enregistrée comme mobilisée pour la personne.`);
      props.onRecorded();
    } catch (e) {
      setError(e);
    }
  };

  const options = [...new Set((loaded.data?.barriers ?? []).flatMap((b) => b.thematiques))];
  return (
    <section aria-labelledby="ressources-partenaires" className="fr-mb-4w">
      <h2 id="ressources-partenaires">Ressources partenaires</h2>
      {!view ? (
        loaded.error ? <ErrorAlert error={loaded.error} /> : <LoadingState />
      ) : (
        <>
          <p>
            {view.barriers.length === 0
              ? "Aucun frein en cours : choisissez une thématique pour chercher une ressource."
              : `Pour ${view.barriers.map((b) => b.label.toLowerCase()).join(", ")} — ressources dont la zone couvre la commune de la personne (${view.commune}).`}
          </p>
          {options.length > 0 && (
            <Select
              label="Thématique"
              nativeSelectProps={{ value: thematique, onChange: (e) => setThematique(e.target.value), name: "thematique" }}
            >
              <option value="">Toutes les thématiques des freins</option>
              {options.map((t) => (
                <option key={t} value={t}>
                  {familyLabel(t)} — {thematiqueLabel(t)}
                </option>
              ))}
            </Select>
          )}
          <ErrorAlert error={error} />
          <div role="status" aria-live="polite">
            {done && <p className="fr-message fr-message--valid fr-mb-2w">{done}</p>}
          </div>
          {view.items.length === 0 ? (
            <p>Aucune ressource partagée ne couvre cette commune pour ces thématiques.</p>
          ) : (
            <ul className="fr-raw-list">
              {view.items.map((r) => (
                <li key={r.id} className="fr-card fr-card--no-arrow fr-mb-2w fr-p-2w">
                  <h3 className="fr-h6 fr-mb-1w">{String(r.service.nom)}</h3>
                  <p className="fr-mb-1w fr-text--sm">
                    {String(r.structure.nom)} — {r.organisation.name} <Freshness dateMaj={r.dateMaj} today={props.today} />
                  </p>
                  <p className="fr-mb-1w fr-text--sm">
                    {[addressOf(r), hoursOf(r), phoneOf(r)].filter(Boolean).join(" — ")}
                  </p>
                  <p className="fr-mb-1w fr-text--xs">Répond à : {r.matches.map(thematiqueLabel).join(", ")}</p>
                  <ul className="fr-btns-group fr-btns-group--inline-md fr-btns-group--sm">
                    <li>
                      <Link className="fr-btn fr-btn--secondary fr-btn--sm" to={`/annuaire/ressources/${r.id}`}>
                        Fiche à remettre à la personne
                      </Link>
                    </li>
                    {props.canWork && (
                      <li>
                        <Button size="small" onClick={() => void mobilise(r.id, String(r.service.nom))}>
                          Enregistrer comme mobilisée
                        </Button>
                      </li>
                    )}
                  </ul>
                </li>
              ))}
            </ul>
          )}
          {view.mobilised.length > 0 && (
            <>
              <h3 className="fr-h6">Ressources mobilisées</h3>
              <ul>
                {view.mobilised.map((m, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: the same resource may be mobilised twice
                  <li key={i}>
                    {frenchDate(m.on)} — {m.nom}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
    </section>
  );
}
