import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { PasswordInput } from "@codegouvfr/react-dsfr/blocks/PasswordInput";
import { type FormEvent, useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { SessionResponseSchema } from "../../../shared/contracts/identity";
import { api } from "../../api";
import { ErrorAlert } from "../../components/ErrorAlert";
import { useSession } from "../../session";
import { usePageTitle } from "../../usePageTitle";

export function LoginPage() {
  usePageTitle("Connexion");
  const { user, setUser, expired } = useSession();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get("suite")?.startsWith("/") ? params.get("suite")! : "/";

  if (user) return <Navigate to={next} replace />;

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // Make sure this browser holds a CSRF token before the first POST.
      await api.get("/api/session", SessionResponseSchema);
      const session = await api.post("/api/auth/login", SessionResponseSchema, { email, password });
      setUser(session.user);
      navigate(next, { replace: true });
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Connexion à Tandem</h1>
        {expired && <Alert className="fr-mb-3w" severity="info" small description="Votre session a expiré. Veuillez vous reconnecter." />}
        <ErrorAlert error={error} />
        <form onSubmit={submit} noValidate>
          <fieldset className="fr-fieldset">
            <legend className="fr-fieldset__legend">Se connecter avec son adresse électronique</legend>
            <div className="fr-fieldset__element">
              <Input
                label="Adresse électronique"
                hintText="Format attendu : nom@domaine.fr"
                nativeInputProps={{ type: "email", name: "email", autoComplete: "username", required: true, value: email, onChange: (e) => setEmail(e.target.value) }}
              />
            </div>
            <div className="fr-fieldset__element">
              <PasswordInput
                label="Mot de passe"
                messagesHint=""
                nativeInputProps={{ name: "password", autoComplete: "current-password", required: true, value: password, onChange: (e) => setPassword(e.target.value) }}
              />
            </div>
            <div className="fr-fieldset__element">
              <Button type="submit" disabled={busy}>
                Se connecter
              </Button>
            </div>
          </fieldset>
        </form>
      </div>
    </div>
  );
}
