import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useDidShow } from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { type ProposalSummary, proposals } from '../../../../services/community'
import { messageOf } from '../../../../services/errors'
import '../../components/community.scss'
import { codeParam, day, go, PAGES } from '../../components/nav'

const TAG = { open: 'cm-tag', voting: 'cm-tag cm-tag--orange', closed: 'cm-tag cm-tag--green' } as const

/** 议事协商 of one community: the residents' proposals, newest first; propose one. */
export default function CommunityProposalsPage() {
  const code = codeParam()
  const [items, setItems] = useState<ProposalSummary[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    setError(null)
    setItems(null)
    if (!code) {
      setError('链接有误：请从村/社区页面进入')
      return
    }
    try {
      setItems(await proposals(code))
    } catch (e) {
      setError(messageOf(e))
    }
  }, [code])
  useEffect(() => {
    void load()
  }, [load])
  // Back from a proposal or the propose page: show what changed.
  useDidShow(() => {
    if (items) void load()
  })

  return (
    <PageShell className="cm-proposals">
      <View className="mz-section mz-card cm-card">
        <Text className="cm-hint">
          本村/社区经确认的居民可以提出议题、发表意见；村/居委会发起投票后，每位居民投一票，结束后公布各选项票数和回执清单，人人可核对。
        </Text>
        {code ? (
          <View className="cm-actions">
            <Button type="primary" onClick={() => go(PAGES.propose(code))}>
              提出议题
            </Button>
          </View>
        ) : null}
      </View>
      {!items && !error ? <LoadingBlock /> : null}
      {error ? (
        <EmptyState title="加载失败" description={error}>
          {code ? <Button onClick={() => void load()}>重试</Button> : null}
        </EmptyState>
      ) : null}
      {items && !items.length ? <EmptyState title="暂无议题" description="本村/社区还没有居民提出议题" /> : null}
      {items?.map((p) => (
        <View key={p.id} className="mz-section mz-card cm-card cm-proposal" onClick={() => go(PAGES.proposal(p.id))}>
          <View>
            <Text className={TAG[p.status]}>{p.statusLabel}</Text>
            <Text className="cm-title">{p.title}</Text>
          </View>
          <Text className="cm-hint">
            {day(p.createdAt)} 提出
            {p.status === 'voting' ? ` · 已投${p.ballots}票` : ''}
            {p.result ? ` · 共${p.result.total}票` : ''}
          </Text>
        </View>
      ))}
    </PageShell>
  )
}
