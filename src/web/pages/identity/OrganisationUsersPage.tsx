import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { Table } from "@codegouvfr/react-dsfr/Table";
import { type FormEvent, useState } from "react";
import { z } from "zod";
import { useParams } from "react-router";
import { type OrganisationUser, OrganisationUserSchema, OrganisationUsersResponseSchema } from "../../../shared/contracts/identity";
import { ROLE_LABELS, type Role } from "../../../shared/roles";
import { api } from "../../api";
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

  return (
    <>
      <h1>Utilisateurs — {data.organisation.name}</h1>
      {notice && <Alert className="fr-mb-3w" severity="success" small description={notice} closable onClose={() => setNotice(null)} />}
      <ErrorAlert error={actionError} />
      {data.users.length === 0 && <EmptyState title="Aucun compte dans cette organisation" description="Invitez un premier collègue avec le formulaire ci-dessous." />}
      <Table
        caption={`${data.users.length} comptes`}
        headers={["Nom", "Adresse électronique", "Rôles", "État", "Actions"]}
        data={data.users.map((u) => [
          `${u.firstName} ${u.lastName}`,
          u.email,
          u.abilities.editRoles ? (
            <RolesEditor key={`roles-${u.id}-${u.roles.join()}`} user={u} grantable={grantable} onSave={(roles) => update(u, { roles }, `Rôles de ${u.firstName} ${u.lastName} modifiés.`)} />
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
          ) : (
            <Button
              key={`toggle-${u.id}`}
              size="small"
              priority="secondary"
              onClick={() => update(u, { active: !u.active }, `Compte de ${u.firstName} ${u.lastName} ${u.active ? "désactivé" : "réactivé"}.`)}
            >
              {u.active ? `Désactiver ${u.firstName} ${u.lastName}` : `Réactiver ${u.firstName} ${u.lastName}`}
            </Button>
          ),
        ])}
      />
      <SupportReferents organisationId={id} users={data.users} />
      <InviteForm organisationId={id} grantable={grantable} onInvited={(email) => { setNotice(`Invitation envoyée à ${email}.`); reload(); }} />
    </>
  );
}

const ReferentsSchema = z.object({ userIds: z.array(z.string()) });

/** The organisation's global-support referents: told of RSA beneficiaries' no-shows [002 art. 2 e)]. */
function SupportReferents({ organisationId, users }: { organisationId: string; users: OrganisationUser[] }) {
  const { data, reload } = useApi(() => api.get(`/api/organisations/${organisationId}/support-referents`, ReferentsSchema), [organisationId]);
  const [chosen, setChosen] = useState<string[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  const current = chosen ?? data?.userIds ?? [];
  const save = async () => {
    setError(null);
    setSaved(false);
    try {
      await api.put(`/api/organisations/${organisationId}/support-referents`, ReferentsSchema, { userIds: current });
      setChosen(null);
      setSaved(true);
      reload();
    } catch (err) {
      setError(err);
    }
  };
  return (
    <section className="fr-mt-6w">
      <h2>Référents accompagnement global</h2>
      <p>Ils sont prévenus aussitôt qu'un bénéficiaire du RSA de votre territoire manque un premier rendez-vous.</p>
      <ErrorAlert error={error} />
      {saved && <Alert className="fr-mb-3w" severity="success" small description="Référents enregistrés." />}
      <Checkbox
        legend="Référents de l'organisation"
        options={users
          .filter((u) => u.active)
          .map((u) => ({
            label: `${u.firstName} ${u.lastName}`,
            nativeInputProps: {
              checked: current.includes(u.id),
              onChange: (e) => setChosen(e.target.checked ? [...current, u.id] : current.filter((x) => x !== u.id)),
            },
          }))}
      />
      <Button priority="secondary" onClick={save} disabled={chosen === null}>
        Enregistrer les référents
      </Button>
    </section>
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

function RolesEditor({ user, grantable, onSave }: { user: OrganisationUser; grantable: readonly Role[]; onSave: (roles: Role[]) => void }) {
  // A role the organisation may not hold is not offered: saving drops it.
  const [roles, setRoles] = useState<Role[]>(user.roles.filter((r) => grantable.includes(r)));
  const changed = roles.slice().sort().join() !== user.roles.slice().sort().join();
  return (
    <details>
      <summary>{user.roles.map((r) => roleLabel(r, grantable)).join(", ")}</summary>
      <Checkbox
        small
        legend={`Rôles de ${user.firstName} ${user.lastName}`}
        options={grantable.map((r) => ({
          label: ROLE_LABELS[r],
          nativeInputProps: {
            checked: roles.includes(r),
            onChange: (e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r)),
          },
        }))}
      />
      <Button size="small" disabled={!changed || roles.length === 0} onClick={() => onSave(roles)}>
        Enregistrer les rôles
      </Button>
    </details>
  );
}

function InviteForm({ organisationId, grantable, onInvited }: { organisationId: string; grantable: readonly Role[]; onInvited: (email: string) => void }) {
  const [email, setEmail] = useState("");
  const [firstName, setFirstName] = useState("");
  const [lastName, setLastName] = useState("");
  const [roles, setRoles] = useState<Role[]>([]);
  const [error, setError] = useState<unknown>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api.post(`/api/organisations/${organisationId}/users`, OrganisationUserSchema, { email, firstName, lastName, roles });
      onInvited(email);
      setEmail("");
      setFirstName("");
      setLastName("");
      setRoles([]);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <section className="fr-mt-6w">
      <h2>Inviter un utilisateur</h2>
      <ErrorAlert error={error} />
      <form onSubmit={submit} className="fr-col-12 fr-col-md-8">
        <Input label="Prénom" nativeInputProps={{ value: firstName, onChange: (e) => setFirstName(e.target.value), autoComplete: "off" }} />
        <Input label="Nom" nativeInputProps={{ value: lastName, onChange: (e) => setLastName(e.target.value), autoComplete: "off" }} />
        <Input label="Adresse électronique" nativeInputProps={{ type: "email", value: email, onChange: (e) => setEmail(e.target.value), autoComplete: "off" }} />
        <Checkbox
          legend="Rôles"
          options={grantable.map((r) => ({
            label: ROLE_LABELS[r],
            nativeInputProps: { checked: roles.includes(r), onChange: (e) => setRoles(e.target.checked ? [...roles, r] : roles.filter((x) => x !== r)) },
          }))}
        />
        <Button type="submit">Envoyer l'invitation</Button>
      </form>
    </section>
  );
}
