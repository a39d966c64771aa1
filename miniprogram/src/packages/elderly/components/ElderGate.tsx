import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import type { ReactNode } from 'react'
import { EmptyState } from '../../../components/EmptyState'
import { LoadingBlock } from '../../../components/LoadingBlock'
import { PageShell } from '../../../components/PageShell'
import { useAuth } from '../../../hooks/auth'

/**
 * The frame every signed-in page of 养老服务 shares (高龄津贴, 助餐, 能力评估, 亲属绑定): signed out →
 * what signing in is for; a failed load → the reason and 重试; still loading → the spinner; then
 * the page, handed the page's own data once it has arrived.
 */
export function ElderGate<T>(props: {
  className: string
  signInTitle: string
  error: string | null
  data: T | null
  onRetry(): void
  children: (data: T) => ReactNode
}) {
  const { user, status } = useAuth()
  let body: ReactNode
  if (status === 'error' && !user)
    body = (
      <View className="mz-section mz-card" data-testid="signed-out">
        <EmptyState icon="user" title={props.signInTitle} />
      </View>
    )
  else if (props.error)
    body = (
      <View className="mz-section mz-card" data-testid="error">
        <EmptyState title="加载失败" description={props.error}>
          <Button type="primary" size="small" onClick={props.onRetry}>
            重试
          </Button>
        </EmptyState>
      </View>
    )
  else if (props.data === null) body = <LoadingBlock />
  else body = props.children(props.data)
  return <PageShell className={props.className}>{body}</PageShell>
}
