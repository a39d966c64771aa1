import { useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { api, type ApiError, onSessionProblem, PASSWORD_CHANGE_CODES, setToken } from './api';
import { serverNow, setServerNow } from './beijing';
import type { Staff } from './types';

const STORAGE_KEY = 'mz-console-session';

interface Stored {
  token: string;
  expiresAt: string;
  staff: Staff;
}

export interface SessionState {
  staff: Staff | null;
  /** True while a stored token is being checked with the server at start. */
  checking: boolean;
  /** Why the last session ended (expired, signed out elsewhere), shown on the sign-in page. */
  endedBecause: string | null;
  signIn(username: string, password: string): Promise<Staff>;
  signOut(): Promise<void>;
  /** After the password was changed: the server may have issued a new token. */
  passwordChanged(next?: { token?: string; expiresAt?: string; staff?: Staff }): void;
  refresh(): Promise<void>;
}

const SessionContext = createContext<SessionState | null>(null);

function readStored(): Stored | null {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Stored;
    if (!s.token || new Date(s.expiresAt).getTime() <= serverNow()) return null;
    return s;
  } catch {
    return null;
  }
}

function store(s: Stored | null) {
  if (s) localStorage.setItem(STORAGE_KEY, JSON.stringify(s));
  else localStorage.removeItem(STORAGE_KEY);
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [stored, setStored] = useState<Stored | null>(() => {
    const s = readStored();
    setToken(s?.token ?? null);
    return s;
  });
  const [checking, setChecking] = useState(Boolean(stored));
  const [endedBecause, setEndedBecause] = useState<string | null>(null);

  const update = useCallback((s: Stored | null) => {
    setToken(s?.token ?? null);
    store(s);
    setStored(s);
  }, []);

  const end = useCallback(
    (why: string | null) => {
      update(null);
      queryClient.clear();
      setEndedBecause(why);
    },
    [update, queryClient],
  );

  // The server is the judge: a 401 anywhere ends the session; a demand for a new password sets the flag.
  useEffect(() => {
    onSessionProblem((error: ApiError) => {
      if (error.status === 401) {
        if (readStored()) end(error.message || '登录已过期，请重新登录');
        return;
      }
      if (PASSWORD_CHANGE_CODES.has(error.code)) {
        const s = readStored();
        if (s && !s.staff.mustChangePassword) update({ ...s, staff: { ...s.staff, mustChangePassword: true } });
      }
    });
  }, [end, update]);

  const refresh = useCallback(async () => {
    const s = readStored();
    if (!s) return;
    const { staff, now } = await api<{ staff: Staff; now: string }>('/api/staff/me');
    setServerNow(now);
    update({ ...s, staff: { ...s.staff, ...staff } });
  }, [update]);

  // Roles and scope may have changed since the token was stored.
  useEffect(() => {
    if (!stored) return;
    refresh()
      .catch(() => {})
      .finally(() => setChecking(false));
  }, []);

  const value = useMemo<SessionState>(
    () => ({
      staff: stored?.staff ?? null,
      checking,
      endedBecause,
      async signIn(username, password) {
        const r = await api<{
          token: string;
          expiresAt: string;
          staff: Staff;
          mustChangePassword?: boolean;
          now: string;
        }>('/api/staff/login', { method: 'POST', body: { username, password } });
        setServerNow(r.now);
        const staff = { ...r.staff, mustChangePassword: r.staff.mustChangePassword ?? r.mustChangePassword };
        queryClient.clear();
        update({ token: r.token, expiresAt: r.expiresAt, staff });
        setEndedBecause(null);
        return staff;
      },
      async signOut() {
        // The token dies on the server; the console forgets it even when the server cannot be reached.
        await api('/api/staff/logout', { method: 'POST' }).catch(() => {});
        end(null);
      },
      passwordChanged(next) {
        const s = readStored();
        if (!s) return;
        update({
          token: next?.token ?? s.token,
          expiresAt: next?.expiresAt ?? s.expiresAt,
          staff: { ...s.staff, ...(next?.staff ?? {}), mustChangePassword: false },
        });
      },
      refresh,
    }),
    [stored, checking, endedBecause, update, end, refresh, queryClient],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The signed-in account; only for pages inside the frame, which renders them signed in. */
export function useStaff(): Staff {
  const { staff } = useSession();
  if (!staff) throw new Error('useStaff without a session');
  return staff;
}
