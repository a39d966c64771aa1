import { View } from '@tarojs/components'
import { EmptyState } from '../../components/EmptyState'
import { PageShell } from '../../components/PageShell'

/** 消息:办事进度与通知 (a later issue fills it). */
export default function MessagesPage() {
  return (
    <PageShell className="mz-messages">
      <View className="mz-section mz-card">
        <EmptyState icon="bell" title="暂无消息" description="办事进度和通知会显示在这里" />
      </View>
    </PageShell>
  )
}
