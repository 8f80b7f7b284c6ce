/**
 * A Metz global-support convention file between the France Travail agency and the city, as a
 * partnership never seen before would write it: the signature dates it is given filled in (information only,
 * ADR 0008). Tests build theirs from it, with dates relative to today, so that "in force" stays
 * true whatever the day the suite runs.
 */
export function metzTrialConvention(o: {
  number: string;
  /** The signature dates the file writes; absent: the file gives none (each party signs in Tandem). */
  ftSignedOn?: string;
  citySignedOn?: string;
  endsOn: string;
  maxTotalMonths?: number;
  /** The parties may end it by mutual agreement on a date (« d’un commun accord »). */
  mutualAgreement?: boolean;
  /** YAML appended after the convention (e.g. `amendments: …`). */
  extra?: string;
}): string {
  const cap = o.maxTotalMonths ? `, maxDuration: { value: ${o.maxTotalMonths}, unit: months }` : "";
  const signed = (on?: string) => (on ? `, signedOn: ${on}` : "");
  const mutual = o.mutualAgreement ? `\n    mutualAgreement: { source: "essai art. 2" }` : "";
  return `
convention:
  number: ${o.number}
  kind: cooperation
  title: Accompagnement global à Metz (${o.number})
  object: Ouvrir l’accompagnement global aux demandeurs d’emploi de Metz.
  parties:
    - { organisation: ft-metz-sebastopol, side: france_travail, signatories: [{ name: Directrice d’agence, title: Directrice${signed(o.ftSignedOn)} }] }
    - { organisation: ville-metz, side: partner, signatories: [{ name: Maire de Metz, title: Maire${signed(o.citySignedOn)} }] }
  period: { effective: { rule: last_signature }, endsOn: ${o.endsOn}${cap}, source: "essai art. 1" }
  termination:
    notice: { delay: { value: 1, unit: months }, before: end, source: "essai art. 2" }
    breach: { effectiveAfterFormalNotice: { value: 1, unit: months }, source: "essai art. 2" }${mutual}
  programmes:
    globalSupport:
      initialMonths: 12
      renewalsAllowed: 1
      monthsPerRenewal: 6
      maxTotalMonths: 18
      orientationToStart: { value: 21, unit: days }
      entryToFirstAppointments: { value: 15, unit: days }
      maxSocialOnlyMonths: 6
      targetActiveCasesPerAdvisor: null
      reviewCadenceMonths: 1
      directEntryAllowed: true
      sources: { initialMonths: "essai art. 4" }
${o.extra ?? ""}`;
}
