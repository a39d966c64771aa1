import Taro from '@tarojs/taro'
import {
  createContext,
  createElement,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useState,
  type PropsWithChildren
} from 'react'

const STORAGE_KEY = 'mz.elderlyMode'

export interface ElderlyMode {
  /** 长辈模式: larger type, higher contrast */
  enabled: boolean
  setEnabled(enabled: boolean): void
}

const ElderlyContext = createContext<ElderlyMode>({ enabled: false, setEnabled: () => {} })

export function readElderlyMode(): boolean {
  try {
    return Taro.getStorageSync(STORAGE_KEY) === true
  } catch {
    return false
  }
}

export function ElderlyModeProvider({ children }: PropsWithChildren) {
  const [enabled, setState] = useState<boolean>(readElderlyMode)
  const setEnabled = useCallback((next: boolean) => {
    setState(next)
    Taro.setStorageSync(STORAGE_KEY, next)
  }, [])
  // H5 draws the tab bar in the page's own DOM: 长辈模式 enlarges its labels and icons too (app.scss).
  // WeChat's native tab bar has no size to set.
  useEffect(() => {
    if (process.env.TARO_ENV !== 'h5' || typeof document === 'undefined') return
    document.documentElement.classList.toggle(ELDERLY_TABBAR_CLASS, enabled)
  }, [enabled])
  const value = useMemo(() => ({ enabled, setEnabled }), [enabled, setEnabled])
  return createElement(ElderlyContext.Provider, { value }, children)
}

export function useElderlyMode(): ElderlyMode {
  return useContext(ElderlyContext)
}

/** The class every page root carries when 长辈模式 is on. */
export const ELDERLY_CLASS = 'mz-elderly'

/** On H5, <html> carries this class in 长辈模式 (the tab bar lives outside every page root). */
export const ELDERLY_TABBAR_CLASS = 'mz-elderly-tabbar'
