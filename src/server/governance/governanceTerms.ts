import { type DueSlot, dueSlots, type GovernanceBody, type Side } from "../../domain/governance/meetingSlots.js";
import type { GovernanceConvention } from "../convention/governanceReadings.js";

/** The due slots of one body of a convention (none before every party has signed). */
export function bodySlots(conv: GovernanceConvention, body: GovernanceBody): DueSlot[] {
  if (!conv.effectiveOn) return [];
  return dueSlots(body, { effectiveOn: conv.effectiveOn, endsOn: conv.endsOn }, conv.firstSide);
}

const actingOn = (p: GovernanceConvention["parties"][number], onDate: string) => (!p.validFrom || p.validFrom <= onDate) && (!p.validTo || p.validTo > onDate);

/** The parties acting on a date, in the file's order. */
export const actingParties = (conv: GovernanceConvention, onDate: string) => conv.parties.filter((p) => actingOn(p, onDate));

/** The sides present among the parties acting on a date: each adopts the minutes. */
export const sidesOn = (conv: GovernanceConvention, onDate: string): Side[] => [...new Set(actingParties(conv, onDate).map((p) => p.side))];

/** The party that holds a side's secretariat on a date: the first of that side the file lists (its successor once substituted). */
export const secretariatParty = (conv: GovernanceConvention, side: Side, onDate: string) =>
  actingParties(conv, onDate).find((p) => p.side === side) ?? actingParties(conv, onDate)[0];
