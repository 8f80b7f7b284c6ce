import { Badge } from "@codegouvfr/react-dsfr/Badge";
import { Link } from "react-router";
import { z } from "zod";
import { NewPecOfferSchema, type PecOverview, PecOverviewSchema } from "../../../shared/contracts/pec";
import { api } from "../../api";
import { CommandForm, DateInput, FormInput, FormSelect, formText } from "../../components/CommandForm";
import { EmptyState } from "../../components/EmptyState";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { ResponsiveTable } from "../../components/ResponsiveTable";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { frenchDate } from "../conventions/format";
import { OFFER_STATUS_LABELS, OFFER_STATUS_SEVERITY, sendPec } from "./pecApi";

/**
 * « Parcours emploi compétences » (ADR 0037): the employer's offers and contracts, or for France
 * Travail every offer of the conventions it acts under; the company advisors named per employer.
 */
export function PecPage() {
  usePageTitle("Parcours emploi compétences");
  const { data, error, reload } = useApi(() => api.get("/api/pec", PecOverviewSchema), []);
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <LoadingState />;
  return (
    <>
      <h1>Parcours emploi compétences</h1>
      {data.conventions.length === 0 ? (
        <EmptyState title="Aucun parcours emploi compétences" description="Aucune convention en vigueur de votre organisation n’organise de parcours emploi compétences." />
      ) : (
        data.conventions.map((c) => <ConventionBlock key={c.id} c={c} reload={reload} />)
      )}
      <h2 className="fr-mt-4w">Offres</h2>
      {data.offers.length === 0 ? (
        <p>Aucune offre transmise.</p>
      ) : (
        <ResponsiveTable
          caption={`${data.offers.length} offre${data.offers.length > 1 ? "s" : ""}`}
          headers={["Poste", "Employeur", "Conditions", "Début souhaité", "Candidatures", "État"]}
          rows={data.offers.map((o) => ({
            key: o.id,
            cells: [
              <Link key="t" to={`/pec/offres/${o.id}`}>
                {o.title}
              </Link>,
              o.employer,
              `${o.weeklyHours} h / semaine, ${o.durationMonths} mois`,
              frenchDate(o.wishedStartOn),
              `${o.candidacies} (${o.accepted} acceptée${o.accepted > 1 ? "s" : ""})`,
              <Badge key="s" small noIcon severity={OFFER_STATUS_SEVERITY[o.status]}>
                {OFFER_STATUS_LABELS[o.status]}
              </Badge>,
            ],
          }))}
        />
      )}
      <h2 className="fr-mt-4w">Contrats</h2>
      {data.contracts.length === 0 ? (
        <p>Aucun contrat.</p>
      ) : (
        <ResponsiveTable
          caption={`${data.contracts.length} contrat${data.contracts.length > 1 ? "s" : ""}`}
          headers={["Salarié", "Poste", "Employeur", "Période", "Attestation due le", "État"]}
          rows={data.contracts.map((k) => ({
            key: k.id,
            cells: [
              <Link key="n" to={`/pec/contrats/${k.id}`}>
                {k.employee}
              </Link>,
              k.offerTitle,
              k.employer,
              `du ${frenchDate(k.startsOn)} au ${frenchDate(k.endsOn)}`,
              k.status === "active" ? frenchDate(k.certificateDueOn) : "—",
              k.status === "active" ? "En cours" : "Terminé",
            ],
          }))}
        />
      )}
    </>
  );
}

function ConventionBlock({ c, reload }: { c: PecOverview["conventions"][number]; reload: () => void }) {
  const postable = c.employers.filter((e) => e.canPostOffer);
  return (
    <section className="fr-mb-4w">
      <h2>
        Convention <Link to={`/conventions/${c.id}`}>{c.number}</Link>
      </h2>
      <p>
        {c.matches} mise{c.matches > 1 ? "s" : ""} en relation (candidatures proposées).
      </p>
      <h3 className="fr-h5">Conseillers entreprise de France Travail</h3>
      <ul>
        {c.employers.map((e) => (
          <li key={e.id}>
            {e.name} :{" "}
            {e.advisors.length === 0 ? "aucun conseiller nommé" : e.advisors.map((a) => `${a.name} (${a.rank === "named" ? "nommé" : "suppléant"})`).join(", ")}
          </li>
        ))}
      </ul>
      {c.canNameAdvisors && (
        <details className="fr-mb-2w">
          <summary>Nommer les conseillers entreprise d’un employeur</summary>
          <CommandForm
            className="fr-mt-2w"
            title="Conseillers entreprise"
            titleAs="h4"
            submitLabel="Nommer"
            success="Conseillers entreprise nommés."
            body={(d) => ({
              employerOrganisationId: formText(d, "employer"),
              named: formText(d, "named") ? [formText(d, "named")] : [],
              backups: formText(d, "backup") ? [formText(d, "backup")] : [],
            })}
            onSubmit={async (body) => {
              await sendPec("put", `/api/pec/conventions/${c.id}/company-advisors`, z.object({ named: z.number(), backups: z.number() }), body);
              reload();
            }}
          >
            <p className="fr-hint-text">
              La convention prévoit {c.limits.named} conseiller nommément désigné et {c.limits.backups} suppléant ({c.limits.source}).
            </p>
            <FormSelect label="Employeur" name="employer" required options={c.employers.map((e) => ({ value: e.id, label: e.name }))} />
            <FormSelect label="Conseiller nommé" name="named" field="named" placeholder="—" options={c.advisorChoices.map((a) => ({ value: a.id, label: a.name }))} />
            <FormSelect label="Suppléant" name="backup" field="backups" placeholder="—" options={c.advisorChoices.map((a) => ({ value: a.id, label: a.name }))} />
          </CommandForm>
        </details>
      )}
      {postable.length > 0 && (
        <details className="fr-mb-2w">
          <summary>Transmettre une offre à France Travail</summary>
          <CommandForm
            className="fr-mt-2w"
            title="Nouvelle offre de parcours emploi compétences"
            titleAs="h4"
            submitLabel="Transmettre l’offre"
            schema={NewPecOfferSchema}
            success="Offre transmise : les conseillers entreprise de France Travail sont avertis."
            body={(d) => ({
              employerOrganisationId: formText(d, "employerOrganisationId"),
              title: formText(d, "title"),
              skills: formText(d, "skills"),
              romeCodes: formText(d, "romeCodes")
                .split(/[\s,;]+/)
                .filter(Boolean)
                .map((s) => s.toUpperCase()),
              weeklyHours: Number(formText(d, "weeklyHours")),
              durationMonths: Number(formText(d, "durationMonths")),
              siteAddress: formText(d, "siteAddress"),
              wishedStartOn: formText(d, "wishedStartOn"),
            })}
            onSubmit={async (body) => {
              await sendPec("post", `/api/pec/conventions/${c.id}/offers`, z.object({ id: z.string(), advisorsNotified: z.number() }), body);
              reload();
            }}
          >
            <FormSelect label="Employeur" name="employerOrganisationId" required options={postable.map((e) => ({ value: e.id, label: e.name }))} defaultValue={postable[0].id} />
            <FormInput label="Intitulé du poste" name="title" required inputProps={{ maxLength: 200 }} />
            <FormInput label="Compétences recherchées" name="skills" textArea required inputProps={{ maxLength: 4000 }} />
            <FormInput label="Codes ROME (facultatif)" name="romeCodes" hint="Séparés par des espaces, par exemple A1203 K2204" />
            <FormInput label="Heures par semaine" name="weeklyHours" type="number" required inputProps={{ min: 1, max: 35 }} />
            <FormInput label="Durée du contrat (mois)" name="durationMonths" type="number" required inputProps={{ min: 1, max: 60 }} />
            <FormInput label="Lieu de travail" name="siteAddress" required inputProps={{ maxLength: 500 }} />
            <DateInput label="Début souhaité" name="wishedStartOn" />
          </CommandForm>
        </details>
      )}
    </section>
  );
}
