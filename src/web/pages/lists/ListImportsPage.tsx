import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Pagination } from "@codegouvfr/react-dsfr/Pagination";
import { Upload } from "@codegouvfr/react-dsfr/Upload";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { ListImportOptionsSchema, ListImportPageSchema } from "../../../shared/contracts/lists";
import { api, queryString } from "../../api";
import { CommandForm, FormProblem, FormSelect, formText, useFieldError } from "../../components/CommandForm";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { frenchDay, parisDateTime, statusOf, uploadListFile } from "./listFormat";

const PAGE_SIZE = 20;

/** The lists France Travail sends to the organisation: drop a file (checked before anything is imported), and the files received. */
export function ListImportsPage() {
  usePageTitle("Listes reçues de France Travail");
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const options = useApi(() => api.get("/api/list-imports/options", ListImportOptionsSchema), []);
  const received = useApi(() => api.get(`/api/list-imports${queryString({ page, pageSize: PAGE_SIZE })}`, ListImportPageSchema), [page]);
  const choices = (options.data?.conventions ?? []).flatMap((c) =>
    c.sources.map((s) => ({ value: `${c.conventionId}|${s.source}`, label: `${s.label} — ${c.number} (${s.articles})`, suspendedOn: c.suspendedOn })),
  );
  const pageCount = received.data ? Math.max(1, Math.ceil(received.data.total / PAGE_SIZE)) : 1;

  return (
    <>
      <h1>Listes reçues de France Travail</h1>
      <p>
        Déposez la liste telle que vous l’avez reçue (CSV séparé par « ; », en UTF-8 ou Windows-1252, ou classeur XLSX). Elle est d’abord vérifiée
        ligne par ligne, sans rien importer : vous voyez chaque problème et chaque doublon, puis vous confirmez. Au moindre problème, rien n’est
        importé. Chaque liste reçue est supprimée à la date prévue par la convention.
      </p>
      <ErrorAlert error={options.error} />
      {options.data && choices.length === 0 && (
        <EmptyState title="Aucune liste à recevoir" description="Votre organisation n’est partie à aucune convention en vigueur qui prévoit la transmission d’une liste." />
      )}
      {choices.length > 0 && (
        <CommandForm<{ file: File; conventionId: string; source: string }>
          title="Déposer une liste"
          titleAs="h2"
          titleClassName="fr-h4"
          submitLabel="Vérifier le fichier"
          body={(d) => {
            const [conventionId, source] = formText(d, "list").split("|");
            const file = d.get("file");
            const issues = [];
            if (!conventionId) issues.push({ field: "list", message: "Choisissez la liste reçue." });
            if (!(file instanceof File) || file.size === 0) issues.push({ field: "file", message: "Choisissez le fichier reçu." });
            if (issues.length > 0) throw new FormProblem(issues);
            return { file: file as File, conventionId, source };
          }}
          onSubmit={async ({ file, conventionId, source }) => navigate(`/listes/${await uploadListFile(file, { conventionId, source })}`)}
        >
          <FormSelect label="Liste reçue" name="list" placeholder="Choisir" options={choices} defaultValue={choices.length === 1 ? choices[0].value : undefined} />
          <FileField />
        </CommandForm>
      )}

      <h2 className="fr-h4 fr-mt-4w">Fichiers reçus</h2>
      <ErrorAlert error={received.error} />
      {!received.data && !received.error && <LoadingState />}
      {received.data && received.data.items.length === 0 && <EmptyState title="Aucun fichier reçu" description="Les listes déposées apparaîtront ici, avec leur date de suppression." />}
      {received.data && received.data.items.length > 0 && (
        <ResponsiveTable
          caption="Du plus récent au plus ancien"
          headers={["Fichier", "Liste", "Reçu le", "État", "Lignes", "Suppression prévue le"]}
          rows={received.data.items.map((i) => ({
            key: i.id,
            cells: [
              <Link key="f" to={`/listes/${i.id}`}>
                {i.fileName}
              </Link>,
              `${i.sourceLabel} (${i.conventionNumber})`,
              `${parisDateTime(i.receivedAt)} par ${i.receivedBy}`,
              <Badge key="s" small severity={statusOf(i)[1]}>
                {statusOf(i)[0]}
              </Badge>,
              i.rowsTotal ? `${i.rowsDone.toLocaleString("fr-FR")} / ${i.rowsTotal.toLocaleString("fr-FR")}` : i.rowsDone.toLocaleString("fr-FR"),
              i.status === "cancelled" ? "Supprimé à l’abandon" : frenchDay(i.purgeOn),
            ],
          }))}
        />
      )}
      {pageCount > 1 && (
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
      )}
    </>
  );
}

function FileField() {
  const message = useFieldError("file", "file");
  return (
    <Upload
      className="fr-mb-3w"
      label="Fichier reçu"
      hint="CSV (séparateur « ; ») ou XLSX, 200 Mo au plus."
      state={message ? "error" : "default"}
      stateRelatedMessage={message}
      nativeInputProps={{ name: "file", accept: ".csv,.txt,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }}
    />
  );
}
