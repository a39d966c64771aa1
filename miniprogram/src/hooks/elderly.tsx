import Taro from '@tarojs/taro'
import { createContext, createElement, useCallback, useContext, useMemo, useState, type PropsWithChildren } from 'react'

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
  const value = useMemo(() => ({ enabled, setEnabled }), [enabled, setEnabled])
  return createElement(ElderlyContext.Provider, { value }, children)
}

export function useElderlyMode(): ElderlyMode {
  return useContext(ElderlyContext)
}

/** The class every page root carries when 长辈模式 is on. */
export const ELDERLY_CLASS = 'mz-elderly'
