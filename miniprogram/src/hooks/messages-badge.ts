import { useEffect } from 'react'
import { refreshMessagesBadge } from '../services/notices'
import { useAuth } from './auth'

/** How often the 消息 badge asks for the unread count while the app is open (a notice may arrive any time). */
export const BADGE_POLL_MS = 15_000

/**
 * The 消息 tab's unread badge from launch: as soon as the citizen is logged in, then every
 * BADGE_POLL_MS, so a citizen called to a window while on 首页 sees the new notice counted.
 */
export function MessagesBadge(): null {
  const { status } = useAuth()
  useEffect(() => {
    if (status !== 'ready') return
    void refreshMessagesBadge()
    const timer = setInterval(() => void refreshMessagesBadge(), BADGE_POLL_MS)
    return () => clearInterval(timer)
  }, [status])
  return null
}
