import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import {
  PersonChoicesSchema,
  RecordRightsRequestSchema,
  RegisterOptionsSchema,
  RIGHTS_CHANNEL_LABELS,
  RIGHTS_CHANNELS,
  RIGHTS_KIND_LABELS,
  RIGHTS_KINDS,
  RIGHTS_STATUS_LABELS,
  RIGHTS_STATUSES,
  RightsRegisterSchema,
  RightsRequestSchema,
} from "../../../shared/contracts/privacyRegisters";
import { api, queryString } from "../../api";
import { CommandForm, DateInput, FormInput, FormSelect, formText } from "../../components/CommandForm";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { frDate, LateBadge, parisToday, RightsStatusBadge } from "./registerFormat";

const FILTERS = [
  { value: "", label: "Toutes les demandes" },
  { value: "open", label: "À traiter (reçues ou en cours)" },
  { value: "late", label: "En retard" },
  ...RIGHTS_STATUSES.map((s) => ({ value: s, label: RIGHTS_STATUS_LABELS[s] })),
];

/** The register of the persons' rights requests, for the organisation's DPO: filters, late ones first, and the form to record one. */
export function RightsRequestsPage() {
  usePageTitle("Demandes d’exercice des droits");
  const [status, setStatus] = useState("");
  const { data, error, reload } = useApi(() => api.get(`/api/privacy/rights-requests${queryString({ status })}`, RightsRegisterSchema), [status]);
  return (
    <>
      <h1>Demandes d’exercice des droits</h1>
      <p>
        Les demandes des personnes (accès, rectification, effacement, opposition, limitation) reçues par votre organisation, avec leur échéance calculée d’après la
        clause de la convention (à défaut, le mois du RGPD, art. 12.3).
      </p>
      {data && data.lateCount > 0 && (
        <Alert
          severity="error"
          className="fr-mb-3w"
          title={`${data.lateCount} demande${data.lateCount > 1 ? "s" : ""} en retard`}
          description="Une réponse est due après la date limite : traitez-les en priorité."
        />
      )}
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-4">
          <Select label="Statut" nativeSelectProps={{ value: status, onChange: (e) => setStatus(e.target.value), name: "status" }}>
            {FILTERS.map((f) => (
              <option key={f.value} value={f.value}>
                {f.label}
              </option>
            ))}
          </Select>
        </div>
      </div>
      <ErrorAlert error={error} />
      {!data && !error && <LoadingState />}
      {data && data.items.length === 0 && <EmptyState title="Aucune demande" description="Aucune demande ne correspond à ce filtre." />}
      {data && data.items.length > 0 && (
        <ResponsiveTable
          caption={`${data.items.length} demande${data.items.length > 1 ? "s" : ""}`}
          headers={["Personne", "Droit", "Reçue le", "Échéance", "Statut", "Convention"]}
          rows={data.items.map((r) => ({
            key: r.id,
            cells: [
              <Link key="p" to={`/protection-des-donnees/demandes/${r.id}`}>
                {r.person.name}
              </Link>,
              r.kindLabel,
              frDate(r.receivedOn),
              <span key="d">
                {frDate(r.dueOn)} <LateBadge late={r.late} />
              </span>,
              <RightsStatusBadge key="s" status={r.status} label={r.statusLabel} />,
              r.convention.number,
            ],
          }))}
        />
      )}
      <RecordRightsRequestForm onRecorded={reload} />
    </>
  );
}

/** Finds a person known to the organisation (name or identifier), then offers the matches as a list. */
function PersonPicker() {
  const [q, setQ] = useState("");
  const [found, setFound] = useState<{ id: string; name: string; birthDate: string; ftIdentifier: string }[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const search = async () => {
    setError(null);
    try {
      setFound((await api.get(`/api/privacy/people${queryString({ q })}`, PersonChoicesSchema)).items);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      <div className="fr-grid-row fr-grid-row--gutters">
        <div className="fr-col-12 fr-col-md-8">
          <Input
            label="Rechercher la personne"
            hintText="Nom, prénom ou identifiant France Travail (2 caractères au moins)"
            nativeInputProps={{
              value: q,
              name: "personQuery",
              autoComplete: "off",
              onChange: (e) => setQ(e.target.value),
              onKeyDown: (e) => {
                if (e.key === "Enter") {
                  e.preventDefault();
                  void search();
                }
              },
            }}
          />
        </div>
        <div className="fr-col-12 fr-col-md-4" style={{ alignSelf: "flex-end" }}>
          <Button type="button" priority="secondary" className="fr-mb-3w" onClick={search} disabled={q.trim().length < 2}>
            Rechercher
          </Button>
        </div>
      </div>
      <ErrorAlert error={error} />
      {found && found.length === 0 && <p className="fr-hint-text">Aucune personne connue de votre organisation ne correspond.</p>}
      <FormSelect
        key={found?.map((p) => p.id).join() ?? "none"}
        label="Personne"
        name="jobSeekerId"
        required
        placeholder={found ? "Choisir parmi les résultats" : "Rechercher d’abord la personne"}
        defaultValue={found?.length === 1 ? found[0].id : ""}
        options={(found ?? []).map((p) => ({ value: p.id, label: `${p.name} — né(e) le ${frDate(p.birthDate)} — ${p.ftIdentifier}` }))}
      />
    </>
  );
}

function RecordRightsRequestForm({ onRecorded }: { onRecorded: () => void }) {
  const navigate = useNavigate();
  const { data: options } = useApi(() => api.get("/api/privacy/register-options", RegisterOptionsSchema), []);
  return (
    <CommandForm
      title="Enregistrer une demande reçue"
      titleAs="h2"
      className="fr-mt-6w fr-col-12 fr-col-md-8"
      submitLabel="Enregistrer la demande"
      schema={RecordRightsRequestSchema}
      body={(d) => ({
        jobSeekerId: formText(d, "jobSeekerId"),
        kind: formText(d, "kind"),
        channel: formText(d, "channel"),
        conventionId: formText(d, "conventionId"),
        receivedOn: formText(d, "receivedOn"),
        request: formText(d, "request"),
      })}
      onSubmit={async (body) => {
        const recorded = await api.post("/api/privacy/rights-requests", RightsRequestSchema, body);
        onRecorded();
        navigate(`/protection-des-donnees/demandes/${recorded.id}`);
      }}
      success="Demande enregistrée."
    >
      <PersonPicker />
      <FormSelect label="Droit exercé" name="kind" required placeholder="Choisir" options={RIGHTS_KINDS.map((k) => ({ value: k, label: RIGHTS_KIND_LABELS[k] }))} />
      <FormSelect label="Canal de réception" name="channel" required placeholder="Choisir" options={RIGHTS_CHANNELS.map((c) => ({ value: c, label: RIGHTS_CHANNEL_LABELS[c] }))} />
      <FormSelect
        label="Convention sous laquelle la demande est traitée"
        name="conventionId"
        required
        placeholder="Choisir"
        hint="Son délai de réponse fixe l’échéance."
        options={(options?.conventions ?? []).map((c) => ({ value: c.id, label: `${c.number} — délai : ${c.rightsAnswer?.label ?? "—"}` }))}
      />
      <DateInput label="Reçue le" name="receivedOn" defaultValue={parisToday()} />
      <FormInput label="Ce que demande la personne" name="request" textArea required inputProps={{ maxLength: 2000 }} />
    </CommandForm>
  );
}
