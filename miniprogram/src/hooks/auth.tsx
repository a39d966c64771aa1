import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type PropsWithChildren
} from 'react'
import { login } from '../services/auth'
import { getMe } from '../services/me'
import type { User } from '../services/types'
import { messageOf } from '../services/errors'

export type AuthStatus = 'loading' | 'ready' | 'error'

export interface AuthState {
  status: AuthStatus
  user: User | null
  error: string | null
  /** replace the user after a change (identity, phone) */
  setUser(user: User): void
  /** log in again (after an error) */
  retry(): Promise<void>
  /** reload the user from GET /api/me */
  refresh(): Promise<void>
}

const AuthContext = createContext<AuthState | null>(null)

/** Logs in silently when the app starts and keeps the citizen's profile for every page. */
export function AuthProvider({ children }: PropsWithChildren) {
  const [status, setStatus] = useState<AuthStatus>('loading')
  const [user, setUserState] = useState<User | null>(null)
  const [error, setError] = useState<string | null>(null)
  const mounted = useRef(true)

  const run = useCallback(async (task: () => Promise<User>) => {
    try {
      const next = await task()
      if (!mounted.current) return
      setUserState(next)
      setError(null)
      setStatus('ready')
    } catch (e) {
      if (!mounted.current) return
      setError(messageOf(e))
      setStatus('error')
    }
  }, [])

  const retry = useCallback(async () => {
    setStatus('loading')
    await run(login)
  }, [run])

  const refresh = useCallback(() => run(getMe), [run])

  const setUser = useCallback((next: User) => {
    setUserState(next)
    setStatus('ready')
  }, [])

  useEffect(() => {
    mounted.current = true
    void run(login)
    return () => {
      mounted.current = false
    }
  }, [run])

  const value = useMemo(
    () => ({ status, user, error, setUser, retry, refresh }),
    [status, user, error, setUser, retry, refresh]
  )
  return createElement(AuthContext.Provider, { value }, children)
}

export function useAuth(): AuthState {
  const state = useContext(AuthContext)
  if (!state) throw new Error('useAuth outside AuthProvider')
  return state
}
