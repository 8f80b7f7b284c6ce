/**
 * Freshness of the directory: a resource counts as updated for a campaign when its `date_maj`
 * (the schema's date of last change at the producer) falls on or after the campaign's start.
 */
export function updatedShare(dates: readonly string[], since: string): { updated: number; total: number; percent: number } {
  const updated = dates.filter((d) => d >= since).length;
  const total = dates.length;
  return { updated, total, percent: total === 0 ? 0 : Math.round((updated * 100) / total) };
}
