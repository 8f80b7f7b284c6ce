import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { Checkbox } from "@codegouvfr/react-dsfr/Checkbox";
import { Input } from "@codegouvfr/react-dsfr/Input";
import { useState } from "react";
import { Link, useParams } from "react-router";
import { z } from "zod";
import {
  CertificateRequestSchema,
  CertificateSchema,
  CertificateSignatureSchema,
  ContractExitSchema,
  PEC_EXIT_LABELS,
  PEC_EXIT_OUTCOMES,
  PEC_SIGNER_LABELS,
  PEC_SIGNERS,
  PEC_SUPPORT_ACTIONS,
  PEC_SUPPORT_LABELS,
  PEC_TRAINING_ACTIONS,
  PEC_TRAINING_LABELS,
  type PecContractDto,
  PecContractSchema,
  RenewalSchema,
  ThreeWayMeetingSchema,
  TutorSchema,
} from "../../../shared/contracts/pec";
import { api, queryString } from "../../api";
import { CommandForm, DateInput, FormInput, FormSelect, formText, optionalText } from "../../components/CommandForm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { frenchDate, parisToday } from "../conventions/format";
import { sendPec } from "./pecApi";

const YES_NO = [
  { value: "true", label: "Oui" },
  { value: "false", label: "Non" },
] as const;
const Ok = z.object({}).passthrough();

/** A PEC contract: its dates, tutor, three-way meeting, work-experience certificate, renewal and exit (ADR 0037). */
export function PecContractPage() {
  const { id = "" } = useParams();
  const { data: k, error, reload } = useApi(() => api.get(`/api/pec/contracts/${id}`, PecContractSchema), [id]);
  usePageTitle(k ? `Contrat PEC — ${k.employee}` : "Contrat PEC");
  if (error) return <ErrorAlert error={error} />;
  if (!k) return <LoadingState />;
  const active = k.status === "active";
  return (
    <>
      <h1>Contrat PEC — {k.employee}</h1>
      <p>
        <Badge small noIcon severity={active ? "info" : "success"}>
          {active ? "En cours" : "Terminé"}
        </Badge>{" "}
        {k.employer} — <Link to={`/pec/offres/${k.offerId}`}>{k.offerTitle}</Link> — convention <Link to={`/conventions/${k.conventionId}`}>{k.conventionNumber}</Link>
      </p>
      <ul>
        <li>
          Du {frenchDate(k.startsOn)} au {frenchDate(k.endsOn)}
          {k.renewals > 0 ? ` (renouvelé ${k.renewals} fois ; fin initiale le ${frenchDate(k.initialEndsOn)})` : ""}, {k.weeklyHours} heures par semaine
        </li>
        <li>Conseiller référent : {k.referentAdvisor}</li>
      </ul>
      {/* The follow-up booklet (ADR 0038) has its own page. */}
      <p>
        <Link to={`/pec/contrats/${k.id}/livret`} className="fr-link fr-icon-arrow-right-line fr-link--icon-right">
          Livret de suivi
        </Link>
      </p>
      <TutorSection k={k} reload={reload} />
      <MeetingSection k={k} reload={reload} />
      <CertificateSection k={k} reload={reload} />
      <ExitSection k={k} reload={reload} />
    </>
  );
}

function TutorSection({ k, reload }: { k: PecContractDto; reload: () => void }) {
  const t = k.tutor;
  return (
    <section className="fr-mt-4w">
      <h2>Tuteur</h2>
      {t ? (
        <p>
          {t.name} ({t.jobTitle}, {t.email}) — {t.yearsExperience} ans d’expérience, qualification : {t.qualification} ; tuteur de {t.activeContracts} contrat
          {t.activeContracts > 1 ? "s" : ""} PEC dans Tandem et de {t.otherSubsidisedEmployees} autre{t.otherSubsidisedEmployees > 1 ? "s" : ""} salarié
          {t.otherSubsidisedEmployees > 1 ? "s" : ""} en contrat aidé.
        </p>
      ) : (
        <p>Aucun tuteur nommé.</p>
      )}
      <p className="fr-hint-text">
        Le tuteur est salarié, volontaire, qualifié, a au moins {k.tutorTerms.minYearsExperience} ans d’expérience, n’est pas lui-même en contrat aidé et accompagne au plus{" "}
        {k.tutorTerms.maxSubsidisedEmployees} salariés en contrat aidé simultanément ({k.tutorTerms.source}).
      </p>
      {k.can.employer && k.status === "active" && (
        <CommandForm
          title={t ? "Changer de tuteur" : "Nommer le tuteur"}
          titleAs="h3"
          submitLabel="Nommer le tuteur"
          schema={TutorSchema}
          showRefusalMessage
          success="Tuteur nommé."
          body={(d) => ({
            name: formText(d, "name"),
            email: formText(d, "email"),
            jobTitle: formText(d, "jobTitle"),
            isEmployee: formText(d, "isEmployee") === "true",
            volunteer: formText(d, "volunteer") === "true",
            qualification: formText(d, "qualification"),
            yearsExperience: Number(formText(d, "yearsExperience")),
            onSubsidisedContract: formText(d, "onSubsidisedContract") === "true",
            otherSubsidisedEmployees: Number(formText(d, "otherSubsidisedEmployees") || "0"),
          })}
          onSubmit={async (body) => {
            await sendPec("put", `/api/pec/contracts/${k.id}/tutor`, Ok, body);
            reload();
          }}
        >
          <FormInput label="Nom et prénom" name="name" required />
          <FormInput label="Adresse électronique" name="email" type="email" required />
          <FormInput label="Fonction" name="jobTitle" required />
          <FormSelect label="Salarié de l’employeur" name="isEmployee" required options={YES_NO} defaultValue="true" />
          <FormSelect label="Volontaire" name="volunteer" required options={YES_NO} defaultValue="true" />
          <FormInput label="Qualification" name="qualification" hint="Diplôme, titre ou qualification professionnelle" />
          <FormInput label="Années d’expérience professionnelle" name="yearsExperience" type="number" required inputProps={{ min: 0, max: 60 }} />
          <FormSelect label="Lui-même en contrat aidé" name="onSubsidisedContract" required options={YES_NO} defaultValue="false" />
          <FormInput
            label="Autres salariés en contrat aidé qu’il accompagne hors de Tandem"
            name="otherSubsidisedEmployees"
            type="number"
            required
            defaultValue={0}
            hint="Ses contrats PEC suivis dans Tandem sont comptés automatiquement."
            inputProps={{ min: 0, max: 50 }}
          />
        </CommandForm>
      )}
    </section>
  );
}

function SkillPicker({ selected, onChange }: { selected: { code: string; label: string }[]; onChange: (s: { code: string; label: string }[]) => void }) {
  const [query, setQuery] = useState("");
  const [results, setResults] = useState<{ code: string; label: string }[]>([]);
  const [error, setError] = useState<unknown>(null);
  const search = async () => {
    setError(null);
    try {
      setResults(await api.get(`/api/rome/skills${queryString({ q: query, limit: 10 })}`, z.array(z.object({ code: z.string(), label: z.string(), kind: z.string() }))));
    } catch (e) {
      setError(e);
    }
  };
  const options = [...selected, ...results.filter((r) => !selected.some((s) => s.code === r.code))];
  return (
    <fieldset className="fr-fieldset">
      <legend className="fr-fieldset__legend">Compétences à développer (référentiel ROME)</legend>
      <div className="fr-fieldset__element">
        <Input label="Rechercher une compétence" nativeInputProps={{ value: query, onChange: (e) => setQuery(e.target.value), name: "skillQuery" }} />
        <Button type="button" priority="secondary" size="small" onClick={search} disabled={query.trim() === ""}>
          Rechercher
        </Button>
        <ErrorAlert error={error} />
      </div>
      {options.length > 0 && (
        <div className="fr-fieldset__element">
          <Checkbox
            legend="Résultats et compétences retenues"
            options={options.map((o) => ({
              label: `${o.label} (${o.code})`,
              nativeInputProps: {
                name: "skills",
                value: o.code,
                checked: selected.some((s) => s.code === o.code),
                onChange: (e: React.ChangeEvent<HTMLInputElement>) => onChange(e.target.checked ? [...selected, o] : selected.filter((s) => s.code !== o.code)),
              },
            }))}
          />
        </div>
      )}
    </fieldset>
  );
}

function MeetingSection({ k, reload }: { k: PecContractDto; reload: () => void }) {
  const m = k.meeting;
  const [skills, setSkills] = useState<{ code: string; label: string }[]>(m?.skills ?? []);
  const editable = k.can.advisor && k.status === "active" && (m?.signatures.length ?? 0) === 0 && k.tutor !== null;
  return (
    <section className="fr-mt-4w">
      <h2>Entretien tripartite</h2>
      {m ? (
        <>
          <p>Tenu le {frenchDate(m.heldOn)} (conseiller référent, salarié, tuteur).</p>
          <h3 className="fr-h6">Compétences à développer</h3>
          <ul>
            {m.skills.map((s) => (
              <li key={s.code}>
                {s.label} ({s.code})
              </li>
            ))}
          </ul>
          <h3 className="fr-h6">Actions prévues</h3>
          <ul>
            {m.trainingActions.map((a) => (
              <li key={a}>Formation : {PEC_TRAINING_LABELS[a as keyof typeof PEC_TRAINING_LABELS] ?? a}</li>
            ))}
            {m.supportActions.map((a) => (
              <li key={a}>Accompagnement : {PEC_SUPPORT_LABELS[a as keyof typeof PEC_SUPPORT_LABELS] ?? a}</li>
            ))}
            {m.trainingActions.length + m.supportActions.length === 0 && <li>Aucune action.</li>}
          </ul>
          <h3 className="fr-h6">Signatures</h3>
          <ul>
            {PEC_SIGNERS.map((signer) => {
              const s = m.signatures.find((x) => x.signer === signer);
              return (
                <li key={signer}>
                  {PEC_SIGNER_LABELS[signer]} :{" "}
                  {s ? `${s.name}, ${s.mode === "in_app" ? "signé dans Tandem" : `signé en entretien (enregistré par ${s.recordedBy})`} le ${frenchDate(s.signedAt)}` : "en attente"}
                  {!s && k.can.advisor && k.status === "active" && (
                    <>
                      {" "}
                      <Button
                        size="small"
                        priority="secondary"
                        onClick={async () => {
                          await sendPec("post", `/api/pec/contracts/${k.id}/meeting/signatures`, Ok, { signer });
                          reload();
                        }}
                      >
                        {signer === "advisor" ? "Signer" : "Enregistrer « signé en entretien »"}
                      </Button>
                    </>
                  )}
                </li>
              );
            })}
          </ul>
        </>
      ) : (
        <p>{k.tutor ? "Pas encore enregistré." : "À tenir une fois le tuteur nommé."}</p>
      )}
      {editable && (
        <CommandForm
          title={m ? "Modifier l’entretien tripartite" : "Enregistrer l’entretien tripartite"}
          titleAs="h3"
          submitLabel="Enregistrer l’entretien"
          schema={ThreeWayMeetingSchema}
          success="Entretien enregistré."
          body={(d) => ({
            heldOn: formText(d, "heldOn"),
            skills,
            trainingActions: d.getAll("trainingActions").map(String),
            supportActions: d.getAll("supportActions").map(String),
            notes: optionalText(d, "notes"),
          })}
          onSubmit={async (body) => {
            await sendPec("put", `/api/pec/contracts/${k.id}/meeting`, Ok, body);
            reload();
          }}
        >
          <DateInput label="Date de l’entretien" name="heldOn" defaultValue={m?.heldOn ?? parisToday()} />
          <SkillPicker selected={skills} onChange={setSkills} />
          <Checkbox
            legend="Actions de formation"
            options={PEC_TRAINING_ACTIONS.map((a) => ({ label: PEC_TRAINING_LABELS[a], nativeInputProps: { name: "trainingActions", value: a, defaultChecked: m?.trainingActions.includes(a) } }))}
          />
          <Checkbox
            legend="Actions d’accompagnement"
            options={PEC_SUPPORT_ACTIONS.map((a) => ({ label: PEC_SUPPORT_LABELS[a], nativeInputProps: { name: "supportActions", value: a, defaultChecked: m?.supportActions.includes(a) } }))}
          />
          <FormInput label="Notes (facultatif)" name="notes" textArea defaultValue={m?.notes ?? ""} />
        </CommandForm>
      )}
    </section>
  );
}

function CertificateSection({ k, reload }: { k: PecContractDto; reload: () => void }) {
  const c = k.certificate;
  return (
    <section className="fr-mt-4w">
      <h2>Attestation d’expérience professionnelle</h2>
      <p>
        {c.signedOn ? (
          <>Signée le {frenchDate(c.signedOn)} par {c.signerName}.</>
        ) : (
          <>
            À remettre au plus tard le <strong>{frenchDate(c.dueOn)}</strong>
            {c.requestedOn ? ` (demandée par le salarié le ${frenchDate(c.requestedOn)})` : ""}.
          </>
        )}{" "}
        <span className="fr-hint-text">{c.rule}</span>
      </p>
      {c.missions && (
        <ul>
          <li>Missions : {c.missions}</li>
          <li>Compétences acquises : {c.skillsAcquired}</li>
          {c.trainings && <li>Formations : {c.trainings}</li>}
        </ul>
      )}
      <p>
        <a href={`/api/pec/contracts/${k.id}/certificate.pdf`} download className="fr-link fr-icon-download-line fr-link--icon-left">
          Télécharger l’attestation (PDF)
        </a>
      </p>
      {(k.can.employer || k.can.advisor) && k.status === "active" && !c.signedOn && (
        <details className="fr-mb-2w">
          <summary>Enregistrer la demande du salarié</summary>
          <CommandForm
            className="fr-mt-2w"
            title="Demande d’attestation"
            titleAs="h3"
            submitLabel="Enregistrer la demande"
            schema={CertificateRequestSchema}
            success="Demande enregistrée : l’échéance est avancée."
            body={(d) => ({ requestedOn: formText(d, "requestedOn") })}
            onSubmit={async (body) => {
              await sendPec("post", `/api/pec/contracts/${k.id}/certificate/request`, Ok, body);
              reload();
            }}
          >
            <DateInput label="Demandée le" name="requestedOn" defaultValue={parisToday()} />
          </CommandForm>
        </details>
      )}
      {k.can.employer && !c.signedOn && (
        <>
          <CommandForm
            title="Partie du tuteur"
            titleAs="h3"
            submitLabel="Enregistrer"
            schema={CertificateSchema}
            success="Attestation complétée."
            body={(d) => ({ missions: formText(d, "missions"), skillsAcquired: formText(d, "skillsAcquired"), trainings: optionalText(d, "trainings") })}
            onSubmit={async (body) => {
              await sendPec("put", `/api/pec/contracts/${k.id}/certificate`, Ok, body);
              reload();
            }}
          >
            <FormInput label="Missions exercées" name="missions" textArea required defaultValue={c.missions ?? ""} />
            <FormInput label="Compétences acquises" name="skillsAcquired" textArea required defaultValue={c.skillsAcquired ?? ""} />
            <FormInput label="Formations suivies (facultatif)" name="trainings" textArea defaultValue={c.trainings ?? ""} />
          </CommandForm>
          {c.missions && (
            <CommandForm
              title="Signer l’attestation pour l’employeur"
              titleAs="h3"
              submitLabel="Signer"
              schema={CertificateSignatureSchema}
              success="Attestation signée."
              confirm={{ title: "Signer l’attestation ?", description: "Une fois signée, l’attestation ne se modifie plus.", confirmLabel: "Signer" }}
              body={(d) => ({ signerName: formText(d, "signerName"), signerTitle: formText(d, "signerTitle"), signedOn: formText(d, "signedOn") })}
              onSubmit={async (body) => {
                await sendPec("post", `/api/pec/contracts/${k.id}/certificate/signature`, Ok, body);
                reload();
              }}
            >
              <FormInput label="Nom du signataire" name="signerName" required />
              <FormInput label="Qualité" name="signerTitle" required />
              <DateInput label="Signée le" name="signedOn" defaultValue={parisToday()} />
            </CommandForm>
          )}
        </>
      )}
    </section>
  );
}

function ExitSection({ k, reload }: { k: PecContractDto; reload: () => void }) {
  return (
    <section className="fr-mt-4w">
      <h2>Renouvellement et sortie</h2>
      {k.exit ? (
        <p>
          Sortie le {frenchDate(k.exit.exitOn)} : {PEC_EXIT_LABELS[k.exit.outcome]}
          {k.exit.note ? ` — ${k.exit.note}` : ""}.
        </p>
      ) : (
        <p>Contrat en cours jusqu’au {frenchDate(k.endsOn)}.</p>
      )}
      {k.status === "active" && k.can.employer && (
        <CommandForm
          title="Renouveler le contrat"
          titleAs="h3"
          submitLabel="Renouveler"
          schema={RenewalSchema}
          success="Contrat renouvelé."
          body={(d) => ({ endsOn: formText(d, "endsOn") })}
          onSubmit={async (body) => {
            await sendPec("post", `/api/pec/contracts/${k.id}/renewal`, Ok, body);
            reload();
          }}
        >
          <DateInput label="Nouvelle date de fin" name="endsOn" defaultValue="" />
        </CommandForm>
      )}
      {k.status === "active" && (k.can.employer || k.can.advisor) && (
        <CommandForm
          title="Enregistrer la sortie"
          titleAs="h3"
          submitLabel="Enregistrer la sortie"
          schema={ContractExitSchema}
          success="Sortie enregistrée."
          confirm={{ title: "Enregistrer la sortie ?", description: "Le contrat est terminé à cette date ; il ne se modifie plus.", confirmLabel: "Enregistrer" }}
          body={(d) => ({ exitOn: formText(d, "exitOn"), outcome: formText(d, "outcome") as (typeof PEC_EXIT_OUTCOMES)[number], note: optionalText(d, "note") })}
          onSubmit={async (body) => {
            await sendPec("post", `/api/pec/contracts/${k.id}/exit`, Ok, body);
            reload();
          }}
        >
          <DateInput label="Date de sortie" name="exitOn" defaultValue={k.endsOn} />
          <FormSelect label="Situation à la sortie" name="outcome" required placeholder="—" options={PEC_EXIT_OUTCOMES.map((o) => ({ value: o, label: PEC_EXIT_LABELS[o] }))} />
          <FormInput label="Précision (facultatif)" name="note" textArea />
        </CommandForm>
      )}
    </section>
  );
}
