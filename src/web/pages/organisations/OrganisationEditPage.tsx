import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useState } from "react";
import { Link, useLocation, useNavigate, useParams } from "react-router";
import { InviteUserRequestSchema, OrganisationUserSchema } from "../../../shared/contracts/identity";
import { OrganisationDetailSchema } from "../../../shared/contracts/organisations";
import { ORGANISATION_KIND_LABELS } from "../../../shared/roles";
import { api } from "../../api";
import { useBreadcrumbLabel } from "../../breadcrumb";
import { CommandForm, FormInput, formText } from "../../components/CommandForm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { OrganisationForm } from "./OrganisationForm";
import { ORGANISATIONS_PATH } from "./OrganisationsAdminPage";

/** Creating an organisation: once created, its page opens (to invite its first administrator). */
export function OrganisationCreatePage() {
  usePageTitle("Nouvelle organisation");
  const navigate = useNavigate();
  return (
    <>
      <h1>Nouvelle organisation</h1>
      <p>Le territoire se choisit dans le référentiel officiel (découpage administratif) : aucun code n’est saisi à la main.</p>
      <OrganisationForm onSaved={(saved) => navigate(`${ORGANISATIONS_PATH}/${saved.id}`, { state: { created: true } })} />
    </>
  );
}

/** One organisation: its form, and the invitation of its first administrator. */
export function OrganisationEditPage() {
  const { id = "" } = useParams();
  const { data, error, reload } = useApi(() => api.get(`/api/organisations/${id}`, OrganisationDetailSchema), [id]);
  const [version, setVersion] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const created = (useLocation().state as { created?: boolean } | null)?.created;
  usePageTitle(data ? data.name : "Organisation");
  useBreadcrumbLabel(data?.name);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <LoadingState />;
  return (
    <>
      <h1>{data.name}</h1>
      <div aria-live="polite">
        {(notice || created) && (
          <Alert className="fr-mb-3w" severity="success" small description={notice ?? "Organisation créée. Invitez maintenant son premier administrateur."} />
        )}
      </div>
      <ul className="fr-mb-3w">
        <li>Type : {ORGANISATION_KIND_LABELS[data.kind]}</li>
        <li>
          Territoire : {data.territory.label}
          {data.territory.kind !== "communes" && data.territory.communeCount > 0 ? ` (${data.territory.communeCount} communes)` : ""}
        </li>
        <li>
          Comptes : {data.userCount} — <Link to={`/organisations/${data.id}/utilisateurs`}>Gérer les comptes de {data.name}</Link>
        </li>
      </ul>
      <section className="fr-mb-6w">
        <FirstAdminInvitation organisationId={data.id} organisationName={data.name} onInvited={(email) => { setNotice(`Invitation envoyée à ${email}.`); reload(); }} />
      </section>
      {data.kind === "platform" ? (
        <p>L’organisation qui exploite Tandem ne se modifie pas depuis cette page.</p>
      ) : (
        <OrganisationForm
          key={version}
          organisation={data}
          onSaved={() => {
            setNotice("Modifications enregistrées.");
            setVersion((v) => v + 1);
            reload();
          }}
        />
      )}
    </>
  );
}

/**
 * The platform admin invites the organisation's first administrator (the same invitation as the
 * users page: an account, a link by e-mail); from then on the organisation manages its own accounts.
 */
function FirstAdminInvitation(props: { organisationId: string; organisationName: string; onInvited: (email: string) => void }) {
  return (
    <CommandForm
      title="Inviter un administrateur de l’organisation"
      titleAs="h2"
      submitLabel="Envoyer l’invitation"
      className="fr-col-12 fr-col-md-8"
      schema={InviteUserRequestSchema}
      body={(d) => ({ firstName: formText(d, "firstName"), lastName: formText(d, "lastName"), email: formText(d, "email"), roles: ["org_admin"] })}
      onSubmit={async (body) => {
        await api.post(`/api/organisations/${props.organisationId}/users`, OrganisationUserSchema, body);
        props.onInvited(body.email);
      }}
      success="La personne reçoit par courriel un lien pour choisir son mot de passe ; elle gérera ensuite les comptes de son organisation."
    >
      <p className="fr-hint-text">Rôle donné : administrateur de l’organisation {props.organisationName}.</p>
      <FormInput label="Prénom" name="firstName" required inputProps={{ autoComplete: "off" }} />
      <FormInput label="Nom" name="lastName" required inputProps={{ autoComplete: "off" }} />
      <FormInput label="Adresse électronique" name="email" type="email" required inputProps={{ autoComplete: "off" }} />
    </CommandForm>
  );
}
