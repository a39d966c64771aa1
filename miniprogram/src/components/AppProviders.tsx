import type { PropsWithChildren } from 'react'
import { AuthProvider } from '../hooks/auth'
import { ElderlyModeProvider } from '../hooks/elderly'
import { MessagesBadge } from '../hooks/messages-badge'
import { SiteProvider } from '../hooks/site'

/** Everything every page may read: 长辈模式, region settings, the logged-in citizen. */
export function AppProviders({ children }: PropsWithChildren) {
  return (
    <ElderlyModeProvider>
      <SiteProvider>
        <AuthProvider>
          <MessagesBadge />
          {children}
        </AuthProvider>
      </SiteProvider>
    </ElderlyModeProvider>
  )
}
