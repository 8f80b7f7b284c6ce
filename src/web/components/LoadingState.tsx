/**
 * Shown while a page's data arrives, instead of a blank area: announced to screen readers (role
 * status), with the same words everywhere so that users learn them.
 */
export function LoadingState({ label = "Chargement…" }: { label?: string }) {
  return (
    <div role="status" className="tandem-loading-state fr-py-4w" data-testid="loading-state">
      <p className="fr-text--lg fr-mb-0">
        <span className="fr-icon-refresh-line fr-mr-1w" aria-hidden="true" />
        {label}
      </p>
    </div>
  );
}
