import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro, { useRouter } from '@tarojs/taro'
import { useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { getService, listHalls, type HallSummary, type ServiceItem } from '../../../../services/halls'
import '../../halls.scss'

const storageKey = (code: string) => `mz.checklist.${code}`

/**
 * 办事指南 of one item: the materials as a checklist to tick off at home (remembered on this
 * phone), time limit, fee, visits, and the halls that handle it with their hours.
 */
export default function ServicePage() {
  const { params } = useRouter()
  const code = params.code ?? ''
  const [item, setItem] = useState<ServiceItem | null>(null)
  const [halls, setHalls] = useState<HallSummary[]>([])
  const [error, setError] = useState<string | null>(null)
  const [ticked, setTicked] = useState<string[]>(() => (Taro.getStorageSync(storageKey(code)) as string[] | '') || [])

  useEffect(() => {
    getService(code).then(
      (r) => setItem(r.item),
      (e) => setError((e as Error).message)
    )
    listHalls({ service: code }).then(
      (r) => setHalls(r.items),
      () => setHalls([])
    )
  }, [code])

  const toggle = (name: string) => {
    const next = ticked.includes(name) ? ticked.filter((x) => x !== name) : [...ticked, name]
    setTicked(next)
    Taro.setStorageSync(storageKey(code), next)
  }

  if (error)
    return (
      <PageShell>
        <View className="mz-section mz-card">
          <EmptyState title="未找到该事项" description={error} />
        </View>
      </PageShell>
    )
  if (!item)
    return (
      <PageShell>
        <LoadingBlock />
      </PageShell>
    )
  const required = item.materials.filter((m) => m.required)
  const ready = required.every((m) => ticked.includes(m.name))

  return (
    <PageShell>
      <View className="hl-head">
        <Text className="hl-head__name">{item.name}</Text>
        <Text className="hl-head__sub">
          {item.areaName} · {item.type} · {item.visitsText}
        </Text>
      </View>
      <View className="mz-section mz-card">
        <Text className="hl-label">承诺时限</Text>
        <Text className="hl-text">
          {item.timeLimit.promised}（法定：{item.timeLimit.statutory}）
        </Text>
        <Text className="hl-label">收费</Text>
        <Text className="hl-text">{item.fee}</Text>
        <Text className="hl-label">办理条件</Text>
        <Text className="hl-text">{item.conditions}</Text>
      </View>
      <View className="mz-section">
        <View className="mz-section-title">
          材料清单（{ticked.filter((t) => item.materials.some((m) => m.name === t)).length}/{item.materials.length}）
        </View>
        <View className="mz-card" data-testid="materials">
          {item.materials.map((m) => (
            <View
              key={m.name}
              className={`hl-check${ticked.includes(m.name) ? ' hl-check--on' : ''}`}
              onClick={() => toggle(m.name)}
            >
              <Text className="hl-check__box">{ticked.includes(m.name) ? '✓' : ''}</Text>
              <View className="hl-row__main">
                <Text className="hl-row__title">
                  {m.name}
                  {m.required ? '' : '（如有）'}
                </Text>
                <Text className="hl-row__desc">
                  {[m.original ? '原件' : '', m.copies ? `复印件${m.copies}份` : '', m.source, m.note ?? '']
                    .filter(Boolean)
                    .join(' · ')}
                </Text>
              </View>
            </View>
          ))}
          <Text className="hl-row__desc">
            {ready ? '必备材料已备齐，可以出发了。' : '勾选已准备好的材料，备齐后只需跑一次。'}
          </Text>
        </View>
      </View>
      <View className="mz-section mz-card">
        <Text className="hl-label">办理流程</Text>
        {item.procedure.map((s, i) => (
          <Text key={s} className="hl-text">
            {i + 1}. {s}
          </Text>
        ))}
        <Text className="hl-label">设定依据</Text>
        <Text className="hl-text">{item.basis}</Text>
        <Text className="hl-label">通办范围</Text>
        <Text className="hl-text">{item.crossRegion}</Text>
      </View>
      <View className="mz-section">
        <View className="mz-section-title">办理地点</View>
        <View className="mz-card">
          {halls.length ? (
            halls.map((h) => (
              <View key={h.id} className="hl-row">
                <View
                  className="hl-row__main"
                  onClick={() => Taro.navigateTo({ url: `/packages/halls/pages/hall/index?id=${h.id}` })}
                >
                  <Text className="hl-row__title">{h.name}</Text>
                  <Text className="hl-row__desc">
                    {h.hoursText} · {h.now.text}
                  </Text>
                </View>
                {item.bookable ? (
                  <Button
                    size="small"
                    type="primary"
                    onClick={() =>
                      Taro.navigateTo({
                        url: `/packages/halls/pages/book/index?hallId=${h.id}&serviceCode=${item.code}`
                      })
                    }
                  >
                    预约
                  </Button>
                ) : null}
              </View>
            ))
          ) : (
            <Text className="hl-text">{item.placeHours}</Text>
          )}
        </View>
      </View>
    </PageShell>
  )
}
