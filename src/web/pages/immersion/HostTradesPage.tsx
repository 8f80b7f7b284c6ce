import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { z } from "zod";
import { HostTradesViewSchema } from "../../../shared/contracts/immersion";
import { api, queryString } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";

const Trade = z.object({ code: z.string(), label: z.string() });
type TradeT = z.infer<typeof Trade>;

/**
 * The trades a host exercises (000 art. 3.1 b: « dans la limite des métiers et compétences exercés
 * au sein de celle-ci »), chosen from the ROME referential by its org_admin: what an immersion there may offer.
 */
export function HostTradesPage() {
  const { id = "" } = useParams();
  const { data, error, reload } = useApi(() => api.get(`/api/organisations/${id}/immersion-trades`, HostTradesViewSchema), [id]);
  usePageTitle("Métiers ouverts aux immersions");
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <LoadingState />;
  return (
    <>
      <h1>Métiers ouverts aux immersions — {data.organisation.name}</h1>
      <p>Une immersion dans votre structure se fait dans la limite des métiers qu’elle exerce : France Travail choisit le métier de chaque immersion dans cette liste.</p>
      {data.canEdit ? <Editor initial={data.trades} organisationId={id} onSaved={reload} /> : <TradesTable trades={data.trades} />}
      <p className="fr-mt-4w">
        <Link to="/immersions">Retour aux immersions</Link>
      </p>
    </>
  );
}

function TradesTable({ trades, onRemove }: { trades: TradeT[]; onRemove?: (code: string) => void }) {
  if (trades.length === 0) return <p>Aucun métier déclaré.</p>;
  return (
    <ResponsiveTable
      caption={`${trades.length} métier${trades.length > 1 ? "s" : ""} déclaré${trades.length > 1 ? "s" : ""}`}
      headers={onRemove ? ["Code ROME", "Métier", "Action"] : ["Code ROME", "Métier"]}
      rows={trades.map((t) => ({
        key: t.code,
        cells: [
          t.code,
          t.label,
          ...(onRemove
            ? [
                <Button key="r" type="button" size="small" priority="tertiary" onClick={() => onRemove(t.code)} title={`Retirer ${t.label}`}>
                  Retirer
                </Button>,
              ]
            : []),
        ],
      }))}
    />
  );
}

function Editor({ initial, organisationId, onSaved }: { initial: TradeT[]; organisationId: string; onSaved: () => void }) {
  const [trades, setTrades] = useState<TradeT[]>(initial);
  const [q, setQ] = useState("");
  const [found, setFound] = useState<TradeT[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    if (q.trim().length < 2) {
      setFound([]);
      return;
    }
    let cancelled = false;
    const timer = setTimeout(() => {
      api
        .get(`/api/rome/trades${queryString({ q, limit: 10 })}`, z.array(Trade))
        .then((r) => !cancelled && setFound(r))
        .catch((e) => !cancelled && setError(e));
    }, 250);
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [q]);
  const save = async () => {
    setError(null);
    setDone(null);
    try {
      await api.put(`/api/organisations/${organisationId}/immersion-trades`, z.array(Trade.extend({ declaredAt: z.string() })), { romeCodes: trades.map((t) => t.code) });
      setDone("Métiers enregistrés.");
      onSaved();
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <TradesTable trades={trades} onRemove={(code) => setTrades((ts) => ts.filter((t) => t.code !== code))} />
      <h2 className="fr-h4">Ajouter un métier du ROME</h2>
      <Input label="Rechercher un métier (libellé, appellation ou code ROME)" nativeInputProps={{ value: q, onChange: (e) => setQ(e.target.value), type: "search" }} />
      {found.length > 0 && (
        <ul className="fr-raw-list fr-mb-3w" aria-label="Métiers trouvés">
          {found.map((t) => (
            <li key={t.code} className="fr-mb-1w">
              <Button
                type="button"
                size="small"
                priority="tertiary"
                iconId="fr-icon-add-line"
                disabled={trades.some((x) => x.code === t.code)}
                onClick={() => setTrades((ts) => [...ts, t])}
              >
                {t.label} ({t.code})
              </Button>
            </li>
          ))}
        </ul>
      )}
      {error !== null && <ErrorAlert error={error} />}
      <Button type="button" onClick={() => void save()}>
        Enregistrer les métiers
      </Button>
      <div role="status" aria-live="polite">
        {done && <p className="fr-message fr-message--valid fr-mt-2w">{done}</p>}
      </div>
    </>
  );
}
