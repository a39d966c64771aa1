import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useCallback, useEffect, useState } from 'react'
import { listDivisions } from '../services/divisions'
import { messageOf } from '../services/errors'
import type { Division } from '../services/types'
import { EmptyState } from './EmptyState'
import { LoadingBlock } from './LoadingBlock'
import './DivisionPicker.scss'

interface Props {
  /** the path from the top level to the division the citizen chose */
  onChoose(path: Division[]): void
  /** all five levels (乡镇/街道 and 村/社区 below the county: GET /api/divisions?deep=1); else down to the county */
  deep?: boolean
}

/** Level-by-level picker over GET /api/divisions?parent=CODE, with a breadcrumb to go back. */
export function DivisionPicker({ onChoose, deep = false }: Props) {
  const [path, setPath] = useState<Division[]>([])
  const [items, setItems] = useState<Division[]>([])
  const [loading, setLoading] = useState(true)
  const [error, setError] = useState<string | null>(null)
  const parent = path.length ? path[path.length - 1].code : undefined

  const load = useCallback(async () => {
    setLoading(true)
    setError(null)
    try {
      setItems(await listDivisions(parent, deep))
    } catch (e) {
      setError(messageOf(e))
    } finally {
      setLoading(false)
    }
  }, [parent, deep])

  useEffect(() => {
    void load()
  }, [load])

  const choose = (d: Division) => {
    const next = [...path, d]
    onChoose(next)
    if (d.hasChildren) setPath(next)
  }

  return (
    <View className="mz-card mz-division-picker" data-testid="division-picker">
      <View className="mz-division-picker__crumbs">
        <Text className="mz-division-picker__crumb" onClick={() => setPath([])}>
          全国
        </Text>
        {path.map((d, i) => (
          <Text key={d.code} className="mz-division-picker__crumb" onClick={() => setPath(path.slice(0, i + 1))}>
            {' › '}
            {d.name}
          </Text>
        ))}
      </View>
      {loading ? <LoadingBlock /> : null}
      {!loading && error ? (
        <EmptyState icon="divisions" title="加载失败" description={error}>
          <Button type="primary" size="small" onClick={() => void load()}>
            重试
          </Button>
        </EmptyState>
      ) : null}
      {!loading && !error && !items.length ? <EmptyState icon="divisions" title="没有下级区划" /> : null}
      {!loading && !error
        ? items.map((d) => (
            <View key={d.code} className="mz-division-picker__item" data-code={d.code} onClick={() => choose(d)}>
              <Text className="mz-division-picker__name">{d.name}</Text>
              <Text className="mz-division-picker__more">{d.hasChildren ? '下级 ›' : d.code}</Text>
            </View>
          ))
        : null}
    </View>
  )
}
