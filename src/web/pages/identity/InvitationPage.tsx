import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { OkSchema } from "../../../shared/contracts/common";
import { AcceptInvitationRequestSchema, SessionResponseSchema } from "../../../shared/contracts/identity";
import { api } from "../../api";
import { CommandForm } from "../../components/CommandForm";
import { usePageTitle } from "../../usePageTitle";
import { PasswordField } from "./PasswordField";

export function InvitationPage() {
  usePageTitle("Activer mon compte");
  const { token = "" } = useParams();
  const [done, setDone] = useState(false);

  return (
    <div className="fr-grid-row fr-grid-row--center">
      <div className="fr-col-12 fr-col-md-8 fr-col-lg-6">
        <h1>Activer mon compte</h1>
        {done ? (
          <Alert severity="success" title="Votre mot de passe est enregistré." description={<Link to="/connexion">Se connecter</Link>} />
        ) : (
          <CommandForm
            title="Choisir mon mot de passe"
            titleAs="h2"
            submitLabel="Enregistrer mon mot de passe"
            schema={AcceptInvitationRequestSchema}
            body={(d) => ({ token, password: String(d.get("password") ?? "") })}
            onSubmit={async (body) => {
              await api.get("/api/session", SessionResponseSchema);
              await api.post("/api/invitations/accept", OkSchema, body);
              setDone(true);
            }}
            showRefusalMessage
          >
            <PasswordField label="Choisissez votre mot de passe" name="password" autoComplete="new-password" />
          </CommandForm>
        )}
      </div>
    </div>
  );
}
