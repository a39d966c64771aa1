import { Button, SearchBar } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { useCallback, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import {
  searchOrgs,
  type CreditStatus,
  type OrgListItem,
  type OrgStatus,
  type OrgType,
  type SearchAnswer
} from '../../../../services/social-orgs'
import { Chips, type ChipOption } from '../../components/Chips'
import { LoadMore } from '../../components/LoadMore'
import { OrgCard } from '../../components/OrgCard'
import { QuickLinks } from '../../components/QuickLinks'
import { RegionSheet, type Region } from '../../components/RegionSheet'
import { WarningBanner } from '../../components/WarningBanner'
import { usePaged } from '../../hooks/usePaged'
import './index.scss'

const PAGE_SIZE = 10

const TYPES: ChipOption<OrgType>[] = [
  { value: '', label: '全部类型' },
  { value: 'social_group', label: '社会团体' },
  { value: 'social_service', label: '社会服务机构' },
  { value: 'foundation', label: '基金会' }
]
const CREDITS: ChipOption<CreditStatus>[] = [
  { value: '', label: '全部信用' },
  { value: 'normal', label: '正常' },
  { value: 'abnormal', label: '活动异常' },
  { value: 'serious', label: '严重违法失信' }
]
const STATUSES: ChipOption<OrgStatus>[] = [
  { value: '', label: '全部状态' },
  { value: 'active', label: '正常' },
  { value: 'revoked', label: '撤销' },
  { value: 'deregistered', label: '注销' }
]

/** Letters and digits: the citizen typed a credit code (spaces and case are forgiven by the server). */
const looksLikeCode = (q: string) => /^[0-9A-Za-z\s-]+$/.test(q) && /\d/.test(q)

/**
 * 社会组织查询: by name or 统一社会信用代码, filtered by type, credit status, registration status
 * and region; results with credit badges, page by page as the citizen scrolls. A name matching a
 * published suspected illegal organization shows the warning banner.
 */
export default function SocialOrgSearchPage() {
  const [input, setInput] = useState('')
  const [q, setQ] = useState('')
  const [hint, setHint] = useState<string | null>(null)
  const [type, setType] = useState<OrgType | ''>('')
  const [credit, setCredit] = useState<CreditStatus | ''>('')
  const [status, setStatus] = useState<OrgStatus | ''>('')
  const [region, setRegion] = useState<Region | null>(null)
  const [regionOpen, setRegionOpen] = useState(false)

  const filters = {
    q: q || undefined,
    type: type || undefined,
    credit: credit || undefined,
    status: status || undefined,
    division: region?.prefix
  }
  const key = JSON.stringify(filters)
  const fetch = useCallback((page: number) => searchOrgs({ ...filters, page, pageSize: PAGE_SIZE }), [key])
  const list = usePaged<OrgListItem, SearchAnswer>(key, fetch)
  useReachBottom(() => list.loadMore())

  const submit = (value = input) => {
    const words = value.trim()
    if (words && !looksLikeCode(words) && [...words.replace(/\s+/g, '')].length < 2) {
      setHint('请至少输入2个字')
      return
    }
    setHint(null)
    setQ(words)
  }
  const clear = () => {
    setInput('')
    setHint(null)
    setQ('')
  }

  const warning = list.first?.warning

  return (
    <PageShell className="so-search">
      <View className="so-search__banner">
        <Text className="so-search__title">社会组织信用信息查询</Text>
        <Text className="so-search__subtitle">查真伪 · 看信用 · 防非法</Text>
        <View className="so-search__box">
          <SearchBar
            className="so-search__bar"
            shape="round"
            placeholder="输入组织名称或统一社会信用代码"
            value={input}
            maxLength={60}
            onChange={setInput}
            onSearch={(v) => submit(v)}
            onClear={clear}
            right={
              <Text className="so-search__go" data-testid="search-submit" onClick={() => submit()}>
                查询
              </Text>
            }
          />
        </View>
        {hint ? <Text className="so-search__hint">{hint}</Text> : null}
      </View>

      <View className="mz-section">
        <QuickLinks />
      </View>

      <View className="mz-section mz-card so-search__filters">
        <Chips<OrgType> name="type" options={TYPES} value={type} onChange={setType} />
        <Chips<CreditStatus> name="credit" options={CREDITS} value={credit} onChange={setCredit} />
        <View className="so-search__filter-row">
          <Chips<OrgStatus> name="status" options={STATUSES} value={status} onChange={setStatus} />
        </View>
        <View className="so-search__region" data-testid="region-filter" onClick={() => setRegionOpen(true)}>
          <Text className="so-search__region-label">所在地区</Text>
          <Text className="so-search__region-value">{region ? region.name : '全国'} ›</Text>
        </View>
      </View>

      <View className="mz-section" data-testid="results">
        {warning ? <WarningBanner warning={warning} /> : null}
        {list.loading ? <LoadingBlock text="正在查询…" /> : null}
        {!list.loading && list.error && !list.items.length ? (
          <View className="mz-card">
            <EmptyState title="查询未成功" description={list.error}>
              <Button type="primary" size="small" onClick={list.reload}>
                重新查询
              </Button>
            </EmptyState>
          </View>
        ) : null}
        {!list.loading && !list.error && !list.items.length ? (
          <View className="mz-card" data-testid="empty">
            <EmptyState
              title="未查询到相关社会组织"
              description={
                q
                  ? '请核对名称或信用代码。未在民政部门登记的“社会组织”不受法律保护，请谨慎参加其活动。'
                  : '暂无符合条件的社会组织'
              }
            />
          </View>
        ) : null}
        {!list.loading && list.items.length ? (
          <>
            <Text className="so-search__count" data-testid="result-count">
              共找到 {list.total} 家社会组织
            </Text>
            {list.items.map((org) => (
              <OrgCard key={org.uscc} org={org} />
            ))}
            <LoadMore
              loading={list.loadingMore}
              done={list.done}
              error={list.error}
              count={list.items.length}
              onMore={list.loadMore}
            />
          </>
        ) : null}
      </View>

      <RegionSheet visible={regionOpen} onClose={() => setRegionOpen(false)} onChoose={setRegion} />
    </PageShell>
  )
}
