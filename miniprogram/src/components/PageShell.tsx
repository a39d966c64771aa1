import { ConfigProvider } from '@nutui/nutui-react-taro'
import type { PropsWithChildren } from 'react'
import { ELDERLY_CLASS, useElderlyMode } from '../hooks/elderly'
import { nutTheme } from './theme'

interface Props {
  className?: string
}

/**
 * Root of every page: carries `.mz-page` (and `.mz-elderly` in 长辈模式) and NutUI's theme,
 * so type size and contrast follow the citizen's choice everywhere.
 */
export function PageShell({ className, children }: PropsWithChildren<Props>) {
  const { enabled } = useElderlyMode()
  const classes = ['mz-page', enabled ? ELDERLY_CLASS : '', className ?? ''].filter(Boolean).join(' ')
  return (
    <ConfigProvider className={classes} theme={nutTheme(enabled)}>
      {children}
    </ConfigProvider>
  )
}
