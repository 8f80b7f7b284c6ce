import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Upload } from "@codegouvfr/react-dsfr/Upload";
import { type ChangeEvent, type FormEvent, useState } from "react";
import { Link, useNavigate } from "react-router";
import { ImportConventionResponseSchema } from "../../../shared/contracts/convention";
import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { ApiError, api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { usePageTitle } from "../../usePageTitle";

/** Import a convention file (YAML or JSON): all or nothing; every problem is listed in French. */
export function ConventionImportPage() {
  usePageTitle("Importer une convention");
  const navigate = useNavigate();
  const [content, setContent] = useState("");
  const [fileName, setFileName] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  const readFile = async (e: ChangeEvent<HTMLInputElement>) => {
    const file = e.target.files?.[0];
    if (!file) return;
    setContent(await file.text());
    setFileName(file.name);
    setError(null);
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setBusy(true);
    try {
      const created = await api.post("/api/conventions/import", ImportConventionResponseSchema, { content });
      navigate(`/conventions/${created.id}`);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <p className="fr-mb-1w">
        <Link to="/conventions" className="fr-link fr-icon-arrow-left-s-line fr-link--icon-left">
          Registre des conventions
        </Link>
      </p>
      <h1>Importer une convention</h1>
      <p>
        Le fichier décrit la convention telle que signée, puis ses avenants. Il est vérifié en entier : s’il comporte une erreur, rien n’est
        importé et chaque erreur est indiquée. Son format est décrit par le{" "}
        <a href="/api/conventions/schema.json" target="_blank" rel="noreferrer">
          schéma JSON des fichiers de convention (nouvelle fenêtre)
        </a>
        .
      </p>
      <p>
        Une convention importée est un <strong>brouillon</strong> : chaque partie la signe ensuite dans Tandem, depuis la page de la convention. Les
        dates de signature écrites dans le fichier sont gardées comme information ; elles ne valent pas signature et n’ouvrent aucune donnée.
      </p>
      {isFileRefusal(error) ? <FileIssues error={error} /> : <ErrorAlert error={error} />}
      <form onSubmit={submit}>
        <Upload
          label="Fichier de convention"
          hint="Format YAML ou JSON, 500 Ko au plus."
          nativeInputProps={{ accept: ".yaml,.yml,.json,application/yaml,application/json,text/yaml", onChange: (e) => void readFile(e) }}
        />
        {fileName && <p className="fr-text--sm fr-mt-1w">Fichier lu : {fileName}. Vous pouvez relire ou corriger son contenu ci-dessous.</p>}
        <Input
          className="fr-mt-3w"
          label="Contenu du fichier"
          hintText="Ou collez ici le contenu YAML ou JSON."
          textArea
          nativeTextAreaProps={{
            value: content,
            rows: 16,
            spellCheck: false,
            style: { fontFamily: "monospace" },
            onChange: (e) => setContent(e.target.value),
          }}
        />
        <Button type="submit" disabled={busy || content.trim() === ""}>
          Importer la convention
        </Button>
      </form>
    </>
  );
}

type FileIssue = { path: string; message: string };
const fileIssues = (error: ApiError): FileIssue[] => ((error.details as { issues?: FileIssue[] } | undefined)?.issues ?? []).filter((i) => typeof i.message === "string");
const isFileRefusal = (error: unknown): error is ApiError =>
  error instanceof ApiError && (error.code === "CONVENTION_FILE_INVALID" || error.code === "CONVENTION_FILE_OLD_DELAY_FORMAT");

/** A refused file: each problem with where it is in the file (« convention.period.endsOn »), so that its author finds the line to correct. */
function FileIssues({ error }: { error: ApiError }) {
  return (
    <Alert
      className="fr-mb-3w"
      severity="error"
      title={error.message}
      description={
        <ul>
          {fileIssues(error).map((i) => (
            <li key={`${i.path}-${i.message}`}>{i.path ? `${i.path} : ${i.message}` : i.message}</li>
          ))}
        </ul>
      }
      role="alert"
    />
  );
}
