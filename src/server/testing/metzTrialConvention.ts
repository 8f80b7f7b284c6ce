/**
 * A Metz global-support convention file between the France Travail agency and the city, as a
 * partnership never seen before would write it: both signature dates filled in (information only,
 * ADR 0008). Tests build theirs from it, with dates relative to today, so that "in force" stays
 * true whatever the day the suite runs.
 */
export function metzTrialConvention(o: {
  number: string;
  ftSignedOn: string;
  citySignedOn: string;
  endsOn: string;
  maxTotalMonths?: number;
  /** YAML appended after the convention (e.g. `amendments: …`). */
  extra?: string;
}): string {
  const cap = o.maxTotalMonths ? `, maxTotalMonths: ${o.maxTotalMonths}` : "";
  return `
convention:
  number: ${o.number}
  kind: cooperation
  title: Accompagnement global à Metz (${o.number})
  object: Ouvrir l’accompagnement global aux demandeurs d’emploi de Metz.
  parties:
    - { organisation: ft-metz-sebastopol, side: france_travail, signatories: [{ name: Directrice d’agence, title: Directrice, signedOn: ${o.ftSignedOn} }] }
    - { organisation: ville-metz, side: partner, signatories: [{ name: Maire de Metz, title: Maire, signedOn: ${o.citySignedOn} }] }
  period: { effective: { rule: last_signature }, endsOn: ${o.endsOn}${cap}, source: "essai art. 1" }
  termination:
    notice: { months: 1, before: end, source: "essai art. 2" }
    breach: { formalNoticeMonths: 1, source: "essai art. 2" }
  programmes:
    globalSupport:
      initialMonths: 12
      renewalsAllowed: 1
      monthsPerRenewal: 6
      maxTotalMonths: 18
      daysFromOrientationToStart: 21
      daysFromEntryToFirstAppointments: 15
      maxSocialOnlyMonths: 6
      targetActiveCasesPerAdvisor: null
      reviewCadenceMonths: 1
      directEntryAllowed: true
      sources: { initialMonths: "essai art. 4" }
${o.extra ?? ""}`;
}
