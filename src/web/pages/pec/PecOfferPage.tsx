import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Link, useParams } from "react-router";
import { z } from "zod";
import {
  CandidacyAnswerSchema,
  NewCandidacySchema,
  OfferWithdrawalSchema,
  PEC_CANDIDACY_STATUS_LABELS,
  type PecOfferDto,
  PecOfferSchema,
} from "../../../shared/contracts/pec";
import { api } from "../../api";
import { CommandForm, DateInput, FormInput, formText } from "../../components/CommandForm";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { frenchDate } from "../conventions/format";
import { CANDIDACY_SEVERITY, OFFER_STATUS_LABELS, OFFER_STATUS_SEVERITY, sendPec } from "./pecApi";

/** A PEC offer: the post, its company advisors, its candidacies — proposed by France Travail, answered by the employer. */
export function PecOfferPage() {
  const { id = "" } = useParams();
  const { data: o, error, reload } = useApi(() => api.get(`/api/pec/offers/${id}`, PecOfferSchema), [id]);
  usePageTitle(o ? `Offre PEC — ${o.title}` : "Offre PEC");
  if (error) return <ErrorAlert error={error} />;
  if (!o) return <LoadingState />;
  return (
    <>
      <h1>{o.title}</h1>
      <p>
        <Badge small noIcon severity={OFFER_STATUS_SEVERITY[o.status]}>
          {OFFER_STATUS_LABELS[o.status]}
        </Badge>{" "}
        {o.employer} — convention <Link to={`/conventions/${o.conventionId}`}>{o.conventionNumber}</Link>
      </p>
      <ul>
        <li>
          {o.weeklyHours} heures par semaine, {o.durationMonths} mois, début souhaité le {frenchDate(o.wishedStartOn)}
        </li>
        <li>Lieu : {o.siteAddress}</li>
        <li>Compétences recherchées : {o.skills}</li>
        {o.romeCodes.length > 0 && <li>Codes ROME : {o.romeCodes.join(", ")}</li>}
        <li>Transmise par {o.postedBy}</li>
        <li>
          Conseillers entreprise :{" "}
          {o.companyAdvisors.length === 0 ? "aucun nommé" : o.companyAdvisors.map((a) => `${a.name} (${a.rank === "named" ? "nommé" : "suppléant"})`).join(", ")}
        </li>
      </ul>
      <h2>
        Candidatures ({o.candidacies}, dont {o.accepted} acceptée{o.accepted > 1 ? "s" : ""})
      </h2>
      {o.candidacyList.length === 0 && <p>Aucune candidature proposée pour l’instant.</p>}
      {o.candidacyList.map((c) => (
        <Candidacy key={c.id} c={c} offer={o} reload={reload} />
      ))}
      {o.canPropose && (
        <CommandForm
          title="Proposer une candidature"
          titleAs="h2"
          submitLabel="Proposer la candidature"
          schema={NewCandidacySchema}
          success="Candidature proposée : l’employeur est averti."
          body={(d) => ({ ftIdentifier: formText(d, "ftIdentifier"), diagnosis: formText(d, "diagnosis"), proposal: formText(d, "proposal") })}
          onSubmit={async (body) => {
            await sendPec("post", `/api/pec/offers/${o.id}/candidacies`, z.object({ id: z.string() }), body);
            reload();
          }}
        >
          <FormInput label="Identifiant France Travail de la personne" name="ftIdentifier" required hint="Une personne de votre territoire." />
          <FormInput
            label="Diagnostic"
            name="diagnosis"
            textArea
            required
            hint="Pourquoi le parcours emploi compétences est la réponse adaptée : éloignement du marché du travail, qualification… (pas une catégorie administrative). Visible de France Travail seulement."
          />
          <FormInput label="Présentation à l’employeur" name="proposal" textArea required hint="Ce que l’employeur lira : motivation, disponibilité." />
        </CommandForm>
      )}
      {o.canAnswer && o.status === "open" && (
        <CommandForm
          title="Retirer l’offre"
          titleAs="h2"
          submitLabel="Retirer l’offre"
          schema={OfferWithdrawalSchema}
          success="Offre retirée."
          body={(d) => ({ reason: formText(d, "reason") })}
          confirm={{
            title: "Retirer cette offre ?",
            description: "L’offre ne recevra plus de candidature ; celles qui attendent une réponse sont refusées avec ce motif et leurs conseillers sont avertis.",
            confirmLabel: "Retirer",
          }}
          onSubmit={async (body) => {
            await sendPec("post", `/api/pec/offers/${o.id}/withdrawal`, z.object({ refusedCandidacies: z.number() }), body);
            reload();
          }}
        >
          <FormInput label="Motif du retrait" name="reason" textArea required hint="Lu par les conseillers qui avaient proposé une candidature." />
        </CommandForm>
      )}
    </>
  );
}

function Candidacy({ c, offer, reload }: { c: PecOfferDto["candidacyList"][number]; offer: PecOfferDto; reload: () => void }) {
  const answer = async (body: unknown) => {
    await sendPec("post", `/api/pec/candidacies/${c.id}/answer`, z.object({ status: z.string(), contractId: z.string().nullable() }), body);
    reload();
  };
  return (
    <div className="fr-card fr-card--no-arrow fr-mb-2w">
      <div className="fr-card__body">
        <div className="fr-card__content">
          <h3 className="fr-card__title">{c.candidate}</h3>
          <p className="fr-card__desc">
            <Badge small noIcon severity={CANDIDACY_SEVERITY[c.status]}>
              {PEC_CANDIDACY_STATUS_LABELS[c.status]}
            </Badge>{" "}
            Proposée par {c.proposedBy} le {frenchDate(c.proposedAt)}
          </p>
          <p>{c.proposal}</p>
          {c.diagnosis && (
            <p>
              <strong>Diagnostic : </strong>
              {c.diagnosis}
            </p>
          )}
          {c.answerReason && <p>Motif du refus : {c.answerReason}</p>}
          {c.contractId && (
            <p>
              <Link to={`/pec/contrats/${c.contractId}`}>Voir le contrat</Link>
            </p>
          )}
          {offer.canAnswer && c.status === "proposed" && (
            <>
              {offer.status === "open" && (
                <CommandForm
                  title={`Accepter la candidature de ${c.candidate}`}
                  titleAs="h4"
                  submitLabel="Accepter"
                  schema={CandidacyAnswerSchema}
                  success="Candidature acceptée : le contrat est créé."
                  body={(d) => ({ answer: "accepted", startsOn: formText(d, "startsOn") })}
                  confirm={{ title: "Accepter cette candidature ?", description: `Le contrat de ${offer.durationMonths} mois est créé à la date de début indiquée et l’offre est pourvue.`, confirmLabel: "Accepter" }}
                  onSubmit={answer}
                >
                  <DateInput label="Début du contrat" name="startsOn" defaultValue={offer.wishedStartOn} />
                </CommandForm>
              )}
              <CommandForm
                title={`Refuser la candidature de ${c.candidate}`}
                titleAs="h4"
                submitLabel="Refuser"
                schema={CandidacyAnswerSchema}
                success="Candidature refusée."
                body={(d) => ({ answer: "refused", reason: formText(d, "reason") })}
                onSubmit={answer}
              >
                <FormInput label="Motif du refus" name="reason" textArea required />
              </CommandForm>
            </>
          )}
        </div>
      </div>
    </div>
  );
}
