import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Upload } from "@codegouvfr/react-dsfr/Upload";
import { type ChangeEvent, useState } from "react";
import { type DirectoryImportReport, DirectoryImportReportSchema } from "../../../shared/contracts/directory";
import { ApiError, api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { ResponsiveTable } from "../../components/ResponsiveTable";

const MAX_BYTES = 5 * 1024 * 1024;
const COLLECTION = { structures: "Structure", services: "Service" } as const;

/**
 * Import and export in the data·inclusion schema's JSON (`{ "structures": [...], "services": [...] }`) or CSV (one file per list):
 * the file is checked whole; with one error nothing is imported and each line is reported.
 */
export function DirectoryImport({ onImported }: { onImported: () => void }) {
  const [report, setReport] = useState<DirectoryImportReport | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const read = async (e: ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    setReport(null);
    setError(null);
    if (files.length === 0) return;
    if (files.reduce((n, f) => n + f.size, 0) > MAX_BYTES) return setError(new Error("too large"));
    setBusy(true);
    try {
      const csv = files.filter((f) => f.name.toLowerCase().endsWith(".csv"));
      if (csv.length > 0) {
        // One CSV per list: the services' file is the one with a « structure_id » column.
        const body: { structures?: string; services?: string } = {};
        for (const f of csv) {
          const text = await f.text();
          const header = text.split(/\r?\n/, 1)[0].replace(/^\uFEFF/, "").split(";");
          body[header.includes("structure_id") ? "services" : "structures"] = text;
        }
        setReport(await api.post("/api/directory/imports/csv", DirectoryImportReportSchema, body));
      } else {
        let body: unknown;
        try {
          body = JSON.parse(await files[0].text());
        } catch {
          throw new ApiError(400, "MALFORMED_JSON", "Le fichier n’est pas un JSON valide : rien n’a été importé.");
        }
        setReport(await api.post("/api/directory/imports", DirectoryImportReportSchema, body));
      }
      onImported();
    } catch (err) {
      const refused = err instanceof ApiError ? (err.details as { report?: DirectoryImportReport } | undefined)?.report : undefined;
      if (refused) setReport(refused);
      setError(err);
    } finally {
      setBusy(false);
      e.target.value = "";
    }
  };

  return (
    <section aria-labelledby="import-export" className="fr-mt-6w">
      <h2 id="import-export">Importer ou exporter (format data·inclusion)</h2>
      <p>
        Le fichier JSON contient les listes « structures » et « services » du schéma data·inclusion 1.x ; en CSV (séparateur « ; », UTF-8), un
        fichier par liste, une colonne par champ du schéma, les codes d’une liste séparés par des virgules. Les fichiers sont vérifiés en entier :
        s’ils comportent une erreur, rien n’est importé et chaque ligne en erreur est indiquée (en CSV, la ligne 1 est celle des titres).
      </p>
      <Upload
        label="Fichier data·inclusion (JSON) ou fichiers CSV (structures, services)"
        hint="5 Mo au plus."
        multiple
        disabled={busy}
        nativeInputProps={{ accept: ".json,application/json,.csv,text/csv", onChange: (e) => void read(e) }}
      />
      {error instanceof Error && !(error instanceof ApiError) ? (
        <Alert className="fr-mt-2w" severity="error" title="Le fichier dépasse 5 Mo : rien n’a été lu." small={false} />
      ) : (
        <ErrorAlert error={report && !report.imported ? null : error} className="fr-mt-2w" />
      )}
      {report?.imported && (
        <Alert className="fr-mt-2w" severity="success" title={`Import réussi : ${report.structures} structure(s) et ${report.services} service(s).`} small={false} />
      )}
      {report && !report.imported && (
        <>
          <Alert className="fr-mt-2w" severity="error" title={`Rien n’a été importé : ${report.issues.length} erreur(s) à corriger dans le fichier.`} small={false} />
          <ResponsiveTable
            caption="Erreurs ligne par ligne"
            headers={["Liste", "Ligne", "Champ", "Valeur", "Message"]}
            rows={report.issues.map((i, n) => ({
              key: String(n),
              cells: [COLLECTION[i.collection], String(i.line), i.field || "—", i.value === null ? "(absente)" : JSON.stringify(i.value), i.message],
            }))}
          />
        </>
      )}
      <p className="fr-mt-2w">
        {/* A download from the API, not a page of the app: a plain link. */}
        <a className="fr-btn fr-btn--secondary fr-icon-download-line fr-btn--icon-left" href="/api/directory/export" download="tandem-data-inclusion.json">
          Exporter les ressources de mon organisation (JSON data·inclusion)
        </a>
      </p>
      <p>
        <a className="fr-link fr-icon-download-line fr-link--icon-left fr-mr-3w" href="/api/directory/export/csv?collection=structures" download="tandem-data-inclusion-structures.csv">
          Structures (CSV)
        </a>
        <a className="fr-link fr-icon-download-line fr-link--icon-left" href="/api/directory/export/csv?collection=services" download="tandem-data-inclusion-services.csv">
          Services (CSV)
        </a>
      </p>
    </section>
  );
}
