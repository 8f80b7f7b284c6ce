import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { useParams } from "react-router";
import { InviteUserRequestSchema, type OrganisationUser, OrganisationUserSchema, OrganisationUsersResponseSchema, UpdateUserRequestSchema } from "../../../shared/contracts/identity";
import { SupportReferentsRequestSchema } from "../../../shared/contracts/support";
import { ROLE_LABELS, type Role } from "../../../shared/roles";
import { api } from "../../api";
import { CommandForm, FormInput, formText, useFieldError } from "../../components/CommandForm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { EmptyState } from "../../components/EmptyState";
import { useSession } from "../../session";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";

export function OrganisationUsersPage() {
  const { id = "" } = useParams();
  const { user: me } = useSession();
  const { data, error, reload } = useApi(() => api.get(`/api/organisations/${id}/users`, OrganisationUsersResponseSchema), [id]);
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [deactivating, setDeactivating] = useState<OrganisationUser | null>(null);
  usePageTitle(data ? `Utilisateurs — ${data.organisation.name}` : "Utilisateurs");

  const update = async (u: OrganisationUser, change: { roles?: Role[]; active?: boolean }, message: string) => {
    setActionError(null);
    try {
      await api.patch(`/api/users/${u.id}`, OrganisationUserSchema, change);
      setNotice(message);
      reload();
    } catch (err) {
      setActionError(err);
    }
  };

  if (error) return <ErrorAlert error={error} />;
  if (!data) return <LoadingState />;
  // What may be given here comes from the server's policy (roles this organisation's kind may hold).
  const grantable = data.grantableRoles;
  const nameOf = (u: OrganisationUser) => `${u.firstName} ${u.lastName}`;

  return (
    <>
      <h1>Utilisateurs — {data.organisation.name}</h1>
      <div aria-live="polite">{notice && <Alert className="fr-mb-3w" severity="success" small description={notice} closable onClose={() => setNotice(null)} />}</div>
      <ErrorAlert error={actionError} />
      {data.users.length === 0 && <EmptyState title="Aucun compte dans cette organisation" description="Invitez un premier collègue avec le formulaire ci-dessous." />}
      <Table
        caption={`${data.users.length} comptes`}
        headers={["Nom", "Adresse électronique", "Rôles", "État", "Actions"]}
        data={data.users.map((u) => [
          nameOf(u),
          u.email,
          u.abilities.editRoles ? (
            <RolesEditor key={`roles-${u.id}-${u.roles.join()}`} user={u} grantable={grantable} onSaved={() => { setNotice(`Rôles de ${nameOf(u)} modifiés.`); reload(); }} />
          ) : (
            <RolesText key={`roles-${u.id}`} user={u} grantable={grantable} own={u.id === me?.id} />
          ),
          u.active ? (
            u.invitationPending ? (
              <Badge key="pending" severity="info" small>Invitation envoyée</Badge>
            ) : (
              <Badge key="active" severity="success" small>Actif</Badge>
            )
          ) : (
            <Badge key="inactive" severity="error" small>Désactivé</Badge>
          ),
          !u.abilities.deactivate ? (
            u.id === me?.id ? "Mon compte" : ""
          ) : u.active ? (
            <Button key={`off-${u.id}`} size="small" priority="secondary" onClick={() => setDeactivating(u)}>
              {`Désactiver ${nameOf(u)}`}
            </Button>
          ) : (
            <Button key={`on-${u.id}`} size="small" priority="secondary" onClick={() => update(u, { active: true }, `Compte de ${nameOf(u)} réactivé : la personne peut de nouveau se connecter.`)}>
              {`Réactiver ${nameOf(u)}`}
            </Button>
          ),
        ])}
      />
      {deactivating && (
        <DeactivationConfirm
          key={deactivating.id}
          user={deactivating}
          onCancel={() => setDeactivating(null)}
          onDone={() => {
            setNotice(`Compte de ${nameOf(deactivating)} désactivé.`);
            setDeactivating(null);
            reload();
          }}
        />
      )}
      <SupportReferents organisationId={id} users={data.users} />
      <InviteForm organisationId={id} grantable={grantable} onInvited={(email) => { setNotice(`Invitation envoyée à ${email}.`); reload(); }} />
    </>
  );
}

/** Deactivating an account says what the server does (sessions closed at once, login refused, reactivation possible) and asks before. */
function DeactivationConfirm({ user, onCancel, onDone }: { user: OrganisationUser; onCancel: () => void; onDone: () => void }) {
  const ref = useRef<HTMLElement>(null);
  useEffect(() => ref.current?.querySelector("h2")?.focus(), []);
  const name = `${user.firstName} ${user.lastName}`;
  return (
    <section ref={ref} className="fr-mt-4w fr-p-3w" style={{ border: "1px solid var(--border-default-grey)" }}>
      <CommandForm
        title={`Désactiver le compte de ${name} ?`}
        titleAs="h2"
        submitLabel={`Désactiver le compte de ${name}`}
        schema={UpdateUserRequestSchema}
        body={() => ({ active: false })}
        onSubmit={async (body) => {
          await api.patch(`/api/users/${user.id}`, OrganisationUserSchema, body);
          onDone();
        }}
        extraButtons={
          <li>
            <Button type="button" priority="secondary" onClick={onCancel}>
              Annuler
            </Button>
          </li>
        }
      >
        <ul>
          <li>{name} est déconnecté(e) aussitôt, sur tous ses postes.</li>
          <li>Ses connexions suivantes sont refusées ; ses rôles et son historique sont conservés.</li>
          <li>Vous pourrez réactiver ce compte depuis cette page (bouton « Réactiver »).</li>
        </ul>
      </CommandForm>
    </section>
  );
}

const ReferentsSchema = z.object({ userIds: z.array(z.string()) });

/** The organisation's global-support referents: told of RSA beneficiaries' no-shows [002 art. 2 e)]. */
function SupportReferents({ organisationId, users }: { organisationId: string; users: OrganisationUser[] }) {
  const { data, reload } = useApi(() => api.get(`/api/organisations/${organisationId}/support-referents`, ReferentsSchema), [organisationId]);
  if (!data) return null;
  return (
    <section className="fr-mt-6w">
      <h2>Référents accompagnement global</h2>
      <p>Ils sont prévenus aussitôt qu’un bénéficiaire du RSA de votre territoire manque un premier rendez-vous.</p>
      <CommandForm
        key={data.userIds.join()}
        title="Référents de l’organisation"
        submitLabel="Enregistrer les référents"
        schema={SupportReferentsRequestSchema}
        body={(d) => ({ userIds: d.getAll("userIds").map(String) })}
        onSubmit={async (body) => {
          await api.put(`/api/organisations/${organisationId}/support-referents`, ReferentsSchema, body);
          reload();
        }}
        success="Référents enregistrés."
      >
        <CheckboxGroup
          legend="Référents"
          field="userIds"
          options={users.filter((u) => u.active).map((u) => ({ value: u.id, label: `${u.firstName} ${u.lastName}`, checked: data.userIds.includes(u.id) }))}
        />
      </CommandForm>
    </section>
  );
}

/** Boxes sharing one name; the problem about the group shows under it. */
function CheckboxGroup({ legend, field, options, small }: { legend: string; field: string; options: { value: string; label: string; checked?: boolean }[]; small?: boolean }) {
  const message = useFieldError(field, field);
  return (
    <Checkbox
      small={small}
      legend={legend}
      state={message ? "error" : "default"}
      stateRelatedMessage={message}
      options={options.map((o) => ({ label: o.label, nativeInputProps: { name: field, value: o.value, defaultChecked: o.checked } }))}
    />
  );
}

/** A role held that this organisation's kind may not hold gives no right: say so rather than hide it. */
const roleLabel = (r: Role, grantable: readonly Role[]) => (grantable.length === 0 || grantable.includes(r) || r === "platform_admin" ? ROLE_LABELS[r] : `${ROLE_LABELS[r]} (sans effet ici)`);

function RolesText({ user, grantable, own }: { user: OrganisationUser; grantable: readonly Role[]; own: boolean }) {
  return (
    <>
      {user.roles.map((r) => roleLabel(r, grantable)).join(", ")}
      {own && <p className="fr-hint-text fr-mb-0">Vos rôles sont modifiés par un autre administrateur.</p>}
    </>
  );
}

function RolesEditor({ user, grantable, onSaved }: { user: OrganisationUser; grantable: readonly Role[]; onSaved: () => void }) {
  // A role the organisation may not hold is not offered: saving drops it.
  return (
    <details>
      <summary>{user.roles.map((r) => roleLabel(r, grantable)).join(", ")}</summary>
      <CommandForm
        title={`Rôles de ${user.firstName} ${user.lastName}`}
        titleAs="h4"
        submitLabel="Enregistrer les rôles"
        className="fr-mt-1w"
        schema={UpdateUserRequestSchema}
        body={(d) => ({ roles: d.getAll("roles").map(String) as Role[] })}
        onSubmit={async (body) => {
          await api.patch(`/api/users/${user.id}`, OrganisationUserSchema, body);
          onSaved();
        }}
      >
        <CheckboxGroup small legend="Rôles" field="roles" options={grantable.map((r) => ({ value: r, label: ROLE_LABELS[r], checked: user.roles.includes(r) }))} />
      </CommandForm>
    </details>
  );
}

function InviteForm({ organisationId, grantable, onInvited }: { organisationId: string; grantable: readonly Role[]; onInvited: (email: string) => void }) {
  return (
    <section className="fr-mt-6w">
      <CommandForm
        title="Inviter un utilisateur"
        titleAs="h2"
        submitLabel="Envoyer l’invitation"
        className="fr-col-12 fr-col-md-8"
        schema={InviteUserRequestSchema}
        body={(d) => ({ firstName: formText(d, "firstName"), lastName: formText(d, "lastName"), email: formText(d, "email"), roles: d.getAll("roles").map(String) })}
        onSubmit={async (body) => {
          await api.post(`/api/organisations/${organisationId}/users`, OrganisationUserSchema, body);
          onInvited(body.email);
        }}
        success="La personne reçoit par courriel un lien pour choisir son mot de passe."
      >
        <FormInput label="Prénom" name="firstName" required inputProps={{ autoComplete: "off" }} />
        <FormInput label="Nom" name="lastName" required inputProps={{ autoComplete: "off" }} />
        <FormInput label="Adresse électronique" name="email" type="email" required inputProps={{ autoComplete: "off" }} />
        <CheckboxGroup legend="Rôles" field="roles" options={grantable.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
      </CommandForm>
    </section>
  );
}
