import { Alert } from "@codegouvfr/react-dsfr/Alert";
import { Button } from "@codegouvfr/react-dsfr/Button";
import { SideMenu } from "@codegouvfr/react-dsfr/SideMenu";
import { type ComponentType, useEffect, useRef, useState } from "react";
import { Link, useLocation, useParams } from "react-router";
import { ConventionDetailSchema } from "../../../shared/contracts/convention";
import { CONVENTION_KIND_LABELS, type ConventionTerms } from "../../../shared/contracts/conventionFile";
import { api } from "../../api";
import { useBreadcrumbLabel } from "../../breadcrumb";
import { ErrorAlert } from "../../components/ErrorAlert";
import { LoadingState } from "../../components/LoadingState";
import { useApi } from "../../useApi";
import { usePageTitle } from "../../usePageTitle";
import { conventionSections } from "./detail/sections";
import { type SectionProps, Source } from "./detail/shared";
import { ConventionStatusBadge } from "./format";

const MENU_ID = "convention-sections";

/**
 * One convention, one section at a time (parties, period, deadlines, commitments, finances…),
 * chosen in the DSFR side menu — folded under a button on a phone — and addressed by the URL's
 * hash (« /conventions/:id#finances ») so that a link opens it; the breadcrumb reads the path only.
 */
export function ConventionDetailPage() {
  const { id = "" } = useParams();
  const { hash } = useLocation();
  const { data, error, reload } = useApi(() => api.get(`/api/conventions/${id}`, ConventionDetailSchema), [id]);
  const [notice, setNotice] = useState<string | null>(null);
  const terms = data?.terms as ConventionTerms | undefined;
  usePageTitle(data && terms ? `Convention ${data.number}` : "Convention");
  useBreadcrumbLabel(data ? `Convention ${data.number}` : undefined);
  const sections = data ? conventionSections.filter((s) => s.shown(data)) : [];
  const current = sections.find((s) => `#${s.id}` === hash) ?? sections[0];

  // Opening a section by its link takes the reader to its title (not on the first load without a hash).
  const opened = useRef(hash);
  useEffect(() => {
    if (!current || opened.current === hash) return;
    opened.current = hash;
    setNotice(null);
    // On a phone the menu was unfolded to choose: fold it again (DSFR's collapse API), so the section shows.
    const dsfr = (window as { dsfr?: (el: Element) => { collapse?: { conceal: () => void } } | undefined }).dsfr;
    const folded = document.getElementById(`${MENU_ID}-collapse`);
    if (dsfr && folded) dsfr(folded)?.collapse?.conceal();
    document.getElementById(`section-${current.id}`)?.focus();
  }, [hash, current]);

  if (error)
    return (
      <>
        <h1>Convention</h1>
        <ErrorAlert error={error} />
        <p>
          <Link to="/conventions">Retour au registre des conventions</Link>
        </p>
      </>
    );
  if (!data || !terms || !current) return <LoadingState />;

  const props: SectionProps = {
    data,
    terms,
    onDone: (message) => {
      setNotice(message);
      reload();
    },
  };
  const Current: ComponentType<SectionProps> = current.Component;
  return (
    <>
      <p className="fr-mb-1w">
        <Link to="/conventions" className="fr-link fr-icon-arrow-left-s-line fr-link--icon-left">
          Registre des conventions
        </Link>
      </p>
      <h1>{terms.title}</h1>
      <p className="fr-text--lead">
        Convention n° {data.number} — {CONVENTION_KIND_LABELS[terms.kind] ?? terms.kind} <ConventionStatusBadge status={data.status} small={false} />
      </p>
      {data.status === "draft" && data.awaitingSignatureOf.length > 0 && (
        <Alert
          className="fr-mb-3w"
          severity="info"
          small
          description={
            <>
              <strong>Brouillon — en attente de signature de : {data.awaitingSignatureOf.join(", ")}.</strong> La convention n’ouvre aucune donnée tant que
              chaque partie n’a pas signé dans Tandem ; les dates de signature écrites dans le fichier importé ne valent pas signature.
            </>
          }
        />
      )}
      <p>{terms.object}</p>
      {terms.annexOf && <p>Annexe de la convention n° {terms.annexOf}.</p>}
      <p data-testid="convention-territory" className={data.territory.source ? "fr-mb-0" : undefined}>
        <strong>Territoire :</strong> {data.territory.description}
      </p>
      <Source text={data.territory.source ?? undefined} />
      <p>
        <Button priority="secondary" iconId="fr-icon-download-line" linkProps={{ to: `/api/conventions/${data.id}/export.yaml`, reloadDocument: true }}>
          Exporter (YAML)
        </Button>
      </p>
      <div className="fr-grid-row fr-grid-row--gutters fr-mt-4w">
        <div className="fr-col-12 fr-col-md-4 fr-col-lg-3">
          <SideMenu
            id={MENU_ID}
            align="left"
            title="Sections de la convention"
            burgerMenuButtonText="Sections de la convention"
            items={sections.map((s) => ({ text: s.label, linkProps: { to: `#${s.id}` }, isActive: s === current }))}
          />
        </div>
        <div className="fr-col-12 fr-col-md-8 fr-col-lg-9">
          <div role="status" aria-live="polite">
            {notice && <Alert className="fr-mb-3w" severity="success" small description={notice} closable onClose={() => setNotice(null)} />}
          </div>
          <Current {...props} />
        </div>
      </div>
    </>
  );
}
