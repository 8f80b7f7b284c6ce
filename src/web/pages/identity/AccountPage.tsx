import { ChangePasswordRequestSchema } from "../../../shared/contracts/identity";
import { OkSchema } from "../../../shared/contracts/common";
import { ROLE_LABELS } from "../../../shared/roles";
import { api } from "../../api";
import { CommandForm } from "../../components/CommandForm";
import { useSession } from "../../session";
import { usePageTitle } from "../../usePageTitle";
import { PasswordField } from "./PasswordField";

export function AccountPage() {
  usePageTitle("Mon compte");
  const { user } = useSession();
  if (!user) return null;

  return (
    <>
      <h1>Mon compte</h1>
      <dl className="fr-mb-4w">
        <dt className="fr-text--bold">Nom</dt>
        <dd>
          {user.firstName} {user.lastName}
        </dd>
        <dt className="fr-text--bold">Adresse électronique</dt>
        <dd>{user.email}</dd>
        <dt className="fr-text--bold">Organisation</dt>
        <dd>{user.organisation.name}</dd>
        <dt className="fr-text--bold">Rôles</dt>
        <dd>{user.roles.map((r) => ROLE_LABELS[r]).join(", ")}</dd>
      </dl>
      <div className="fr-col-12 fr-col-md-6">
        <CommandForm
          title="Changer mon mot de passe"
          titleAs="h2"
          submitLabel="Changer mon mot de passe"
          schema={ChangePasswordRequestSchema}
          body={(d) => ({ currentPassword: String(d.get("currentPassword") ?? ""), newPassword: String(d.get("newPassword") ?? "") })}
          onSubmit={(body) => api.post("/api/me/password", OkSchema, body)}
          success="Votre mot de passe a été modifié. Vos autres sessions ont été fermées."
          showRefusalMessage
        >
          <PasswordField label="Mot de passe actuel" name="currentPassword" autoComplete="current-password" />
          <PasswordField label="Nouveau mot de passe" name="newPassword" autoComplete="new-password" />
        </CommandForm>
      </div>
    </>
  );
}
