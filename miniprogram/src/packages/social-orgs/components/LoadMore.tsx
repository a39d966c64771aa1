import { Loading } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import './LoadMore.scss'

interface Props {
  loading: boolean
  done: boolean
  error?: string | null
  count: number
  onMore(): void
}

/** The list's foot: loading the next page, 「没有更多了」, or a tap to load more (or retry). */
export function LoadMore({ loading, done, error, count, onMore }: Props) {
  if (!count) return null
  return (
    <View className="so-load-more" data-testid="load-more">
      {loading ? (
        <Loading type="circular">加载中…</Loading>
      ) : error ? (
        <Text className="so-load-more__tap" onClick={onMore}>
          {error}，点击重试
        </Text>
      ) : done ? (
        <Text className="so-load-more__end">— 没有更多了 —</Text>
      ) : (
        <Text className="so-load-more__tap" onClick={onMore}>
          上拉或点击加载更多
        </Text>
      )}
    </View>
  )
}
