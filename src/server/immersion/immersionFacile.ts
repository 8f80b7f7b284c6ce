import type { ImmersionObject } from "../../shared/contracts/conventionFile.js";

/**
 * The national service Immersion Facilitée (immersion-facile.beta.gouv.fr) makes the immersion's
 * agreement (« convention d'immersion »): its form « demande-immersion » reads these query
 * parameters to prefill itself (names taken from the service's own source, gip-inclusion/
 * immersion-facile: its shared convention links; not a versioned public API — ADR 0036). Tandem
 * passes only what the agreement needs that it holds: the person's name and e-mail, the host's
 * name, the tutor, the object, the trade as the activities, the dates.
 */
export const IMMERSION_FACILE_FORM = "https://immersion-facile.beta.gouv.fr/demande-immersion";

/** The objects as the service's form names them. */
const OBJECTIVE: Record<ImmersionObject, string> = {
  discover: "Découvrir un métier ou un secteur d'activité",
  confirm_project: "Confirmer un projet professionnel",
  initiate_recruitment: "Initier une démarche de recrutement",
};

export function immersionFacileUrl(i: {
  person: { firstName: string; lastName: string; email: string | null };
  hostName: string;
  tutor: { name: string; email: string; function: string };
  object: ImmersionObject;
  tradeLabel: string;
  startsOn: string;
  endsOn: string;
}): string {
  const [tutorFirst, ...tutorRest] = i.tutor.name.trim().split(/\s+/);
  const params = new URLSearchParams({
    firstName: i.person.firstName,
    lastName: i.person.lastName,
    email: i.person.email ?? "",
    businessName: i.hostName,
    etFirstName: tutorFirst ?? "",
    etLastName: tutorRest.join(" "),
    etJob: i.tutor.function,
    etEmail: i.tutor.email,
    immersionObjective: OBJECTIVE[i.object],
    immersionActivities: i.tradeLabel,
    dateStart: i.startsOn,
    dateEnd: i.endsOn,
  });
  return `${IMMERSION_FACILE_FORM}?${params.toString().replace(/\+/g, "%20")}`;
}
