import { Button } from "@codegouvfr/react-dsfr/Button";
import { Select } from "@codegouvfr/react-dsfr/Select";
import { Upload } from "@codegouvfr/react-dsfr/Upload";
import { type FormEvent, useState } from "react";
import { NOTE_VISIBILITY_LABELS, type NoteVisibility } from "../../../domain/support/vocabulary";
import { type CaseView, DOCUMENT_CONTENT_TYPES } from "../../../shared/contracts/support";
import { ErrorAlert } from "../../components/ErrorAlert";
import { frenchDate, takesNewActs } from "./supportFormat";

const sizeLabel = (bytes: number) => (bytes < 1024 * 1024 ? `${Math.ceil(bytes / 1024)} Ko` : `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} Mo`);

/** Reads a file in the browser as base64 (the API takes JSON). */
const readAsBase64 = (file: File) =>
  new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ""));
    reader.onerror = () => reject(reader.error);
    reader.readAsDataURL(file);
  });

/** The case's documents the user's role may read, and where they may add one. */
export function CaseDocuments({ view, submit }: { view: CaseView; submit: (path: string, body: unknown) => Promise<void> }) {
  const writable = takesNewActs(view) ? view.can.writeNoteVisibilities : [];
  const [file, setFile] = useState<File | null>(null);
  const [visibility, setVisibility] = useState<NoteVisibility>("pair");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const upload = async (e: FormEvent) => {
    e.preventDefault();
    if (!file) return;
    setBusy(true);
    setError(null);
    try {
      await submit("documents", { visibility, name: file.name, contentType: file.type || "application/octet-stream", contentBase64: await readAsBase64(file) });
      setFile(null);
      (e.target as HTMLFormElement).reset();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="documents" className="fr-mb-4w">
      <h2 id="documents">Documents</h2>
      {view.documents.length === 0 && <p>Aucun document visible pour vous.</p>}
      <ul>
        {view.documents.map((d) => (
          <li key={d.id}>
            <a href={`/api/support/cases/${view.id}/documents/${d.id}`} download>
              {d.name}
            </a>{" "}
            <span className="fr-text--sm">
              ({sizeLabel(d.sizeBytes)}, {NOTE_VISIBILITY_LABELS[d.visibility]}, ajouté par {d.uploadedBy} le {frenchDate(d.createdAt.slice(0, 10))})
            </span>
          </li>
        ))}
      </ul>
      {writable.length > 0 && (
        <form onSubmit={upload}>
          <ErrorAlert error={error} />
          <Upload
            label="Joindre un document"
            hint="PDF, image, texte, Word ou OpenDocument ; 5 Mo au plus."
            nativeInputProps={{ accept: DOCUMENT_CONTENT_TYPES.join(","), onChange: (e) => setFile(e.target.files?.[0] ?? null) }}
          />
          <Select label="Visible par (document)" nativeSelectProps={{ value: visibility, onChange: (e) => setVisibility(e.target.value as NoteVisibility) }}>
            {writable.map((v) => (
              <option key={v} value={v}>
                {NOTE_VISIBILITY_LABELS[v]}
              </option>
            ))}
          </Select>
          <Button type="submit" disabled={!file || busy}>
            Joindre le document
          </Button>
        </form>
      )}
    </section>
  );
}
