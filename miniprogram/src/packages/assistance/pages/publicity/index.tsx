import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { FormField } from '../../../../components/FormField'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { useAuth } from '../../../../hooks/auth'
import { myApplications, objectTo, type PublicityItem, publicityOf, yuan } from '../../../../services/assistance'
import { isApiError, messageOf } from '../../../../services/errors'
import '../../components/assistance.scss'
import { go, PAGES, pageParams } from '../../components/nav'

const COMMUNITY = /^\d{12}$/

/**
 * 公示: the families proposed for 低保 or 特困 in a community — head of household (masked), size,
 * proposed amount and the period. A real-named resident may object with facts and reasons; the
 * applicant does not learn who objected.
 */
export default function PublicityPage() {
  const { user } = useAuth()
  const [community, setCommunity] = useState(() => pageParams().community ?? '')
  const [shown, setShown] = useState<string | null>(null)
  const [board, setBoard] = useState<{ communityName: string; items: PublicityItem[] } | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [loading, setLoading] = useState(false)
  const [objecting, setObjecting] = useState<string | null>(null)
  const [reason, setReason] = useState('')
  const [reasonError, setReasonError] = useState<string | null>(null)
  const [sent, setSent] = useState<Set<string>>(new Set())

  const load = useCallback(async (code: string) => {
    setLoading(true)
    setError(null)
    setShown(code)
    try {
      setBoard(await publicityOf(code))
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setLoading(false)
    }
  }, [])

  // My community: from the query, else from my latest application.
  const initial = useMemo(() => pageParams().community ?? '', [])
  useEffect(() => {
    if (!user) return
    if (initial) {
      void load(initial)
      return
    }
    myApplications()
      .then(({ items }) => {
        const code = items[0]?.divisionCode
        if (code && COMMUNITY.test(code)) {
          setCommunity(code)
          void load(code)
        }
      })
      .catch(() => {})
  }, [user, initial, load])

  const search = () => {
    if (!COMMUNITY.test(community)) {
      Taro.showToast({ title: '请输入12位村（社区）代码', icon: 'none' })
      return
    }
    void load(community)
  }

  const object = async (number: string) => {
    const text = reason.trim()
    if (text.length < 10) {
      setReasonError('请写明异议的事实和理由（至少10字）')
      return
    }
    setReasonError(null)
    try {
      await objectTo(number, text)
      setSent((s) => new Set(s).add(number))
      setObjecting(null)
      setReason('')
      Taro.showToast({ title: '异议已提交，将重新调查核实', icon: 'none' })
    } catch (e) {
      if (isApiError(e) && e.fields.reason) setReasonError(e.fields.reason)
    }
  }

  return (
    <PageShell className="as-publicity">
      <View className="mz-section mz-card">
        <FormField
          name="community"
          label="村（社区）代码"
          type="number"
          value={community}
          maxLength={12}
          placeholder="12位代码，可向社区居委会询问"
          onChange={setCommunity}
        />
        <Button type="primary" size="small" onClick={search}>
          查询公示
        </Button>
      </View>
      {loading ? <LoadingBlock /> : null}
      {error ? (
        <View className="mz-section mz-card" data-testid="error">
          <EmptyState title="加载失败" description={error}>
            <Button type="primary" size="small" onClick={() => shown && load(shown)}>
              重试
            </Button>
          </EmptyState>
        </View>
      ) : null}
      {!loading && !error && board && !board.items.length ? (
        <View className="mz-section mz-card" data-testid="empty">
          <EmptyState title="当前没有正在公示的救助对象" description={`${board.communityName}暂无公示`} />
        </View>
      ) : null}
      {!loading && board?.items.length ? (
        <View className="mz-section">
          {board.items.map((i) => (
            <View key={i.number} className="mz-card as-list__item" data-number={i.number}>
              <Text className="as-list__title">
                {i.headName}家庭（{i.householdSize}人）
              </Text>
              <Text className="as-list__meta">
                {i.kindName} · 拟救助{yuan(i.proposedAmountCents)}/月
              </Text>
              <Text className="as-list__meta">
                公示期：{i.startsOn} 至 {i.endsOn ?? '—'}
              </Text>
              {sent.has(i.number) ? (
                <Text className="as-hint">您的异议已提交</Text>
              ) : objecting === i.number ? (
                <View data-testid="objection-form">
                  <FormField
                    name="reason"
                    label="异议事实和理由"
                    value={reason}
                    maxLength={1000}
                    error={reasonError}
                    placeholder="请如实填写，我们会重新调查核实"
                    onChange={setReason}
                  />
                  <View className="as-actions">
                    <Button size="small" onClick={() => setObjecting(null)}>
                      取消
                    </Button>
                    <Button size="small" type="primary" onClick={() => object(i.number)}>
                      提交异议
                    </Button>
                  </View>
                </View>
              ) : (
                <View className="as-actions">
                  <Button size="small" fill="outline" onClick={() => setObjecting(i.number)}>
                    我有异议
                  </Button>
                  <Button size="small" fill="none" onClick={() => go(PAGES.reports({ caseNumber: i.number }))}>
                    监督举报
                  </Button>
                </View>
              )}
            </View>
          ))}
          <Text className="as-hint">提出异议须实名认证，异议人信息严格保密。</Text>
        </View>
      ) : null}
    </PageShell>
  )
}
