import "../zodFrench.js";
import { z } from "zod";

/** The convention's governance run in Tandem (ADR 0034): meetings on due slots, agenda, minutes, actions. */

export const SIDES = ["france_travail", "partner"] as const;
export const SideSchema = z.enum(SIDES);
export const SIDE_LABELS: Record<(typeof SIDES)[number], string> = { france_travail: "France Travail", partner: "Partenaires" };

export const SLOT_STATES = ["held", "scheduled", "overdue", "due"] as const;
export const ATTENDANCES = ["present", "excused", "absent"] as const;
export const ATTENDANCE_LABELS: Record<(typeof ATTENDANCES)[number], string> = { present: "Présent", excused: "Excusé", absent: "Absent" };
export const ACTION_STATUSES = ["todo", "in_progress", "done"] as const;
export const ACTION_STATUS_LABELS: Record<(typeof ACTION_STATUSES)[number], string> = { todo: "À faire", in_progress: "En cours", done: "Faite" };

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "Heure attendue au format HH:MM (par exemple 14:30).");
const text = (max: number) => z.string().trim().min(1).max(max);

export const ScheduleMeetingSchema = z
  .strictObject({
    bodyKey: z.string().regex(/^[a-z0-9_]+$/).max(60),
    slotDueOn: z.iso.date(),
    heldOn: z.iso.date(),
    heldAt: time,
    place: z.string().trim().max(300).optional(),
    videoLink: z.url({ protocol: /^https$/, message: "Lien de visioconférence attendu en https://…" }).max(500).optional(),
  })
  .refine((b) => Boolean(b.place) || Boolean(b.videoLink), { path: ["place"], message: "Indiquez le lieu de la réunion ou un lien de visioconférence." });
export type ScheduleMeeting = z.infer<typeof ScheduleMeetingSchema>;

export const AgendaItemSchema = z.strictObject({ text: text(1000) });

export const MinutesSchema = z.strictObject({
  recordedOn: z.iso.date(),
  attendance: z.array(z.strictObject({ userId: z.uuid(), attendance: z.enum(ATTENDANCES) })).max(200),
  decisions: z.array(text(2000)).max(100),
});
export type MinutesInput = z.infer<typeof MinutesSchema>;

export const NewActionSchema = z.strictObject({ text: text(1000), ownerId: z.uuid(), dueOn: z.iso.date() });
export const ActionStatusSchema = z.strictObject({ status: z.enum(ACTION_STATUSES) });

export const ActionSchema = z.object({
  id: z.string(),
  meetingId: z.string(),
  text: z.string(),
  owner: z.object({ id: z.string(), name: z.string() }),
  dueOn: z.string(),
  status: z.enum(ACTION_STATUSES),
  doneOn: z.string().nullable(),
  overdue: z.boolean(),
  canUpdate: z.boolean(),
});

export const SlotSchema = z.object({
  dueOn: z.string(),
  from: z.string(),
  label: z.string(),
  secretariat: SideSchema,
  state: z.enum(SLOT_STATES),
  meetingId: z.string().nullable(),
});

export const GovernanceOverviewSchema = z.object({
  conventionId: z.string(),
  number: z.string(),
  effectiveOn: z.string().nullable(),
  endsOn: z.string(),
  canSchedule: z.boolean(),
  bodies: z.array(
    z.object({
      key: z.string(),
      name: z.string(),
      source: z.string(),
      members: z.array(z.string()),
      /** The slots from one year before today on: what the page offers to schedule and what it shows overdue. */
      slots: z.array(SlotSchema),
      nextDue: SlotSchema.nullable(),
      lastHeld: z.object({ meetingId: z.string(), heldOn: z.string() }).nullable(),
      overdue: z.number().int(),
    }),
  ),
  meetings: z.array(z.object({ id: z.string(), bodyKey: z.string(), label: z.string(), heldOn: z.string(), heldAt: z.string(), state: z.enum(SLOT_STATES) })),
  openActions: z.array(ActionSchema),
  /** Each commitment's last review: the last adopted minutes whose agenda held it. */
  commitmentReviews: z.array(z.object({ key: z.string(), lastReviewedOn: z.string(), meetingId: z.string() })),
});
export type GovernanceOverview = z.infer<typeof GovernanceOverviewSchema>;

export const MeetingSchema = z.object({
  id: z.string(),
  conventionId: z.string(),
  conventionNumber: z.string(),
  bodyKey: z.string(),
  bodyName: z.string(),
  label: z.string(),
  slotDueOn: z.string(),
  heldOn: z.string(),
  heldAt: z.string(),
  place: z.string().nullable(),
  videoLink: z.string().nullable(),
  secretariat: z.object({ side: SideSchema, organisation: z.string() }),
  state: z.enum(SLOT_STATES),
  invitees: z.array(z.object({ userId: z.string(), name: z.string(), organisation: z.string(), attendance: z.enum(ATTENDANCES).nullable() })),
  agenda: z.object({
    commitments: z.array(z.object({ key: z.string(), description: z.string(), owner: z.string(), target: z.number(), value: z.number().nullable(), status: z.string(), statusLabel: z.string() })),
    deadlines: z.array(z.object({ dueOn: z.string(), label: z.string(), kind: z.string() })),
    deadlinesFrom: z.string(),
    deadlinesTo: z.string(),
    indicatorsUrl: z.string(),
    /** The last quarter ended before the meeting, for those who may read the indicators (null: the link only). */
    figures: z
      .object({ period: z.string(), figures: z.array(z.object({ key: z.string(), name: z.string(), display: z.string(), frozen: z.boolean() })) })
      .nullable(),
    items: z.array(z.object({ id: z.string(), text: z.string(), author: z.string(), createdAt: z.string() })),
  }),
  minutes: z.object({
    version: z.number().int(),
    recordedOn: z.string().nullable(),
    adoptedOn: z.string().nullable(),
    decisions: z.array(z.string()),
    adoptions: z.array(z.object({ side: SideSchema, by: z.string(), organisation: z.string(), adoptedAt: z.string() })),
    sidesToAdopt: z.array(SideSchema),
  }),
  actions: z.array(ActionSchema),
  candidateOwners: z.array(z.object({ id: z.string(), name: z.string() })),
  can: z.object({ write: z.boolean(), addItem: z.boolean(), recordMinutes: z.boolean(), adoptAs: SideSchema.nullable(), correct: z.boolean() }),
});
export type Meeting = z.infer<typeof MeetingSchema>;

export type MeetingFigures = NonNullable<z.infer<typeof MeetingSchema>["agenda"]["figures"]>;
