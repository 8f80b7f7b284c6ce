import { createContext, type ReactNode, useCallback, useContext, useEffect, useState } from "react";
import { type CurrentUser, SessionResponseSchema } from "../shared/contracts/identity";
import type { Role } from "../shared/roles";
import { api, setUnauthenticatedHandler } from "./api";

type SessionState = {
  user: CurrentUser | null;
  loading: boolean;
  setUser: (user: CurrentUser | null) => void;
  refresh: () => Promise<void>;
  /** True when the session ended on the server (idle, logout elsewhere): the login page says so. */
  expired: boolean;
};

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUserState] = useState<CurrentUser | null>(null);
  const [loading, setLoading] = useState(true);
  const [expired, setExpired] = useState(false);
  const refresh = useCallback(async () => {
    const session = await api.get("/api/session", SessionResponseSchema);
    setUserState(session.user);
    setLoading(false);
  }, []);
  const setUser = useCallback((u: CurrentUser | null) => {
    setExpired(false);
    setUserState(u);
  }, []);
  useEffect(() => {
    setUnauthenticatedHandler(() => {
      setExpired(true);
      setUserState(null);
    });
    refresh().catch(() => setLoading(false));
  }, [refresh]);
  return <SessionContext.Provider value={{ user, loading, setUser, refresh, expired }}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const ctx = useContext(SessionContext);
  if (!ctx) throw new Error("useSession hors de SessionProvider");
  return ctx;
}

export const hasAnyRole = (user: CurrentUser | null, roles?: readonly Role[]) =>
  !roles || (user !== null && roles.some((r) => user.roles.includes(r)));
