import { Button } from "@codegouvfr/react-dsfr/Button";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { frenchDate } from "../../../domain/shared/calendarDate";
import { type DirectoryService, DirectoryServiceSchema, DirectoryStructuresSchema, MoveServiceSchema } from "../../../shared/contracts/directory";
import { DI_MODES_MOBILISATION, labelOf } from "../../../shared/directoryReferentials";
import { api } from "../../api";
import { useBreadcrumbLabel } from "../../breadcrumb";
import { CommandForm, FormSelect, formText } from "../../components/CommandForm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { EditServiceForm } from "./PublishServiceForm";
import { addressOf, emailOf, hoursOf, list, phoneOf, text } from "./directoryFormat";

/**
 * The sheet a professional hands to the person (ADR 0035): the resource's name, where, when, whom
 * to contact and how to mobilise it, printable on one page (the browser's print removes the
 * header, the menu and the buttons: DSFR's fr-no-print).
 */
export function ResourceSheetPage() {
  const { id } = useParams();
  const { data: r, error, reload } = useApi(() => api.get(`/api/directory/services/${id}`, DirectoryServiceSchema), [id]);
  usePageTitle(r ? `Fiche — ${String(r.service.nom)}` : "Fiche ressource");
  useBreadcrumbLabel(r ? String(r.service.nom) : undefined);
  const [editing, setEditing] = useState(false);
  if (!r) return error ? <ErrorAlert error={error} /> : <LoadingState />;
  if (editing) {
    return (
      <>
        <h1>{String(r.service.nom)}</h1>
        <EditServiceForm
          resource={r}
          onCancel={() => setEditing(false)}
          onSaved={() => {
            setEditing(false);
            reload();
          }}
        />
      </>
    );
  }
  const modes = list(r.service.modes_mobilisation);
  return (
    <article className="resource-sheet">
      <h1>{String(r.service.nom)}</h1>
      <p className="fr-text--lead">
        {r.own ? (
          <Link to={`/annuaire/structures/${r.structureId}`} className="fr-link">
            {String(r.structure.nom)}
          </Link>
        ) : (
          String(r.structure.nom)
        )}
      </p>
      <p>{String(r.service.description)}</p>
      <dl>
        <dt className="fr-text--bold">Adresse</dt>
        <dd>{addressOf(r) ?? "Non renseignée"}</dd>
        <dt className="fr-text--bold">Horaires d’accueil</dt>
        <dd>{hoursOf(r) ?? "Non renseignés"}</dd>
        <dt className="fr-text--bold">Contact</dt>
        <dd>
          {[text(r.service.contact_nom_prenom), phoneOf(r), emailOf(r)].filter(Boolean).join(" — ") || "Non renseigné"}
        </dd>
        {modes.length > 0 && (
          <>
            <dt className="fr-text--bold">Comment en bénéficier</dt>
            <dd>
              {modes.map((m) => labelOf(DI_MODES_MOBILISATION, m)).join(", ")}
              {text(r.service.mobilisation_precisions) && ` — ${text(r.service.mobilisation_precisions)}`}
            </dd>
          </>
        )}
        {text(r.service.conditions_acces) && (
          <>
            <dt className="fr-text--bold">Conditions d’accès</dt>
            <dd>{text(r.service.conditions_acces)}</dd>
          </>
        )}
        {text(r.service.frais) && (
          <>
            <dt className="fr-text--bold">Frais</dt>
            <dd>
              {r.service.frais === "gratuit" ? "Gratuit" : "Payant"}
              {text(r.service.frais_precisions) && ` — ${text(r.service.frais_precisions)}`}
            </dd>
          </>
        )}
      </dl>
      <p className="fr-text--sm">
        Publié par {r.organisation.name} — informations mises à jour le {frenchDate(r.dateMaj)}.
      </p>
      <ul className="fr-btns-group fr-btns-group--inline-md fr-no-print">
        <li>
          <Button iconId="fr-icon-printer-line" onClick={() => window.print()}>
            Imprimer la fiche
          </Button>
        </li>
        {r.editable && (
          <li>
            <Button priority="secondary" iconId="fr-icon-edit-line" onClick={() => setEditing(true)}>
              Modifier
            </Button>
          </li>
        )}
      </ul>
      {r.editable && <MoveServiceForm resource={r} onMoved={reload} />}
    </article>
  );
}

/** « Rattacher à une autre structure » of the same organisation (the server checks it is one of its own). */
function MoveServiceForm(props: { resource: DirectoryService; onMoved: () => void }) {
  const { data } = useApi(() => api.get("/api/directory/structures", DirectoryStructuresSchema), []);
  const others = (data?.items ?? []).filter((s) => s.id !== props.resource.structureId);
  if (others.length === 0) return null;
  return (
    <CommandForm
      title="Rattacher à une autre structure"
      titleAs="h2"
      titleClassName="fr-h4"
      submitLabel="Rattacher le service"
      body={(d) => ({ structureId: formText(d, "structureId") })}
      schema={MoveServiceSchema}
      success="Service rattaché à sa nouvelle structure."
      onSubmit={async (body) => {
        await api.put(`/api/directory/services/${props.resource.id}/structure`, DirectoryServiceSchema, body);
        props.onMoved();
      }}
      className="fr-mt-4w fr-no-print"
    >
      <FormSelect label="Nouvelle structure" name="structureId" required options={others.map((s) => ({ value: s.id, label: s.nom }))} placeholder="Choisir une structure" />
    </CommandForm>
  );
}
