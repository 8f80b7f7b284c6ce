import { Table } from "@codegouvfr/react-dsfr/Table";
import { Link } from "react-router";
import { usePageTitle } from "../../usePageTitle";

/**
 * The pages every public service must link from its footer (DSFR, RGAA, RGPD, ePrivacy). They are
 * public: a person must be able to read them before logging in. Where a fact depends on who runs
 * this instance (publisher, host), the page says so rather than inventing it.
 */

const STATEMENT_DATE = "30 novembre 2026";

export function AccessibilityPage() {
  usePageTitle("Déclaration d’accessibilité");
  return (
    <div className="fr-col-12 fr-col-lg-9">
      <h1>Déclaration d’accessibilité</h1>
      <p>
        L’organisation qui exploite Tandem s’engage à rendre ses services numériques accessibles, conformément à l’article 47 de la loi n° 2005-102 du
        11 février 2005.
      </p>
      <p>Cette déclaration d’accessibilité s’applique à Tandem, l’application de mise en œuvre des conventions France Travail et collectivités.</p>

      <h2>État de conformité</h2>
      <p>
        Tandem est <strong>non conforme</strong> avec le référentiel général d’amélioration de l’accessibilité (RGAA), version 4.1.2 : audit non réalisé.
      </p>

      <h2>Résultats des tests</h2>
      <p>
        Aucun audit de conformité n’a encore été réalisé ; le taux de conformité n’est donc pas connu. Chaque modification de Tandem est vérifiée
        automatiquement avec l’outil axe-core sur ses pages principales, ce qui ne remplace pas un audit.
      </p>

      <h2>Contenus non accessibles</h2>
      <p>Tant que l’audit n’a pas eu lieu, les non-conformités ne sont pas recensées. Elles seront publiées ici avec le résultat de l’audit.</p>

      <h2>Établissement de cette déclaration</h2>
      <p>Cette déclaration a été établie le {STATEMENT_DATE}.</p>
      <h3>Technologies utilisées pour la réalisation de Tandem</h3>
      <ul>
        <li>HTML5</li>
        <li>CSS (système de design de l’État, DSFR)</li>
        <li>JavaScript (React)</li>
        <li>WAI-ARIA</li>
      </ul>
      <h3>Environnement de test</h3>
      <p>Les vérifications automatiques sont faites avec le navigateur Chromium et axe-core.</p>

      <h2>Retour d’information et contact</h2>
      <p>
        Si vous n’arrivez pas à accéder à un contenu ou à un service, contactez l’administrateur de votre organisation dans Tandem ou l’éditeur
        indiqué dans les <Link to="/mentions-legales">mentions légales</Link>, pour être orienté vers une alternative accessible ou obtenir le contenu
        sous une autre forme.
      </p>

      <h2>Voies de recours</h2>
      <p>
        Si vous constatez un défaut d’accessibilité vous empêchant d’accéder à un contenu ou à une fonctionnalité, que vous nous l’avez signalé et que vous
        n’avez pas obtenu de réponse satisfaisante, vous pouvez :
      </p>
      <ul>
        <li>
          écrire un message au{" "}
          <a href="https://formulaire.defenseurdesdroits.fr/" target="_blank" rel="noopener noreferrer" title="Défenseur des droits — nouvelle fenêtre">
            Défenseur des droits
          </a>
           ;
        </li>
        <li>
          contacter{" "}
          <a href="https://www.defenseurdesdroits.fr/saisir/delegues" target="_blank" rel="noopener noreferrer" title="Délégués du Défenseur des droits — nouvelle fenêtre">
            le délégué du Défenseur des droits dans votre région
          </a>
           ;
        </li>
        <li>envoyer un courrier par la poste (gratuit, ne pas mettre de timbre) : Défenseur des droits, Libre réponse 71120, 75342 Paris CEDEX 07.</li>
      </ul>
    </div>
  );
}

export function LegalNoticePage() {
  usePageTitle("Mentions légales");
  return (
    <div className="fr-col-12 fr-col-lg-9">
      <h1>Mentions légales</h1>
      <h2>Éditeur</h2>
      <p>
        Tandem est édité par l’organisation qui exploite cette instance pour le compte des parties aux conventions de partenariat qu’elle porte (France
        Travail et les collectivités territoriales signataires). Son nom, son adresse et le directeur de la publication sont ceux de cette organisation.
      </p>
      <h2>Hébergement</h2>
      <p>
        Les données sont hébergées dans l’Union européenne, chez l’hébergeur choisi par l’organisation qui exploite Tandem, comme l’exigent les clauses de
        données des conventions.
      </p>
      <h2>Accessibilité</h2>
      <p>
        Tandem est non conforme au RGAA : audit non réalisé. Voir la <Link to="/accessibilite">déclaration d’accessibilité</Link>.
      </p>
      <h2>Données personnelles et cookies</h2>
      <p>
        Voir les pages <Link to="/donnees-personnelles">données personnelles</Link> et <Link to="/gestion-des-cookies">gestion des cookies</Link>.
      </p>
      <h2>Réutilisation</h2>
      <p>
        Le système de design de l’État (DSFR) et la Marianne sont réservés aux sites de l’État et des organismes publics. Les contenus des conventions
        restent la propriété de leurs signataires.
      </p>
    </div>
  );
}

export function PersonalDataPage() {
  usePageTitle("Données personnelles");
  return (
    <div className="fr-col-12 fr-col-lg-9">
      <h1>Données personnelles</h1>
      <h2>Pour le compte de qui ?</h2>
      <p>
        Tandem traite des données personnelles pour le compte des parties à chaque convention de partenariat : France Travail et la collectivité
        territoriale signataire (conseil départemental, commune ou intercommunalité). Elles sont responsables du traitement, chacune pour ses missions ;
        l’organisation qui exploite Tandem agit comme sous-traitant. La base légale est la mission d’intérêt public confiée à chacune (article 6-1-e du
        RGPD) : accompagnement des demandeurs d’emploi (code du travail) et insertion des bénéficiaires du RSA (code de l’action sociale et des familles).
      </p>
      <h2>Quelles données ?</h2>
      <ul>
        <li>
          <strong>Les agents qui utilisent Tandem</strong> : nom, prénom, adresse électronique, organisation, rôles, dates de connexion.
        </li>
        <li>
          <strong>Les personnes accompagnées</strong> : identité, coordonnées, commune, situation au regard du RSA et des quartiers prioritaires, freins
          sociaux et professionnels, diagnostic, rendez-vous, décisions de revue, notes et documents de l’accompagnement global.
        </li>
        <li>
          <strong>Le journal d’audit</strong> : qui a consulté ou modifié quelle donnée personnelle, et quand. Il est consultable par le délégué à la
          protection des données.
        </li>
      </ul>
      <p>Chaque agent ne voit que les personnes de son territoire et de ses accompagnements ; toute consultation est tracée.</p>
      <h2>Combien de temps ?</h2>
      <p>Les durées de conservation sont celles des clauses de données de chaque convention, par exemple pour la convention d’échange de données de Troyes :</p>
      <ul>
        <li>les listes de personnes reçues sont supprimées deux mois après leur réception ;</li>
        <li>les données sont détruites deux mois après la fin de la convention ;</li>
        <li>une violation de données est signalée sous 36 heures.</li>
      </ul>
      <p>Les comptes des agents sont conservés tant qu’ils sont actifs ; une session de connexion dure au plus 12 heures.</p>
      <h2>Vos droits</h2>
      <p>
        Vous disposez d’un droit d’accès, de rectification, de limitation et d’opposition sur vos données. Il vous est répondu dans un délai d’un mois. Pour
        les exercer, adressez-vous à France Travail ou à la collectivité qui vous accompagne, ou à leur délégué à la protection des données (DPO) :
      </p>
      <ul>
        <li>France Travail : délégué à la protection des données, 1 avenue du Docteur Gley, 75987 Paris cedex 20 ;</li>
        <li>la collectivité : le délégué à la protection des données désigné dans la convention qui vous concerne.</li>
      </ul>
      <p>
        Si vous estimez, après les avoir contactés, que vos droits ne sont pas respectés, vous pouvez adresser une réclamation à la{" "}
        <a href="https://www.cnil.fr/fr/plaintes" target="_blank" rel="noopener noreferrer" title="CNIL — nouvelle fenêtre">
          CNIL
        </a>
        .
      </p>
    </div>
  );
}

export function CookiesPage() {
  usePageTitle("Gestion des cookies");
  return (
    <div className="fr-col-12 fr-col-lg-9">
      <h1>Gestion des cookies</h1>
      <p>
        Tandem ne dépose que des cookies strictement nécessaires à son fonctionnement et à sa sécurité. Ils sont dispensés de consentement (article 82 de la
        loi Informatique et libertés) : il n’y a donc pas de bandeau à accepter. Tandem ne dépose aucun cookie de mesure d’audience ni de publicité.
      </p>
      <Table
        caption="Les cookies déposés par Tandem"
        headers={["Nom", "Finalité", "Durée"]}
        data={[
          ["tandem_session", "Vous garder connecté : identifie votre session, inaccessible aux scripts de la page.", "12 heures au plus ; fin après 30 minutes d’inactivité ou à la déconnexion"],
          ["tandem_csrf", "Protéger vos actions contre la falsification de requête (CSRF) : jeton recopié dans chaque envoi.", "Jusqu’à la fermeture du navigateur"],
          ["tandem_presession", "Lier le jeton de protection CSRF à votre navigateur avant la connexion.", "Jusqu’à la fermeture du navigateur"],
        ]}
      />
      <h2>Paramètres d’affichage</h2>
      <p>
        Le thème choisi (clair, sombre ou celui du système) dans les paramètres d’affichage est gardé dans votre navigateur (stockage local) et n’est jamais
        envoyé à Tandem.
      </p>
    </div>
  );
}
