import { z } from "zod";
import { OrganisationKindSchema, PASSWORD_MIN_LENGTH, RoleSchema } from "../roles.js";

export const EmailSchema = z.string().trim().toLowerCase().max(254).pipe(z.email("Adresse électronique invalide."));

export const PasswordSchema = z
  .string()
  .min(PASSWORD_MIN_LENGTH, `Le mot de passe doit contenir au moins ${PASSWORD_MIN_LENGTH} caractères.`)
  .max(200);

export const LoginRequestSchema = z.strictObject({
  email: EmailSchema,
  password: z.string().min(1, "Le mot de passe est obligatoire.").max(200),
});

export const CurrentUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  roles: z.array(RoleSchema),
  organisation: z.object({ id: z.uuid(), name: z.string(), kind: z.string() }),
});
export type CurrentUser = z.infer<typeof CurrentUserSchema>;

export const SessionResponseSchema = z.object({ user: CurrentUserSchema.nullable(), csrfToken: z.string() });
export type SessionResponse = z.infer<typeof SessionResponseSchema>;

export const ChangePasswordRequestSchema = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: PasswordSchema,
});

export const AcceptInvitationRequestSchema = z.strictObject({
  token: z.string().min(20).max(100),
  password: PasswordSchema,
});

/** What the caller may do to this account, decided by the server's policy (the page keeps no table of roles). */
export const UserAbilitiesSchema = z.object({ editRoles: z.boolean(), deactivate: z.boolean() });

export const OrganisationUserSchema = z.object({
  id: z.uuid(),
  email: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  roles: z.array(RoleSchema),
  active: z.boolean(),
  invitationPending: z.boolean(),
  createdAt: z.string(),
  abilities: UserAbilitiesSchema,
});
export type OrganisationUser = z.infer<typeof OrganisationUserSchema>;

export const OrganisationUsersResponseSchema = z.object({
  organisation: z.object({ id: z.uuid(), name: z.string(), kind: OrganisationKindSchema }),
  /** The roles the caller may give in this organisation: those its kind may hold (platform_admin only from a platform admin). */
  grantableRoles: z.array(RoleSchema),
  users: z.array(OrganisationUserSchema),
});
export type OrganisationUsersResponse = z.infer<typeof OrganisationUsersResponseSchema>;

export const InviteUserRequestSchema = z.strictObject({
  email: EmailSchema,
  firstName: z.string().trim().min(1, "Le prénom est obligatoire.").max(100),
  lastName: z.string().trim().min(1, "Le nom est obligatoire.").max(100),
  roles: z.array(RoleSchema).min(1, "Choisissez au moins un rôle.").max(8),
});

export const UpdateUserRequestSchema = z.strictObject({
  roles: z.array(RoleSchema).min(1, "Choisissez au moins un rôle.").max(8).optional(),
  active: z.boolean().optional(),
});
