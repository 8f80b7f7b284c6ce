import type { Role } from "../../shared/roles.js";

export type SessionUser = {
  id: string;
  email: string;
  firstName: string;
  lastName: string;
  organisationId: string;
  roles: Role[];
};

/** Who asks, from where, under which request id: what every use case and audit event needs. */
export type RequestContext = {
  user: SessionUser | null;
  requestId: string;
  ip: string;
};

export const systemContext = (requestId = "system"): RequestContext => ({ user: null, requestId, ip: "local" });
