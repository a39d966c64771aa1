import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { getKnowledge, type KnowledgeItem } from '../../../../services/halls'
import '../../../halls/halls.scss'

/** One article or FAQ of the 婚姻知识信息库, with a way to the matter it explains. */
export default function KnowledgePage() {
  const { params } = useRouter()
  const [entry, setEntry] = useState<KnowledgeItem | null>(null)
  const [error, setError] = useState<string | null>(null)
  useEffect(() => {
    getKnowledge(params.id ?? '').then(
      (r) => setEntry(r.entry),
      (e) => setError((e as Error).message)
    )
  }, [params.id])
  if (error)
    return (
      <PageShell>
        <View className="mz-section mz-card">
          <EmptyState title="未找到该条目" description={error} />
        </View>
      </PageShell>
    )
  if (!entry)
    return (
      <PageShell>
        <LoadingBlock />
      </PageShell>
    )
  return (
    <PageShell>
      <View className="mz-section mz-card">
        <Text className="hl-row__title">{entry.title}</Text>
        <Text className="hl-label">{entry.summary}</Text>
        <Text className="hl-text">{entry.body}</Text>
        {entry.serviceCode ? (
          <View className="mz-form-actions">
            <Button
              block
              type="primary"
              onClick={() => Taro.navigateTo({ url: `/packages/halls/pages/service/index?code=${entry.serviceCode}` })}
            >
              查看办事指南
            </Button>
          </View>
        ) : null}
      </View>
    </PageShell>
  )
}
