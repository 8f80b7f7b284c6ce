import { addMonths } from "../../domain/shared/calendarDate.js";
import type { Db } from "../platform/db.js";
import { findOrganisationByCode } from "../organisations/organisationRepository.js";
import { upsertService, upsertStructure } from "./directoryRepository.js";
import { schemaIssues } from "./schemaValidator.js";
import { expandZone } from "./zoneCommunes.js";

type DemoService = { id: string; nom: string; description: string; thematiques: string[]; zone: string[]; extra?: Record<string, unknown>; monthsOld?: number };
type DemoStructure = { org: string; id: string; nom: string; adresse: string; code_postal: string; commune: string; code_insee: string; telephone: string; courriel: string; horaires: string; services: DemoService[] };

/**
 * A handful of real-looking resources per demo territory (fictitious names and contacts), in the
 * data·inclusion schema: enough to search by need from a case (a Bas-Rhin housing service covering
 * the whole département, another only Haguenau's commune), and to show freshness (some older).
 */
const DEMO: DemoStructure[] = [
  {
    org: "cd-bas-rhin", id: "tandem--cea-uts-strasbourg-sud", nom: "Unité territoriale d’action sociale Strasbourg Sud", adresse: "12 rue de l’Épine",
    code_postal: "67100", commune: "Strasbourg", code_insee: "67482", telephone: "+33388000101", courriel: "uts-sud@alsace.example.fr", horaires: "Mo-Fr 08:30-12:00,13:30-17:00",
    services: [
      { id: "tandem--cea-fsl-acces", nom: "Fonds de solidarité logement — aide à l’accès", description: "Aide financière pour le dépôt de garantie, le premier loyer et l’assurance habitation lors de l’entrée dans un logement, sur instruction d’un travailleur social.", thematiques: ["logement-hebergement--louer-un-logement", "logement-hebergement--sinformer-sur-les-demarches-liees-a-lacces-au-logement"], zone: ["67"], extra: { type: "aide-financiere", frais: "gratuit", publics: ["tous-publics"], modes_accueil: ["en-presentiel"], mobilisable_par: ["professionnels"], modes_mobilisation: ["envoyer-un-courriel"] } },
      { id: "tandem--cea-budget", nom: "Accompagnement budgétaire personnalisé", description: "Un conseiller en économie sociale et familiale aide à établir un budget, prévenir les impayés et préparer un dossier de surendettement si besoin.", thematiques: ["difficultes-financieres--ameliorer-sa-gestion-budgetaire", "difficultes-financieres--situation-dendettement-surendettement"], zone: ["67"], monthsOld: 14, extra: { type: "accompagnement", frais: "gratuit", publics: ["tous-publics"] } },
      { id: "tandem--cea-haguenau-maintien", nom: "Maintien dans le logement — Haguenau", description: "Permanence de prévention des expulsions locatives pour les locataires de Haguenau : médiation avec le bailleur et plan d’apurement.", thematiques: ["logement-hebergement--se-maintenir-dans-le-logement", "logement-hebergement--reduire-les-impayes-de-loyer"], zone: ["67180"] },
    ],
  },
  {
    org: "ville-strasbourg", id: "tandem--strasbourg-ccas", nom: "Centre communal d’action sociale de Strasbourg", adresse: "1 parc de l’Étoile",
    code_postal: "67000", commune: "Strasbourg", code_insee: "67482", telephone: "+33368980000", courriel: "ccas@strasbourg.example.fr", horaires: "Mo-Fr 08:30-17:00",
    services: [
      { id: "tandem--strasbourg-mobilite", nom: "Aide à la mobilité vers l’emploi", description: "Prêt de vélo et prise en charge partielle de l’abonnement de transport en commun pour rejoindre un emploi ou une formation.", thematiques: ["mobilite--financer-ma-mobilite", "mobilite--mobilite-douce-partagee-collective"], zone: ["67482"], extra: { type: "aide-materielle", frais: "gratuit" } },
      { id: "tandem--strasbourg-garde", nom: "Places d’accueil d’urgence en crèche", description: "Places réservées en crèche municipale pour les parents qui reprennent un emploi ou une formation, dans l’attente d’une place pérenne.", thematiques: ["famille--garde-denfants"], zone: ["67482"] },
    ],
  },
  {
    org: "cd-creuse", id: "tandem--creuse-mds-gueret", nom: "Maison départementale des solidarités de Guéret", adresse: "4 place Louis Lacrocq",
    code_postal: "23000", commune: "Guéret", code_insee: "23096", telephone: "+33555000202", courriel: "mds-gueret@creuse.example.fr", horaires: "Mo-Fr 09:00-12:00,14:00-17:00",
    services: [
      { id: "tandem--creuse-logement", nom: "Accès au logement et hébergement d’urgence", description: "Orientation vers le SIAO, demande de logement social et aide à l’installation pour les personnes sans logement stable en Creuse.", thematiques: ["logement-hebergement--rechercher-une-solution-dhebergement-temporaire", "logement-hebergement--louer-un-logement"], zone: ["23"] },
      { id: "tandem--creuse-permis", nom: "Permis de conduire solidaire", description: "Préparation au code et à la conduite à tarif réduit pour les personnes en parcours d’insertion sans solution de transport.", thematiques: ["mobilite--preparer-un-permis"], zone: ["23"], monthsOld: 13, extra: { frais: "payant", frais_precisions: "50 € pour l’ensemble de la formation" } },
    ],
  },
  {
    org: "troyes-champagne-metropole", id: "tandem--tcm-pce", nom: "Point Conseil Emploi de Troyes", adresse: "3 rue de la Monnaie",
    code_postal: "10000", commune: "Troyes", code_insee: "10387", telephone: "+33325000303", courriel: "pce@troyes.example.fr", horaires: "Tu-Th 09:00-12:00",
    services: [
      { id: "tandem--tcm-numerique", nom: "Ateliers numériques pour les démarches", description: "Ateliers collectifs pour créer son espace France Travail, sa messagerie et faire ses démarches en ligne, avec un conseiller numérique.", thematiques: ["numerique--acceder-a-des-services-en-ligne", "numerique--maitriser-les-fondamentaux-du-numerique"], zone: ["200069250"], extra: { type: "atelier" } },
    ],
  },
  {
    org: "ccas-rouen", id: "tandem--ccas-rouen", nom: "CCAS de Rouen — accueil social", adresse: "Place du Général de Gaulle",
    code_postal: "76000", commune: "Rouen", code_insee: "76540", telephone: "+33232000404", courriel: "accueil@ccas-rouen.example.fr", horaires: "Mo-Fr 08:30-16:30",
    services: [
      { id: "tandem--rouen-alimentaire", nom: "Épicerie sociale", description: "Produits alimentaires et d’hygiène à 10 % de leur prix pour les foyers orientés par un travailleur social, pour trois mois renouvelables.", thematiques: ["equipement-et-alimentation--alimentation"], zone: ["76540"] },
    ],
  },
  {
    org: "ville-metz", id: "tandem--metz-ccas", nom: "CCAS de Metz", adresse: "22 rue du Wad Billy",
    code_postal: "57000", commune: "Metz", code_insee: "57463", telephone: "+33387000505", courriel: "ccas@metz.example.fr", horaires: "Mo-Fr 08:30-12:00",
    services: [
      { id: "tandem--metz-sante", nom: "Bilan de santé et accès aux droits", description: "Bilan de santé gratuit et aide à l’ouverture des droits à la complémentaire santé solidaire, en lien avec la CPAM.", thematiques: ["sante--acces-aux-soins", "difficultes-administratives-ou-juridiques--accompagnement-pour-lacces-aux-droits"], zone: ["57463"] },
    ],
  },
];

/** The demo step (loadDemo's `demoSteps`): each record is checked against the schema like any other. */
export async function loadDemoDirectory(tx: Db, today: string): Promise<void> {
  for (const s of DEMO) {
    const org = await findOrganisationByCode(tx, s.org);
    if (!org) continue;
    const structure = {
      source: "tandem", id: s.id, nom: s.nom, date_maj: today, adresse: s.adresse, code_postal: s.code_postal, commune: s.commune,
      code_insee: s.code_insee, telephone: s.telephone, courriel: s.courriel, horaires_accueil: s.horaires,
    };
    const structureId = await upsertStructure(tx, org.id, checked("structures", structure), null);
    for (const v of s.services) {
      const record = {
        source: "tandem", id: v.id, structure_id: s.id, nom: v.nom, description: v.description, thematiques: v.thematiques, zone_eligibilite: v.zone,
        adresse: s.adresse, code_postal: s.code_postal, commune: s.commune, code_insee: s.code_insee, telephone: s.telephone, courriel: s.courriel,
        horaires_accueil: s.horaires, date_maj: v.monthsOld ? addMonths(today, -v.monthsOld) : today, ...v.extra,
      };
      await upsertService(tx, org.id, structureId, checked("services", record), expandZone(v.zone), null);
    }
  }
}

function checked(collection: "structures" | "services", record: Record<string, unknown>) {
  const issues = schemaIssues(collection, record);
  if (issues.length > 0) throw new Error(`Démo : ${String(record.id)} non conforme au schéma data·inclusion : ${JSON.stringify(issues)}`);
  return record;
}
