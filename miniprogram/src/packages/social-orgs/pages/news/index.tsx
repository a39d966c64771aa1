import { Button, SearchBar } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useReachBottom } from '@tarojs/taro'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { listArticles, listMembers, type MatrixArticle, type MatrixMember } from '../../../../services/matrix'
import { ArticleCard } from '../../components/ArticleCard'
import { Cover } from '../../components/Cover'
import { Chips } from '../../components/Chips'
import { LoadMore } from '../../components/LoadMore'
import { formatDate, go, openArticle, pageParams, PAGES } from '../../components/nav'
import { usePaged } from '../../hooks/usePaged'
import './index.scss'

const PAGE_SIZE = 10

/**
 * 中国社会组织动态: what every member account of the matrix publishes, newest first (pinned on
 * top), filtered by category or account, searched by keyword, page by page as the citizen scrolls.
 */
export default function MatrixNewsPage() {
  const initialMember = useMemo(() => pageParams().member ?? '', [])
  const [members, setMembers] = useState<MatrixMember[]>([])
  const [category, setCategory] = useState('')
  const [member, setMember] = useState(initialMember)
  const [input, setInput] = useState('')
  const [q, setQ] = useState('')

  useEffect(() => {
    listMembers()
      .then(setMembers)
      .catch(() => setMembers([]))
  }, [])

  const categories = useMemo(() => [...new Set(members.map((m) => m.category))], [members])
  const shownMembers = useMemo(() => members.filter((m) => !category || m.category === category), [members, category])

  const filters = { category: category || undefined, member: member ? Number(member) : undefined, q: q || undefined }
  const key = JSON.stringify(filters)
  const fetch = useCallback((page: number) => listArticles({ ...filters, page, pageSize: PAGE_SIZE }), [key])
  const list = usePaged<MatrixArticle>(key, fetch)
  useReachBottom(() => list.loadMore())

  const chooseCategory = (value: string) => {
    setCategory(value)
    if (value && member && members.find((m) => String(m.id) === member)?.category !== value) setMember('')
  }

  const [hero, ...rest] = list.items
  const showHero = !!hero?.cover && !q

  return (
    <PageShell className="so-news">
      <View className="so-news__banner">
        <View className="so-news__banner-row">
          <View>
            <Text className="so-news__title">中国社会组织动态</Text>
            <Text className="so-news__subtitle">全国社会组织登记管理机关 · 公众号矩阵</Text>
          </View>
          <Text className="so-news__members" onClick={() => go(PAGES.members)}>
            矩阵成员 ›
          </Text>
        </View>
        <SearchBar
          className="so-news__search"
          shape="round"
          placeholder="搜索动态标题或摘要"
          value={input}
          maxLength={50}
          onChange={setInput}
          onSearch={(v) => setQ(v.trim())}
          onClear={() => {
            setInput('')
            setQ('')
          }}
          right={
            <Text className="so-news__go" data-testid="news-search" onClick={() => setQ(input.trim())}>
              搜索
            </Text>
          }
        />
      </View>

      <View className="so-news__filters">
        <Chips
          name="category"
          options={[{ value: '', label: '全部' }, ...categories.map((c) => ({ value: c, label: c }))]}
          value={category}
          onChange={chooseCategory}
        />
        {shownMembers.length > 1 ? (
          <Chips
            scroll
            name="member"
            options={[
              { value: '', label: '全部账号' },
              ...shownMembers.map((m) => ({ value: String(m.id), label: m.name }))
            ]}
            value={member}
            onChange={setMember}
          />
        ) : null}
      </View>

      <View className="mz-section">
        {list.loading ? <LoadingBlock /> : null}
        {!list.loading && list.error && !list.items.length ? (
          <View className="mz-card">
            <EmptyState title="加载失败" description={list.error}>
              <Button type="primary" size="small" onClick={list.reload}>
                重试
              </Button>
            </EmptyState>
          </View>
        ) : null}
        {!list.loading && !list.error && !list.items.length ? (
          <View className="mz-card" data-testid="empty">
            <EmptyState
              title={q ? '没有找到相关动态' : '暂无动态'}
              description={q ? '换个关键词试试' : '各成员账号发布的文章将汇聚在这里'}
            />
          </View>
        ) : null}
        {!list.loading && list.items.length ? (
          <>
            {showHero ? (
              <View className="so-news__hero" data-article={hero.id} onClick={() => openArticle(hero.link, hero.title)}>
                <Cover className="so-news__hero-img" src={hero.cover!} />
                <View className="so-news__hero-text">
                  <Text className="so-news__hero-title">
                    {hero.pinned ? '【置顶】' : ''}
                    {hero.title}
                  </Text>
                  <Text className="so-news__hero-meta">
                    {hero.member.name} · {formatDate(hero.publishedAt)}
                  </Text>
                </View>
              </View>
            ) : null}
            <View className="mz-card so-news__list" data-testid="articles">
              {(showHero ? rest : list.items).map((a) => (
                <ArticleCard key={a.id} article={a} />
              ))}
            </View>
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
    </PageShell>
  )
}
