import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { type ElectionView, elections } from '../../../../services/community'
import { messageOf } from '../../../../services/errors'
import '../../components/community.scss'
import { codeParam, day } from '../../components/nav'

const TAG = { announced: 'cm-tag', candidates: 'cm-tag cm-tag--orange', finished: 'cm-tag cm-tag--green' } as const

/** 村/居委会换届: each term's 选举公告, candidate list and results, newest term first. */
export default function CommunityElectionsPage() {
  const code = codeParam()
  const [items, setItems] = useState<ElectionView[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    setError(null)
    setItems(null)
    if (!code) {
      setError('链接有误：请从村/社区页面进入')
      return
    }
    try {
      setItems(await elections(code))
    } catch (e) {
      setError(messageOf(e))
    }
  }, [code])
  useEffect(() => {
    void load()
  }, [load])

  return (
    <PageShell className="cm-elections">
      {!items && !error ? <LoadingBlock /> : null}
      {error ? (
        <EmptyState title="加载失败" description={error}>
          {code ? <Button onClick={() => void load()}>重试</Button> : null}
        </EmptyState>
      ) : null}
      {items && !items.length ? (
        <EmptyState title="暂无换届选举信息" description="本村/社区暂未发布换届选举公告" />
      ) : null}
      {items?.map((e) => (
        <View key={e.id} className="mz-section mz-card cm-card cm-election" data-term={e.term}>
          <View>
            <Text className={TAG[e.status]}>{e.statusLabel}</Text>
            <Text className="cm-title">
              第{e.term}届 · {e.title}
            </Text>
          </View>
          <Text className="cm-hint">更新于 {day(e.updatedAt)}</Text>
          <Text className="cm-body">{e.announcement}</Text>
          {e.candidates.length ? (
            <View className="cm-card">
              <Text className="cm-line">候选人名单（{e.candidates.length}人）</Text>
              {e.candidates.map((c) => (
                <View key={`${c.name}-${c.role}`} className="cm-row">
                  <Text className="cm-name">
                    {c.name}（{c.role}）
                  </Text>
                  {c.intro ? <Text className="cm-intro">{c.intro}</Text> : null}
                </View>
              ))}
            </View>
          ) : null}
          {e.results.length ? (
            <View className="cm-card" data-testid="election-results">
              <Text className="cm-line">选举结果</Text>
              {e.results.map((r) => (
                <View key={`${r.name}-${r.role}`} className="cm-row">
                  <Text className="cm-name">
                    {r.name}（{r.role}）
                  </Text>
                  <Text className={r.elected ? 'cm-ok' : 'cm-hint'}>
                    {r.votes}票{r.elected ? ' · 当选' : ''}
                  </Text>
                </View>
              ))}
            </View>
          ) : null}
        </View>
      ))}
    </PageShell>
  )
}
