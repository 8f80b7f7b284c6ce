import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { PasswordInput } from "@codegouvfr/react-dsfr/blocks/PasswordInput";
import { type FormEvent, useState } from "react";
import { Link, useParams } from "react-router";
import { OkSchema } from "../../../shared/contracts/common";
import { SessionResponseSchema } from "../../../shared/contracts/identity";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { alertError, PASSWORD_HINT, passwordMessages } from "./passwordMessages";
import { usePageTitle } from "../../usePageTitle";

export function InvitationPage() {
  usePageTitle("Activer mon compte");
  const { token = "" } = useParams();
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await api.get("/api/session", SessionResponseSchema);
      await api.post("/api/invitations/accept", OkSchema, { token, password });
      setDone(true);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Activer mon compte</h1>
        {done ? (
          <Alert severity="success" title="Votre mot de passe est enregistré." description={<Link to="/connexion">Se connecter</Link>} />
        ) : (
          <form onSubmit={submit}>
            <ErrorAlert error={alertError(error, "password")} />
            <PasswordInput
              label="Choisissez votre mot de passe"
              messagesHint={PASSWORD_HINT}
            messages={passwordMessages(password, error, "password")}
              nativeInputProps={{ autoComplete: "new-password", value: password, onChange: (e) => setPassword(e.target.value) }}
            />
            <Button type="submit">Enregistrer mon mot de passe</Button>
          </form>
        )}
      </div>
    </div>
  );
}
