import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useState } from "react";
import { PersonChoicesSchema } from "../../../shared/contracts/privacyRegisters";
import {
  HOLD_REASON_LABELS,
  HOLD_REASONS,
  HOLD_SCOPE_LABELS,
  HOLD_SCOPES,
  type HoldScope,
  HoldOptionsSchema,
  LegalHoldSchema,
  type PurgeStatus,
  PurgesOverviewSchema,
  RecordLegalHoldSchema,
} from "../../../shared/contracts/retention";
import { api, queryString } from "../../api";
import { CommandForm, DateInput, FormInput, FormSelect, formText } from "../../components/CommandForm";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { frDate, parisDateTime, parisToday } from "./registerFormat";

const SEVERITY: Record<PurgeStatus, "new" | "info" | "success" | "error" | "warning"> = {
  planned: "new",
  late: "error",
  running: "info",
  done: "success",
  failed: "error",
  suspended: "warning",
};
const StatusBadge = ({ status, label }: { status: PurgeStatus; label: string }) => (
  <Badge severity={SEVERITY[status]} small noIcon>
    {label}
  </Badge>
);
const Counts = ({ items, none = "—" }: { items: { kind: string; label: string; count: number }[]; none?: string }) =>
  items.length === 0 ? (
    <span>{none}</span>
  ) : (
    <ul className="fr-m-0 fr-pl-2w">
      {items.map((c) => (
        <li key={c.kind}>
          {c.count.toLocaleString("fr-FR")} {c.label}
        </li>
      ))}
    </ul>
  );

/**
 * The DPO's retention page (ADR 0032): the purges to come with what they will remove, the journal
 * of those run (counts per kind, no name), the legal holds, and the banner when one is late or failed.
 */
export function PurgesPage() {
  usePageTitle("Purges et conservation");
  const { data, error, reload } = useApi(() => api.get("/api/privacy/purges", PurgesOverviewSchema), []);
  return (
    <>
      <h1>Purges et conservation</h1>
      <p>
        Les données personnelles reçues ou traitées au titre des conventions sont supprimées à la date que fixe leur clause de données : chaque liste reçue de
        France Travail après son délai de conservation, les accompagnements clos après la fin de la convention. Une conservation légale (contentieux, obligation
        légale) suspend la purge de ce qu’elle couvre jusqu’à sa fin.
      </p>
      <ErrorAlert error={error} />
      {!data && !error && <LoadingState />}
      {data && data.alerts.length > 0 && (
        <Alert
          severity="error"
          className="fr-mb-3w"
          title={data.alerts.length > 1 ? `${data.alerts.length} purges en retard ou en échec` : "Une purge en retard ou en échec"}
          description={
            <ul className="fr-m-0">
              {data.alerts.map((a) => (
                <li key={a}>{a}</li>
              ))}
            </ul>
          }
        />
      )}
      {data && (
        <>
          <h2 className="fr-mt-4w">Purges prévues</h2>
          {data.planned.length === 0 ? (
            <EmptyState title="Aucune purge prévue" description="Aucune liste reçue ni aucune fin de convention n’a de données à supprimer." />
          ) : (
            <ResponsiveTable
              caption={`${data.planned.length} purge${data.planned.length > 1 ? "s" : ""} prévue${data.planned.length > 1 ? "s" : ""}`}
              headers={["Ce qui est dû", "Date de la purge", "Ce qui sera supprimé", "État", "Règle"]}
              rows={data.planned.map((p) => ({
                key: `${p.kind}-${p.what}`,
                cells: [
                  <span key="w">
                    {p.what}
                    <br />
                    <span className="fr-hint-text">
                      {p.kindLabel} — {p.conventionNumber}
                    </span>
                  </span>,
                  frDate(p.dueOn),
                  <Counts key="c" items={p.counts} />,
                  <StatusBadge key="s" status={p.status} label={p.statusLabel} />,
                  <span key="r" className="fr-text--sm">
                    {p.rule}
                  </span>,
                ],
              }))}
            />
          )}
          <h2 className="fr-mt-4w">Journal des purges</h2>
          {data.journal.length === 0 ? (
            <EmptyState title="Aucune purge faite" description="Le journal dira ici chaque purge : ce qui était dû, quand elle a tourné et combien de lignes elle a supprimées." />
          ) : (
            <ResponsiveTable
              caption={`${data.journal.length} purge${data.journal.length > 1 ? "s" : ""} au journal`}
              headers={["Ce qui était dû", "Due le", "Faite le", "Supprimé", "Gardé", "État", "Règle"]}
              rows={data.journal.map((j) => ({
                key: j.id,
                cells: [
                  <span key="w">
                    {j.what}
                    <br />
                    <span className="fr-hint-text">
                      {j.kindLabel} — {j.conventionNumber}
                    </span>
                  </span>,
                  frDate(j.dueOn),
                  j.ranAt ? parisDateTime(j.ranAt) : "—",
                  <Counts key="c" items={j.counts} none="Rien à supprimer" />,
                  <Counts key="k" items={j.kept} />,
                  <StatusBadge key="s" status={j.status} label={j.statusLabel} />,
                  <span key="r" className="fr-text--sm">
                    {j.rule}
                  </span>,
                ],
              }))}
            />
          )}
          <h2 className="fr-mt-4w">Conservations légales</h2>
          {data.holds.length === 0 ? (
            <EmptyState title="Aucune conservation légale" description="Rien n’est soustrait aux purges." />
          ) : (
            <ResponsiveTable
              caption={`${data.holds.length} conservation${data.holds.length > 1 ? "s" : ""} légale${data.holds.length > 1 ? "s" : ""}`}
              headers={["Ce qui est conservé", "Motif", "Du", "Jusqu’au", "État", "Enregistrée par"]}
              rows={data.holds.map((h) => ({
                key: h.id,
                cells: [
                  h.subjectLabel,
                  <span key="m">
                    {h.reasonLabel} : {h.reason}
                  </span>,
                  frDate(h.startsOn),
                  frDate(h.endsOn),
                  <Badge key="a" severity={h.active ? "warning" : "info"} small noIcon>
                    {h.active ? "en vigueur" : "terminée ou à venir"}
                  </Badge>,
                  h.recordedBy,
                ],
              }))}
            />
          )}
          <RecordHoldForm onRecorded={reload} />
        </>
      )}
    </>
  );
}

/** What the hold covers: a person found by search, or one of the organisation's lists or conventions. */
function SubjectPicker({ scope }: { scope: HoldScope }) {
  const { data: options } = useApi(() => api.get("/api/privacy/legal-holds/options", HoldOptionsSchema), []);
  const [q, setQ] = useState("");
  const [found, setFound] = useState<{ id: string; name: string; birthDate: string; ftIdentifier: string }[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (scope !== "job_seeker") {
    const choices = scope === "list_import" ? (options?.lists ?? []) : (options?.conventions ?? []);
    return <FormSelect key={scope} label={scope === "list_import" ? "Liste reçue" : "Convention"} name="subjectId" field="subjectId" required placeholder="Choisir" options={choices.map((c) => ({ value: c.id, label: c.label }))} />;
  }
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
        name="subjectId"
        required
        placeholder={found ? "Choisir parmi les résultats" : "Rechercher d’abord la personne"}
        defaultValue={found?.length === 1 ? found[0].id : ""}
        options={(found ?? []).map((p) => ({ value: p.id, label: `${p.name} — né(e) le ${frDate(p.birthDate)} — ${p.ftIdentifier}` }))}
      />
    </>
  );
}

function RecordHoldForm({ onRecorded }: { onRecorded: () => void }) {
  const [scope, setScope] = useState<HoldScope>("list_import");
  return (
    <CommandForm
      title="Enregistrer une conservation légale"
      titleAs="h2"
      className="fr-mt-6w fr-col-12 fr-col-md-8"
      submitLabel="Enregistrer la conservation"
      schema={RecordLegalHoldSchema}
      body={(d) => ({
        scope,
        subjectId: formText(d, "subjectId"),
        reasonKind: formText(d, "reasonKind"),
        reason: formText(d, "reason"),
        startsOn: formText(d, "startsOn"),
        endsOn: formText(d, "endsOn"),
      })}
      onSubmit={async (body) => {
        await api.post("/api/privacy/legal-holds", LegalHoldSchema, body);
        onRecorded();
      }}
      success="Conservation enregistrée : la purge de ce qu’elle couvre est suspendue jusqu’à sa fin."
    >
      <Select label="Ce que la conservation couvre" nativeSelectProps={{ name: "scope", value: scope, onChange: (e) => setScope(e.target.value as HoldScope) }}>
        {HOLD_SCOPES.map((s) => (
          <option key={s} value={s}>
            {HOLD_SCOPE_LABELS[s]}
          </option>
        ))}
      </Select>
      <SubjectPicker scope={scope} />
      <FormSelect label="Motif" name="reasonKind" required placeholder="Choisir" options={HOLD_REASONS.map((r) => ({ value: r, label: HOLD_REASON_LABELS[r] }))} />
      <FormInput label="Précisions" name="reason" textArea required hint="Par exemple : référence du recours, texte qui impose la conservation." inputProps={{ maxLength: 2000 }} />
      <DateInput label="Du" name="startsOn" defaultValue={parisToday()} />
      <DateInput label="Jusqu’au" name="endsOn" required />
    </CommandForm>
  );
}
