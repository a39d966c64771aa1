import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../components/EmptyState'
import { LoadingBlock } from '../../../components/LoadingBlock'
import { divisionLevel, streetCommunities } from '../../../services/community'
import { messageOf } from '../../../services/errors'

interface Item {
  code: string
  name: string
  /** 村 or 社区, on the last level */
  kindLabel?: string
}

interface Props {
  /** a 村 or 社区 (12 digits) was chosen */
  onChoose(code: string): void
}

/**
 * 找到我的村/社区: province → city → county → 乡镇/街道 a level at a time, then the 乡镇/街道's
 * 村 and 社区 (GET /api/community/streets/:code/communities), with a breadcrumb to go back up.
 */
export function CommunityPicker({ onChoose }: Props) {
  const [path, setPath] = useState<Item[]>([])
  const [items, setItems] = useState<Item[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const parent = path.length ? path[path.length - 1].code : undefined

  const load = useCallback(async () => {
    setItems(null)
    setError(null)
    try {
      if (parent?.length === 9) setItems((await streetCommunities(parent)).items)
      else setItems(await divisionLevel(parent))
    } catch (e) {
      setError(messageOf(e))
    }
  }, [parent])
  useEffect(() => {
    void load()
  }, [load])

  const choose = (d: Item) => {
    if (d.code.length === 12) onChoose(d.code)
    else setPath([...path, d])
  }

  return (
    <View className="mz-section mz-card cm-card" data-testid="community-picker">
      <Text className="cm-title">按地区找到村/社区</Text>
      <View className="cm-crumbs">
        <Text className="cm-crumb" onClick={() => setPath([])}>
          全国
        </Text>
        {path.map((d, i) => (
          <Text key={d.code} className="cm-crumb" onClick={() => setPath(path.slice(0, i + 1))}>
            {' › '}
            {d.name}
          </Text>
        ))}
      </View>
      {!items && !error ? <LoadingBlock /> : null}
      {error ? (
        <EmptyState title="加载失败" description={error}>
          <Button type="primary" size="small" onClick={() => void load()}>
            重试
          </Button>
        </EmptyState>
      ) : null}
      {items && !items.length ? (
        <EmptyState
          title={parent?.length === 9 ? '该乡镇/街道暂无村/社区' : '没有下级区划'}
          description="请返回上一级重新选择"
        />
      ) : null}
      {items?.map((d) => (
        <View key={d.code} className="cm-row cm-pick" data-code={d.code} onClick={() => choose(d)}>
          <Text className="cm-name">{d.name}</Text>
          <Text className="cm-more">{d.code.length === 12 ? `${d.kindLabel ?? ''} 查看 ›` : '下级 ›'}</Text>
        </View>
      ))}
    </View>
  )
}
