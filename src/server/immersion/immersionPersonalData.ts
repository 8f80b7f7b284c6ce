import { IMMERSION_FOLLOW_UP_LABELS, OBJECTIVE_REACHED_LABELS, type ImmersionFollowUp, type ObjectiveReached } from "../../domain/immersion/immersionRules.js";
import { frenchDate } from "../../domain/shared/calendarDate.js";
import { IMMERSION_OBJECT_LABELS, type ImmersionObject } from "../../shared/contracts/conventionFile.js";
import { actingPartyIdsSql } from "../convention/conventionTerms.js";
import type { Db } from "../platform/db.js";
import type { HeldCategory } from "../support/personalDataHeld.js";

/** What the immersion context holds about one person, for the answer to an access request (ADR 0031), under the answering organisation's conventions. */
export async function immersionDataHeldBy(db: Db, organisationId: string, jobSeekerId: string, today: string): Promise<HeldCategory[]> {
  const rows = await db.query<{
    number: string;
    host: string;
    prescriber_org: string;
    starts_on: string;
    ends_on: string;
    object: ImmersionObject;
    rome_code: string;
    rome_label: string;
    tutor_name: string;
    assessed_on: string | null;
    objective_reached: ObjectiveReached | null;
    follow_up: ImmersionFollowUp | null;
    assessment_comment: string | null;
  }>(
    `SELECT c.number, h.name AS host, po.name AS prescriber_org, i.starts_on::text, i.ends_on::text, i.object, i.rome_code, i.rome_label, i.tutor_name,
            i.assessed_on::text, i.objective_reached, i.follow_up, i.assessment_comment
       FROM immersions i JOIN conventions c ON c.id = i.convention_id JOIN organisations h ON h.id = i.host_org_id JOIN organisations po ON po.id = i.prescriber_org_id
      WHERE i.job_seeker_id = $2 AND $1::uuid = ANY(${actingPartyIdsSql("i.convention_id", "$3::date")})
      ORDER BY i.starts_on`,
    [organisationId, jobSeekerId, today],
  );
  if (rows.length === 0) return [];
  return [
    {
      title: "Immersions en milieu professionnel (PMSMP)",
      lines: rows.flatMap((i) => [
        `Chez ${i.host} du ${frenchDate(i.starts_on)} au ${frenchDate(i.ends_on)} (convention ${i.number}, prescrite par ${i.prescriber_org}) : ${IMMERSION_OBJECT_LABELS[i.object].toLowerCase()}, métier ${i.rome_label} (${i.rome_code}), tuteur ${i.tutor_name}`,
        ...(i.assessed_on && i.objective_reached && i.follow_up
          ? [
              `Bilan du ${frenchDate(i.assessed_on)} : objectif atteint — ${OBJECTIVE_REACHED_LABELS[i.objective_reached].toLowerCase()} ; suite — ${IMMERSION_FOLLOW_UP_LABELS[i.follow_up].toLowerCase()}${i.assessment_comment ? ` ; ${i.assessment_comment}` : ""}`,
            ]
          : []),
      ]),
      source: "Le prescripteur et la structure d’accueil",
      recipients: "Le prescripteur (France Travail) et la structure d’accueil",
    },
  ];
}
