import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { LoginRequestSchema, SessionResponseSchema } from "../../../shared/contracts/identity";
import { api } from "../../api";
import { CommandForm, FormInput, formText } from "../../components/CommandForm";
import { useSession } from "../../session";
import { usePageTitle } from "../../usePageTitle";
import { PasswordField } from "./PasswordField";

export function LoginPage() {
  usePageTitle("Connexion");
  const { user, setUser, expired } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const next = params.get("suite")?.startsWith("/") ? params.get("suite")! : "/";

  if (user) return <Navigate to={next} replace />;

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Connexion à Tandem</h1>
        {expired && <Alert className="fr-mb-3w" severity="info" small description="Votre session a expiré. Veuillez vous reconnecter." />}
        <CommandForm
          title="Vos identifiants Tandem"
          titleAs="h2"
          submitLabel="Se connecter"
          schema={LoginRequestSchema}
          body={(d) => ({ email: formText(d, "email"), password: String(d.get("password") ?? "") })}
          onSubmit={async (body) => {
            // Make sure this browser holds a CSRF token before the first POST.
            await api.get("/api/session", SessionResponseSchema);
            const session = await api.post("/api/auth/login", SessionResponseSchema, body);
            setUser(session.user);
            navigate(next, { replace: true });
          }}
          success="Connexion réussie."
        >
          <FormInput label="Adresse électronique" name="email" type="email" hint="Format attendu : nom@domaine.fr" required inputProps={{ autoComplete: "username" }} />
          <PasswordField label="Mot de passe" name="password" autoComplete="current-password" />
        </CommandForm>
      </div>
    </div>
  );
}
