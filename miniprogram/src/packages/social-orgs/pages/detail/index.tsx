import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { useAuth } from '../../../../hooks/auth'
import { isPermanent, messageOf } from '../../../../services/errors'
import { listArticles, type MatrixArticle } from '../../../../services/matrix'
import { followStatus, getOrg, setFollowing, type OrgProfile } from '../../../../services/social-orgs'
import { ArticleCard } from '../../components/ArticleCard'
import { CreditBadge } from '../../components/CreditBadge'
import { CreditTimeline } from '../../components/CreditTimeline'
import { InfoRows } from '../../components/InfoRows'
import { go, pageParams, PAGES } from '../../components/nav'
import { RatingStars } from '../../components/RatingStars'
import './index.scss'

const CREDIT_NOTES = {
  normal: '该组织当前未被列入活动异常名录或严重违法失信名单。',
  abnormal: '该组织已被列入活动异常名录，请谨慎与其开展合作或向其缴纳费用。',
  serious: '该组织已被列入严重违法失信名单，依法受到联合惩戒，请勿参与其活动。'
} as const

function money(yuan: number | null): string | null {
  if (yuan === null) return null
  return yuan >= 10000 ? `${(yuan / 10000).toLocaleString('zh-CN', { maximumFractionDigits: 2 })}万元` : `${yuan}元`
}

/** Whether a certificate's last valid day (YYYY-MM-DD) is before today in Beijing. */
export function certificateExpired(validTo: string | null, now = Date.now()): boolean {
  if (!validTo) return false
  const today = new Date(now + 8 * 3600_000).toISOString().slice(0, 10)
  return validTo < today
}

/** 社会组织详情: registration facts, credit status and its history, rating, inspections, penalties, news. */
export default function SocialOrgDetailPage() {
  const uscc = useMemo(() => pageParams().uscc ?? '', [])
  const auth = useAuth()
  const [profile, setProfile] = useState<OrgProfile | null>(null)
  const [error, setError] = useState<string | null>(null)
  // A wrong credit code or an organization that does not exist: retrying cannot help.
  const [permanent, setPermanent] = useState(false)
  const [loading, setLoading] = useState(true)
  const [articles, setArticles] = useState<MatrixArticle[]>([])
  const [following, setFollowingState] = useState<boolean | null>(null)
  const [followBusy, setFollowBusy] = useState(false)

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      const p = await getOrg(uscc)
      setProfile(p)
      Taro.setNavigationBarTitle?.({ title: p.org.name })?.catch?.(() => {})
      listArticles({ q: p.org.name, pageSize: 3 })
        .then((a) => setArticles(a.items))
        .catch(() => setArticles([]))
    } catch (e) {
      setError(messageOf(e))
      setPermanent(isPermanent(e))
    } finally {
      setLoading(false)
    }
  }, [uscc])

  useEffect(() => {
    void load()
  }, [load])

  useEffect(() => {
    if (!auth.user || !profile) return
    followStatus(uscc)
      .then(setFollowingState)
      .catch(() => setFollowingState(false))
  }, [auth.user, profile, uscc])

  const toggleFollow = async () => {
    if (followBusy) return
    setFollowBusy(true)
    try {
      if (!auth.user) {
        await auth.retry()
        Taro.showToast({ title: '登录后即可关注', icon: 'none' })
        return
      }
      const next = await setFollowing(uscc, !following)
      setFollowingState(next)
      Taro.showToast({ title: next ? '已关注，信用变化将通知您' : '已取消关注', icon: 'none' })
    } catch {
      // the API client has shown the message
    } finally {
      setFollowBusy(false)
    }
  }

  if (loading) {
    return (
      <PageShell className="so-detail">
        <LoadingBlock />
      </PageShell>
    )
  }
  if (error || !profile) {
    return (
      <PageShell className="so-detail">
        <View className="mz-section mz-card">
          {permanent ? (
            <EmptyState icon="search" title="未找到该社会组织" description={error ?? undefined} />
          ) : (
            <EmptyState icon="shield" title="暂时无法加载" description={error ?? undefined}>
              <Button type="primary" size="small" onClick={() => void load()}>
                重试
              </Button>
            </EmptyState>
          )}
        </View>
      </PageShell>
    )
  }

  const { org } = profile
  return (
    <PageShell className="so-detail">
      <View className={`so-detail__hero so-detail__hero--${profile.creditStatus}`}>
        <Text className="so-detail__name" data-testid="org-name">
          {org.name}
        </Text>
        <View className="so-detail__tags">
          <Text className="so-detail__tag">{org.typeName}</Text>
          <Text className="so-detail__tag">登记状态：{org.statusName}</Text>
        </View>
        <Text className="so-detail__code">统一社会信用代码 {org.uscc}</Text>
      </View>

      <View className="mz-section mz-card so-detail__credit" data-testid="credit-card">
        <View className="so-detail__credit-head">
          <Text className="so-detail__credit-label">信用状态</Text>
          <CreditBadge status={profile.creditStatus} orgStatus={org.status} large />
        </View>
        <Text className="so-detail__credit-note">
          {org.status === 'active'
            ? CREDIT_NOTES[profile.creditStatus]
            : `该组织已${org.statusName}登记，不再是合法存续的社会组织，请勿以其名义参与活动或缴纳费用。`}
        </Text>
        <Text className="so-detail__asof">信息截至 {profile.asOf}</Text>
      </View>

      <View className="mz-section mz-card">
        <View className="mz-section-title">登记信息</View>
        <InfoRows
          rows={[
            ['法定代表人', org.legalRepresentative],
            ['登记管理机关', `${org.authority}（${org.authorityLevelName}）`],
            ['业务主管单位', org.supervisor],
            ['所在地区', org.divisionName],
            ['成立登记日期', org.registeredAt],
            ['注册资金', money(org.registeredCapital)],
            ['住所', org.address],
            ['业务范围', org.businessScope],
            [
              '证书有效期',
              org.certificate.validFrom
                ? `${org.certificate.validFrom} 至 ${org.certificate.validTo ?? '—'}${certificateExpired(org.certificate.validTo) ? '（已过期）' : ''}`
                : null
            ]
          ]}
        />
      </View>

      <View className="mz-section mz-card">
        <View className="mz-section-title">信用记录</View>
        <CreditTimeline history={profile.creditHistory} />
      </View>

      <View className="mz-section mz-card">
        <View className="mz-section-title">评估等级</View>
        <RatingStars rating={profile.rating} />
      </View>

      <View className="mz-section mz-card">
        <View className="mz-section-title">年检年报</View>
        {profile.inspections.length ? (
          profile.inspections.map((i) => (
            <View key={`${i.year}-${i.kind}`} className="so-detail__inspection">
              <Text className="so-detail__year">{i.year}年度</Text>
              <Text className="so-detail__kind">{i.kindName}</Text>
              <Text className={`so-detail__result so-detail__result--${i.result}`}>{i.resultName}</Text>
            </View>
          ))
        ) : (
          <Text className="mz-muted">暂无年检年报记录</Text>
        )}
      </View>

      <View className="mz-section mz-card">
        <View className="mz-section-title">行政处罚</View>
        {profile.penalties.length ? (
          profile.penalties.map((p) => (
            <View key={p.decisionNo} className="so-detail__penalty">
              <View className="so-detail__penalty-head">
                <Text className="so-detail__penalty-kind">{p.kind}</Text>
                <Text className="so-detail__penalty-date">{p.date}</Text>
              </View>
              <Text className="so-detail__penalty-text">{p.reason}</Text>
              <Text className="so-detail__penalty-meta">
                {p.authority} · {p.decisionNo}
                {p.amount ? ` · 罚款${money(p.amount)}` : ''}
              </Text>
            </View>
          ))
        ) : (
          <Text className="mz-muted">暂无行政处罚记录</Text>
        )}
      </View>

      <View className="mz-section mz-card" data-testid="related-news">
        <View className="so-detail__news-head">
          <View className="mz-section-title">相关动态</View>
          <Text className="so-detail__news-more" onClick={() => go(PAGES.news)}>
            更多 ›
          </Text>
        </View>
        {articles.length ? (
          articles.map((a) => <ArticleCard key={a.id} article={a} compact />)
        ) : (
          <Text className="mz-muted">暂无提及该组织的动态</Text>
        )}
      </View>

      <View className="so-detail__spacer" />
      <View className="so-detail__bar">
        <Button
          className="so-detail__follow"
          type={following ? 'default' : 'primary'}
          fill={following ? 'outline' : 'solid'}
          loading={followBusy}
          onClick={() => void toggleFollow()}
        >
          {following ? '已关注' : '＋ 关注'}
        </Button>
        <Button
          className="so-detail__report"
          type="danger"
          onClick={() => go(PAGES.complaintAgainstOrg(org.uscc, org.name))}
        >
          投诉举报
        </Button>
      </View>
    </PageShell>
  )
}
