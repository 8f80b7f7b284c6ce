import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Link, useNavigate } from "react-router";
import { BREACH_KIND_LABELS, BREACH_KINDS, BreachRegisterSchema, BreachSchema, DeclareBreachSchema, RegisterOptionsSchema } from "../../../shared/contracts/privacyRegisters";
import { api } from "../../api";
import { CommandForm, DateInput, FormInput, FormSelect, formText } from "../../components/CommandForm";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { useSession } from "../../session";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { LateBadge, parisDateTime, parisToday } from "./registerFormat";

/** The register of breaches and complaints: late ones in a banner, each with its deadline from the convention; the DPO declares one here. */
export function BreachesPage() {
  usePageTitle("Violations de données et plaintes");
  const { data, error } = useApi(() => api.get("/api/privacy/breaches", BreachRegisterSchema), []);
  const session = useSession();
  const isDpo = session.user?.roles.includes("dpo") ?? false;
  return (
    <>
      <h1>Violations de données et plaintes</h1>
      <p>
        Chaque violation découverte, ou plainte reçue d’une personne, est signalée à l’autre partie de la convention (son délégué à la protection des données et son
        contact sécurité) dans le délai que fixe la convention.
      </p>
      {data && data.lateCount > 0 && (
        <Alert
          severity="error"
          className="fr-mb-3w"
          title={`${data.lateCount} violation${data.lateCount > 1 ? "s" : ""} non signalée${data.lateCount > 1 ? "s" : ""} dans le délai`}
          description="L’autre partie n’a pas été informée avant l’échéance de la convention : informez-la sans attendre."
        />
      )}
      <ErrorAlert error={error} />
      {!data && !error && <LoadingState />}
      {data && data.items.length === 0 && <EmptyState title="Aucune violation déclarée" description="Les violations et plaintes déclarées apparaîtront ici." />}
      {data && data.items.length > 0 && (
        <ResponsiveTable
          caption={`${data.items.length} violation${data.items.length > 1 ? "s" : ""} ou plainte${data.items.length > 1 ? "s" : ""}`}
          headers={["Découverte le", "Nature", "Organisation", "Convention", "Informer au plus tard le", "Autre partie informée"]}
          rows={data.items.map((b) => ({
            key: b.id,
            cells: [
              <Link key="l" to={`/protection-des-donnees/violations/${b.id}`}>
                {parisDateTime(b.discoveredAt)}
              </Link>,
              b.kindLabel,
              b.organisation,
              b.convention.number,
              <span key="d">
                {parisDateTime(b.deadlineAt)} <LateBadge late={b.late} />
              </span>,
              b.notifiedAt ? `Oui, le ${parisDateTime(b.notifiedAt)}` : "Non",
            ],
          }))}
        />
      )}
      {isDpo && <DeclareBreachForm />}
    </>
  );
}

function DeclareBreachForm() {
  const navigate = useNavigate();
  const { data: options } = useApi(() => api.get("/api/privacy/register-options", RegisterOptionsSchema), []);
  return (
    <CommandForm
      title="Déclarer une violation ou une plainte"
      titleAs="h2"
      className="fr-mt-6w fr-col-12 fr-col-md-8"
      submitLabel="Déclarer"
      schema={DeclareBreachSchema}
      body={(d) => ({
        kind: formText(d, "kind"),
        conventionId: formText(d, "conventionId"),
        discoveredOn: formText(d, "discoveredOn"),
        discoveredAt: formText(d, "discoveredAt"),
        description: formText(d, "description"),
        dataConcerned: formText(d, "dataConcerned"),
        peopleConcerned: formText(d, "peopleConcerned"),
      })}
      onSubmit={async (body) => navigate(`/protection-des-donnees/violations/${(await api.post("/api/privacy/breaches", BreachSchema, body)).id}`)}
      success="Déclaration enregistrée."
    >
      <FormSelect label="Nature" name="kind" required defaultValue="breach" options={BREACH_KINDS.map((k) => ({ value: k, label: BREACH_KIND_LABELS[k] }))} />
      <FormSelect
        label="Convention"
        name="conventionId"
        required
        placeholder="Choisir"
        hint="Son délai d’information de l’autre partie fixe l’échéance."
        options={(options?.conventions ?? []).map((c) => ({ value: c.id, label: `${c.number} — délai : ${c.breachNotice?.label ?? "aucun fixé"}` }))}
      />
      <div className="fr-grid-row fr-grid-row--gutters fr-mb-3w">
        <div className="fr-col-12 fr-col-md-6">
          <DateInput label="Découverte le" name="discoveredOn" defaultValue={parisToday()} />
        </div>
        <div className="fr-col-12 fr-col-md-6">
          <FormInput label="À (heure de Paris)" name="discoveredAt" type="time" required />
        </div>
      </div>
      <FormInput label="Description" name="description" textArea required inputProps={{ maxLength: 4000 }} />
      <FormInput label="Données concernées" name="dataConcerned" textArea required inputProps={{ maxLength: 2000 }} />
      <FormInput label="Personnes concernées" name="peopleConcerned" textArea required hint="Qui, combien" inputProps={{ maxLength: 2000 }} />
    </CommandForm>
  );
}
