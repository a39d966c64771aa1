import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import type { SearchHit, SearchView } from '../services/search'
import { hitTarget } from '../services/search'
import { openPageLink } from '../utils/link'
import { EmptyState } from './EmptyState'
import { LoadingBlock } from './LoadingBlock'
import './SearchResults.scss'

interface Props {
  view: SearchView | null
  loading: boolean
  error: string | null
  onRetry(): void
}

function open(hit: SearchHit) {
  const target = hitTarget(hit)
  if ('external' in target) window.open(target.external, '_blank', 'noopener')
  else void openPageLink(target.page)
}

/** The 首页 search's answer: one card per kind (服务领域, 办事事项, 服务大厅, 政策资讯), or why there is none. */
export function SearchResults({ view, loading, error, onRetry }: Props) {
  if (loading && !view) return <LoadingBlock text="正在搜索…" />
  if (error)
    return (
      <EmptyState title="搜索暂时不可用" description={error}>
        <Button size="small" type="primary" onClick={onRetry}>
          重试
        </Button>
      </EmptyState>
    )
  if (!view) return null
  if (!view.groups.length)
    return <EmptyState title="没有找到相关内容" description="换个词试试，如「结婚」「低保」，或拨打热线咨询" />
  return (
    <View className="mz-search-results" data-testid="search-results">
      {view.groups.map((group) => (
        <View key={group.kind} className="mz-search-results__group" data-kind={group.kind}>
          <View className="mz-section-title">{group.label}</View>
          <View className="mz-card">
            {group.items.map((hit) => (
              <View
                key={`${hit.kind}-${hit.id}`}
                className="mz-search-results__hit"
                data-testid="search-hit"
                onClick={() => open(hit)}
              >
                <Text className="mz-search-results__title">{hit.title}</Text>
                <Text className="mz-search-results__summary">{hit.summary}</Text>
                {hit.materials?.length ? (
                  <Text className="mz-search-results__materials">所需材料：{hit.materials.join('、')}</Text>
                ) : null}
              </View>
            ))}
          </View>
        </View>
      ))}
    </View>
  )
}
