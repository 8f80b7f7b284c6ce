import { Link } from "react-router";
import { usePageTitle } from "../../usePageTitle";

export function NotFoundPage() {
  usePageTitle("Page introuvable");
  return (
    <>
      <h1>Page introuvable</h1>
      <p>La page que vous cherchez n’existe pas ou a été déplacée.</p>
      <Link to="/">Retour à l’accueil</Link>
    </>
  );
}

export function ForbiddenPage() {
  usePageTitle("Accès refusé");
  return (
    <>
      <h1>Accès refusé</h1>
      <p>Vous n’avez pas les droits nécessaires pour consulter cette page.</p>
      <Link to="/">Retour à l’accueil</Link>
    </>
  );
}
