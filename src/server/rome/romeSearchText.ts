/** Lower case, accents and punctuation dropped, one space between words: how the ROME search compares labels and queries. */
export function searchTextOf(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
