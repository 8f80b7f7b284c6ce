import type { ReactNode } from "react";

/**
 * What a list says when it has nothing to show, in place of a table of headers over no rows:
 * a sentence saying why (no data yet, or the filters match nothing) and, when there is one, what to do next.
 */
export function EmptyState({ title, description, action }: { title: string; description?: ReactNode; action?: ReactNode }) {
  return (
    // The DSFR token follows the light/dark display setting.
    <div className="fr-p-4w fr-mb-3w" style={{ background: "var(--background-alt-grey)" }} data-testid="empty-state">
      <p className="fr-text--lg fr-text--bold fr-mb-1w">
        <span className="fr-icon-information-line fr-mr-1w" aria-hidden="true" />
        {title}
      </p>
      {description && <p className="fr-mb-0">{description}</p>}
      {action && <div className="fr-mt-2w">{action}</div>}
    </div>
  );
}
