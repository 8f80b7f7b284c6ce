import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { OkSchema } from "../../../shared/contracts/common";
import { type ListImport, ListDuplicatePageSchema, ListImportIssuePageSchema, ListImportSchema } from "../../../shared/contracts/lists";
import { api, queryString } from "../../api";
import { CommandForm, FormSelect } from "../../components/CommandForm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { frenchDay, parisDateTime, statusOf } from "./listFormat";

const PAGE_SIZE = 50;
const count = (n: number) => n.toLocaleString("fr-FR");

/** One received list: its check as it runs (the user may leave and come back), the report, the duplicates, the confirmation. */
export function ListImportPage() {
  const { id = "" } = useParams();
  const { data: imp, error, reload } = useApi(() => api.get(`/api/list-imports/${id}`, ListImportSchema), [id]);
  usePageTitle(imp ? `Liste reçue : ${imp.fileName}` : "Liste reçue");
  // While the file is being checked, its progress is asked again every second.
  useEffect(() => {
    if (imp?.status !== "checking") return;
    const timer = setTimeout(reload, 1000);
    return () => clearTimeout(timer);
  }, [imp, reload]);

  return (
    <>
      <p className="fr-mb-1w">
        <Link to="/listes" className="fr-link fr-icon-arrow-left-s-line fr-link--icon-left">
          Listes reçues
        </Link>
      </p>
      <ErrorAlert error={error} />
      {!imp && !error && <LoadingState />}
      {imp && <ImportView imp={imp} reload={reload} />}
    </>
  );
}

function ImportView({ imp, reload }: { imp: ListImport; reload: () => void }) {
  const [status, severity] = statusOf(imp);
  return (
    <>
      <h1>
        Liste reçue : {imp.fileName}{" "}
        <Badge severity={severity} as="span">
          {status}
        </Badge>
      </h1>
      <dl className="fr-mb-3w">
        <dt className="fr-text--bold">Liste</dt>
        <dd>
          {imp.sourceLabel}, au titre de la convention {imp.conventionNumber}
        </dd>
        <dt className="fr-text--bold">Reçue</dt>
        <dd>
          le {parisDateTime(imp.receivedAt)} par {imp.receivedBy} ({imp.fileFormat.toUpperCase()}
          {imp.encoding ? `, ${imp.encoding === "windows-1252" ? "Windows-1252" : "UTF-8"}` : ""}, {count(Math.ceil(imp.fileBytes / 1024))} Ko)
        </dd>
        <dt className="fr-text--bold">Suppression prévue</dt>
        <dd>{imp.status === "cancelled" ? "Fichier et lignes supprimés à l’abandon" : `le ${frenchDay(imp.purgeOn)} — ${imp.purgeRule}`}</dd>
      </dl>

      {imp.status === "checking" && <Progress imp={imp} />}
      {imp.status === "failed" && (
        <Alert severity="error" title="Le fichier n’a pas pu être vérifié : rien n’a été importé" description={imp.fatalError ?? ""} className="fr-mb-3w" />
      )}
      {imp.status === "applied" && (
        <Alert
          severity="success"
          title="Liste importée"
          description={`Le ${parisDateTime(imp.appliedAt ?? imp.receivedAt)} : ${count(imp.rowsValid - (imp.rowsSkipped ?? 0))} ligne(s) gardée(s), ${count(imp.rowsSkipped ?? 0)} ignorée(s), ${count(imp.peopleCreated ?? 0)} personne(s) créée(s), ${count(imp.peopleLinked ?? 0)} rattachée(s). Elle sera supprimée le ${frenchDay(imp.purgeOn)}.`}
          className="fr-mb-3w"
        />
      )}
      {imp.status === "cancelled" && <Alert severity="warning" title="Import abandonné" description="Le fichier et ses lignes ont été supprimés ; rien n’a été importé." className="fr-mb-3w" />}
      {imp.status === "checked" && <CheckResult imp={imp} />}
      {imp.status === "checked" && imp.issueCount > 0 && <IssueReport imp={imp} />}
      {imp.status === "checked" && imp.duplicateCount > 0 && <Duplicates imp={imp} />}
      {(imp.status === "checked" || imp.status === "failed") && <MappingForm imp={imp} onDone={reload} />}
      {imp.status === "checked" && imp.confirmable && <ConfirmForm imp={imp} onDone={reload} />}
      {(imp.status === "checked" || imp.status === "failed" || imp.status === "checking") && <CancelButton imp={imp} onDone={reload} />}
    </>
  );
}

function Progress({ imp }: { imp: ListImport }) {
  const label = imp.rowsTotal ? `${count(imp.rowsDone)} lignes vérifiées sur ${count(imp.rowsTotal)}` : `${count(imp.rowsDone)} lignes vérifiées`;
  return (
    <div className="fr-mb-3w" role="status" aria-live="polite">
      <p className="fr-mb-1w">Vérification en cours : {label}. Vous pouvez quitter cette page et y revenir depuis « Listes reçues ».</p>
      <progress max={imp.rowsTotal ?? undefined} value={imp.rowsDone} aria-label="Avancement de la vérification" style={{ width: "100%" }} />
    </div>
  );
}

function CheckResult({ imp }: { imp: ListImport }) {
  if (imp.issueCount > 0)
    return (
      <Alert
        severity="error"
        title={`${count(imp.issueCount)} problème(s) dans le fichier : rien ne peut être importé`}
        description="Corrigez chaque ligne signalée dans le fichier reçu, puis déposez-le de nouveau. Une liste s’importe en entier ou pas du tout."
        className="fr-mb-3w"
      />
    );
  return (
    <Alert
      severity="success"
      title="Vérification réussie"
      description={`${count(imp.rowsValid)} ligne(s) prête(s) à importer${imp.duplicateCount > 0 ? `, dont ${count(imp.duplicateCount)} doublon(s) à examiner ci-dessous` : ""}. Rien n’est importé avant votre confirmation.`}
      className="fr-mb-3w"
    />
  );
}

function Pages({ total, page, setPage }: { total: number; page: number; setPage: (p: number) => void }) {
  const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
  if (pageCount < 2) return null;
  return (
    <Pagination
      count={pageCount}
      defaultPage={page}
      getPageLinkProps={(p) => ({
        to: "#",
        onClick: (ev: { preventDefault: () => void }) => {
          ev.preventDefault();
          setPage(p);
        },
      })}
    />
  );
}

function IssueReport({ imp }: { imp: ListImport }) {
  const [page, setPage] = useState(1);
  const { data, error } = useApi(() => api.get(`/api/list-imports/${imp.id}/issues${queryString({ page, pageSize: PAGE_SIZE })}`, ListImportIssuePageSchema), [imp.id, page]);
  return (
    <section className="fr-mb-4w">
      <h2 className="fr-h4">Rapport de vérification</h2>
      <ErrorAlert error={error} />
      {data && (
        <>
          <p>L’en-tête du fichier est la ligne 1.{data.total < imp.issueCount ? ` Les ${count(data.total)} premiers problèmes sur ${count(imp.issueCount)} sont listés.` : ""}</p>
          <ResponsiveTable
            caption="Problèmes ligne par ligne"
            headers={["Ligne", "Colonne", "Valeur", "Problème"]}
            rows={data.items.map((i, k) => ({ key: `${i.line}-${k}`, cells: [i.line, i.column ?? "—", i.value ?? "—", i.message] }))}
          />
          <Pages total={data.total} page={page} setPage={setPage} />
        </>
      )}
    </section>
  );
}

/** The RSA list creates the people it keeps; the new registrants' list keeps its lines (invitations) without creating anyone. */
const decisionLabel = (source: ListImport["source"], d: "keep" | "merge" | "skip") =>
  d === "keep" ? (source === "rsa_monthly" ? "Garder comme nouvelle personne" : "Garder la ligne") : d === "merge" ? "Rattacher à la personne connue" : "Ignorer la ligne";

function Duplicates({ imp }: { imp: ListImport }) {
  const [page, setPage] = useState(1);
  const { data, error, reload } = useApi(() => api.get(`/api/list-imports/${imp.id}/duplicates${queryString({ page, pageSize: PAGE_SIZE })}`, ListDuplicatePageSchema), [imp.id, page]);
  const [saveError, setSaveError] = useState<unknown>(null);
  const decide = async (line: number, decision: string) => {
    setSaveError(null);
    try {
      await api.put(`/api/list-imports/${imp.id}/rows/${line}/decision`, OkSchema, { decision });
      reload();
    } catch (e) {
      setSaveError(e);
    }
  };
  return (
    <section className="fr-mb-4w">
      <h2 className="fr-h4">Doublons à examiner</h2>
      <ErrorAlert error={error ?? saveError} />
      {data && (
        <>
          <ResponsiveTable
            caption="Doublons dans le fichier ou personnes déjà connues"
            headers={["Ligne", "Personne", "Doublon de", "Décision"]}
            rows={data.items.map((d) => ({
              key: String(d.line),
              cells: [
                d.line,
                `${d.name} (${d.ftIdentifier}${d.birthDate ? `, né(e) le ${frenchDay(d.birthDate)}` : ""})`,
                [
                  d.duplicateOfLine ? `ligne ${d.duplicateOfLine} du fichier` : null,
                  d.existing ? `personne connue de Tandem (même ${d.existing.match === "identifier" ? "identifiant" : "nom et date de naissance"})` : null,
                ]
                  .filter(Boolean)
                  .join(" ; "),
                <Select
                  key="d"
                  label={`Décision pour la ligne ${d.line}`}
                  nativeSelectProps={{ value: d.decision, onChange: (e) => void decide(d.line, e.target.value) }}
                >
                  {d.allowed.map((a) => (
                    <option key={a} value={a}>
                      {decisionLabel(imp.source, a)}
                    </option>
                  ))}
                </Select>,
              ],
            }))}
          />
          <Pages total={data.total} page={page} setPage={setPage} />
        </>
      )}
    </section>
  );
}

/** Which column of the file holds each field: suggested from the header (or the last file's choice), changed here, then the whole file is checked again. */
function MappingForm({ imp, onDone }: { imp: ListImport; onDone: () => void }) {
  const options = imp.header.map((h) => ({ value: h, label: h }));
  return (
    <details className="fr-mb-4w" open={imp.status === "failed"}>
      <summary className="fr-mb-2w">Colonnes du fichier utilisées pour chaque donnée</summary>
      <CommandForm<{ mapping: Record<string, string> }>
        title="Choisir les colonnes"
        submitLabel="Vérifier de nouveau avec ces colonnes"
        success="Vérification relancée."
        body={(d) => ({ mapping: Object.fromEntries(imp.fields.flatMap((f) => (d.get(f.field) ? [[f.field, String(d.get(f.field))]] : []))) })}
        onSubmit={async (body) => {
          await api.put(`/api/list-imports/${imp.id}/mapping`, ListImportSchema, body);
          onDone();
        }}
      >
        {imp.fields.map((f) => (
          <FormSelect
            key={f.field}
            name={f.field}
            field="mapping"
            label={`${f.label}${f.required ? "" : " (facultatif)"}`}
            hint={f.source}
            placeholder="Aucune colonne"
            options={options}
            defaultValue={imp.mapping[f.field] ?? ""}
          />
        ))}
      </CommandForm>
    </details>
  );
}

function ConfirmForm({ imp, onDone }: { imp: ListImport; onDone: () => void }) {
  return (
    <CommandForm
      title="Importer la liste"
      titleAs="h2"
      titleClassName="fr-h4"
      submitLabel="Confirmer l’import"
      success="Liste importée."
      confirm={{
        title: "Importer cette liste ?",
        description: (
          <p>
            Les {count(imp.rowsValid)} lignes vérifiées sont importées en une seule fois, selon vos décisions sur les doublons. La liste sera supprimée le{" "}
            {frenchDay(imp.purgeOn)}.
          </p>
        ),
        confirmLabel: "Importer",
      }}
      onSubmit={async () => {
        await api.post(`/api/list-imports/${imp.id}/confirmation`, ListImportSchema, {});
        onDone();
      }}
    />
  );
}

function CancelButton({ imp, onDone }: { imp: ListImport; onDone: () => void }) {
  const [error, setError] = useState<unknown>(null);
  return (
    <div className="fr-mb-4w">
      <ErrorAlert error={error} />
      <Button
        priority="tertiary"
        iconId="fr-icon-delete-line"
        onClick={async () => {
          try {
            await api.post(`/api/list-imports/${imp.id}/cancellation`, ListImportSchema, {});
            onDone();
          } catch (e) {
            setError(e);
          }
        }}
      >
        Abandonner cet import (le fichier est supprimé)
      </Button>
    </div>
  );
}
