import { OkSchema } from "../../../../shared/contracts/common";
import { type ConventionDetail, RecordSignatureRequestSchema } from "../../../../shared/contracts/convention";
import { CommandForm, DateInput, FormInput, FormSelect, formText } from "../../../components/CommandForm";
import { parisToday } from "../format";
import { postCommand } from "./shared";

type Amendment = ConventionDetail["amendments"][number];

/**
 * A party signs for itself (« Signer au nom de … », « Signer l'avenant « … » au nom de … »); the
 * platform admin records a party's scanned signed copy. The server offers each form (abilities in
 * the detail) and decides again on submit. Signing is irreversible: it asks for confirmation first.
 */
export function SignatureForm({
  conventionId,
  amendment,
  parties,
  mode,
  onDone,
}: {
  conventionId: string;
  amendment?: Amendment;
  parties: { code: string; name: string }[];
  mode: "in_app" | "scanned_copy";
  onDone: (message: string) => void;
}) {
  const what = amendment ? `l’avenant « ${amendment.number} »` : null;
  const party = parties[0];
  const title =
    mode === "in_app"
      ? what
        ? `Signer ${what} au nom de ${party?.name}`
        : `Signer au nom de ${party?.name}`
      : what
        ? `Enregistrer une signature de ${what} sur copie signée (scan)`
        : "Enregistrer une signature sur copie signée (scan)";
  const url = amendment ? `/api/conventions/${conventionId}/amendments/${amendment.id}/signatures` : `/api/conventions/${conventionId}/signatures`;
  const engages = what ? `${what}, qui s’appliquera une fois signé par chaque partie` : "la convention, qui ouvrira ses données une fois signée par chaque partie";
  return (
    <CommandForm
      title={title}
      submitLabel={mode === "in_app" ? "Signer" : "Enregistrer la copie signée"}
      schema={RecordSignatureRequestSchema}
      success=""
      body={(d) => ({ organisation: mode === "in_app" ? (party?.code ?? "") : formText(d, "organisation"), name: formText(d, "name"), title: formText(d, "title"), signedOn: formText(d, "signedOn"), mode })}
      confirm={{
        title: mode === "in_app" ? "Confirmer la signature" : "Confirmer l’enregistrement de la copie signée",
        description:
          mode === "in_app"
            ? `Votre signature engage ${party?.name} : elle vaut accord de la partie sur ${engages}. Elle ne peut pas être retirée.`
            : `La copie signée vaut signature de la partie sur ${engages}. L’enregistrement est tracé comme tel et ne peut pas être retiré.`,
        confirmLabel: mode === "in_app" ? "Je signe" : "Enregistrer la copie signée",
      }}
      onSubmit={async (body) => {
        await postCommand(url, OkSchema, body);
        const partyName = parties.find((p) => p.code === body.organisation)?.name ?? body.organisation;
        if (mode === "scanned_copy") onDone(what ? `Copie signée de ${what} par ${partyName} enregistrée.` : `Copie signée de ${partyName} enregistrée.`);
        else onDone(what ? `Signature de ${what} par ${body.name} au nom de ${partyName} enregistrée.` : `Signature de ${body.name} au nom de ${partyName} enregistrée.`);
      }}
    >
      {mode === "scanned_copy" && (
        <p className="fr-text--sm">Réservé à l’administration de la plateforme, sur la copie signée transmise par la partie : l’enregistrement est tracé comme tel.</p>
      )}
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-2w">
        {mode === "scanned_copy" && (
          <div className="fr-col-12 fr-col-md-3">
            <FormSelect label="Partie" name="organisation" required defaultValue={party?.code} options={parties.map((p) => ({ value: p.code, label: p.name }))} />
          </div>
        )}
        <div className="fr-col-12 fr-col-md-3">
          <FormInput label="Signataire" name="name" required inputProps={{ maxLength: 200 }} />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <FormInput label="Qualité" name="title" required inputProps={{ maxLength: 200 }} />
        </div>
        <div className="fr-col-12 fr-col-md-3">
          <DateInput label="Date de signature" name="signedOn" defaultValue={parisToday()} />
        </div>
      </div>
    </CommandForm>
  );
}
