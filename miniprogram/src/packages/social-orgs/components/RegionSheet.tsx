import { divisionPrefix } from '@minzheng/contracts'
import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { LoadingBlock } from '../../../components/LoadingBlock'
import { listDivisions } from '../../../services/divisions'
import { messageOf } from '../../../services/errors'
import type { Division } from '../../../services/types'
import { Sheet } from './Sheet'
import './RegionSheet.scss'

export interface Region {
  /** the division's code without its trailing zero pairs: 11, 1101, 110105 */
  prefix: string
  name: string
}

interface Props {
  visible: boolean
  onClose(): void
  /** null: 全国 */
  onChoose(region: Region | null): void
}

/** 地区 filter: province → city → county over GET /api/divisions, choosing any level. */
export function RegionSheet({ visible, onClose, onChoose }: Props) {
  const [path, setPath] = useState<Division[]>([])
  const [items, setItems] = useState<Division[]>([])
  const [loading, setLoading] = useState(false)
  const [error, setError] = useState<string | null>(null)
  const parent = path.length ? path[path.length - 1] : null

  useEffect(() => {
    if (!visible) return
    let alive = true
    setLoading(true)
    setError(null)
    listDivisions(parent?.code)
      .then((list) => alive && setItems(list))
      .catch((e) => alive && setError(messageOf(e)))
      .finally(() => alive && setLoading(false))
    return () => {
      alive = false
    }
  }, [visible, parent?.code])

  const choose = (d: Division | null, names: Division[]) => {
    onChoose(
      d
        ? {
            prefix: divisionPrefix(d.code),
            name: names
              .map((x) => x.name)
              .filter((n, i, a) => n !== a[i - 1])
              .join('')
          }
        : null
    )
    onClose()
  }

  return (
    <Sheet title="选择地区" visible={visible} onClose={onClose}>
      <View className="so-region__crumbs">
        <Text className="so-region__crumb" onClick={() => setPath([])}>
          全国
        </Text>
        {path.map((d, i) => (
          <Text key={d.code} className="so-region__crumb" onClick={() => setPath(path.slice(0, i + 1))}>
            {' › '}
            {d.name}
          </Text>
        ))}
      </View>
      <View className="so-region__all" onClick={() => choose(parent, path)}>
        <Text>{parent ? `${parent.name}（全部）` : '全国（不限地区）'}</Text>
        <Text className="so-region__pick">选择</Text>
      </View>
      {loading ? <LoadingBlock /> : null}
      {!loading && error ? <Text className="mz-muted">{error}</Text> : null}
      {!loading && !error
        ? items.map((d) => (
            <View
              key={d.code}
              className="so-region__item"
              data-code={d.code}
              onClick={() => (d.hasChildren ? setPath([...path, d]) : choose(d, [...path, d]))}
            >
              <Text>{d.name}</Text>
              <Text className="so-region__more">{d.hasChildren ? '›' : '选择'}</Text>
            </View>
          ))
        : null}
    </Sheet>
  )
}
