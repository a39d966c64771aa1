import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../components/EmptyState'
import { LoadingBlock } from '../../../components/LoadingBlock'
import { api, withQuery } from '../../../services/request'
import { messageOf } from '../../../services/errors'
import type { Division } from '../../../services/types'

const listLevel = async (parent?: string) =>
  (await api<{ items: Division[] }>(withQuery('/api/divisions', { parent, deep: '1' }), { toast: false })).items

interface Props {
  /** a village or community (12 digits) was chosen: its code and the names from the province down */
  onChoose(code: string, names: string[]): void
  onClose(): void
}

/**
 * 选择村（社区）: province → city → county → 乡镇/街道 → 村/社区, a level at a time over
 * GET /api/divisions?parent=…&deep=1, with a breadcrumb to go back up.
 */
export function VillagePicker({ onChoose, onClose }: Props) {
  const [path, setPath] = useState<Division[]>([])
  const [items, setItems] = useState<Division[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const parent = path.length ? path[path.length - 1].code : undefined

  const load = useCallback(async () => {
    setItems(null)
    setError(null)
    try {
      setItems(await listLevel(parent))
    } catch (e) {
      setError(messageOf(e))
    }
  }, [parent])
  useEffect(() => {
    void load()
  }, [load])

  const choose = (d: Division) => {
    if (d.code.length === 12)
      onChoose(
        d.code,
        [...path, d].map((x) => x.name)
      )
    else setPath([...path, d])
  }

  return (
    <View className="mz-card as-village" data-testid="village-picker">
      <View className="as-village__crumbs">
        <Text className="as-village__crumb" onClick={() => setPath([])}>
          全国
        </Text>
        {path.map((d, i) => (
          <Text key={d.code} className="as-village__crumb" onClick={() => setPath(path.slice(0, i + 1))}>
            {' › '}
            {d.name}
          </Text>
        ))}
      </View>
      {!items && !error ? <LoadingBlock /> : null}
      {error ? (
        <EmptyState title="加载失败" description={error}>
          <Button type="primary" size="small" onClick={load}>
            重试
          </Button>
        </EmptyState>
      ) : null}
      {items && !items.length ? <EmptyState title="没有下级区划" description="请返回上级重新选择" /> : null}
      {items?.map((d) => (
        <View key={d.code} className="as-village__item" data-code={d.code} onClick={() => choose(d)}>
          <Text className="as-village__name">{d.name}</Text>
          <Text className="as-hint">{d.code.length === 12 ? '选择' : '下级 ›'}</Text>
        </View>
      ))}
      <Button size="small" onClick={onClose}>
        取消
      </Button>
    </View>
  )
}
