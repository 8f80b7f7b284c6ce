import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { PasswordInput } from "@codegouvfr/react-dsfr/blocks/PasswordInput";
import { type FormEvent, useState } from "react";
import { OkSchema } from "../../../shared/contracts/common";
import { ROLE_LABELS } from "../../../shared/roles";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { alertError, PASSWORD_HINT, passwordMessages } from "./passwordMessages";
import { useSession } from "../../session";
import { usePageTitle } from "../../usePageTitle";

export function AccountPage() {
  usePageTitle("Mon compte");
  const { user } = useSession();
  const [currentPassword, setCurrent] = useState("");
  const [newPassword, setNew] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState(false);
  if (!user) return null;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    setSaved(false);
    try {
      await api.post("/api/me/password", OkSchema, { currentPassword, newPassword });
      setSaved(true);
      setCurrent("");
      setNew("");
    } catch (err) {
      setError(err);
    }
  };

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
      <h2>Changer mon mot de passe</h2>
      <div className="fr-col-12 fr-col-md-6">
        {saved && <Alert className="fr-mb-3w" severity="success" small description="Votre mot de passe a été modifié. Vos autres sessions ont été fermées." />}
        <ErrorAlert error={alertError(error, "newPassword")} />
        <form onSubmit={submit}>
          <PasswordInput
            label="Mot de passe actuel"
            messagesHint=""
            nativeInputProps={{ autoComplete: "current-password", value: currentPassword, onChange: (e) => setCurrent(e.target.value) }}
          />
          <PasswordInput
            label="Nouveau mot de passe"
            messagesHint={PASSWORD_HINT}
            messages={passwordMessages(newPassword, error, "newPassword")}
            nativeInputProps={{ autoComplete: "new-password", value: newPassword, onChange: (e) => setNew(e.target.value) }}
          />
          <Button type="submit">Changer mon mot de passe</Button>
        </form>
      </div>
    </>
  );
}
