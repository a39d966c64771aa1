import { Button } from '@nutui/nutui-react-taro'
import { Picker, Text, View } from '@tarojs/components'
import { useState } from 'react'
import { DivisionPicker } from '../../../components/DivisionPicker'
import type { Division } from '../../../services/types'

/** 'YYYY-MM-DD' of the Beijing day `days` from today (the server's `date` is a Beijing day). */
export function beijingDay(days = 0): string {
  return new Date(Date.now() + 8 * 3600_000 + days * 86_400_000).toISOString().slice(0, 10)
}

const dayLabel = (date: string, i: number) =>
  i === 0 ? '今天' : i === 1 ? '明天' : `${Number(date.slice(5, 7))}月${Number(date.slice(8, 10))}日`

interface Props {
  /** the path to the chosen area (省 → … ), empty for 不限地区 */
  area: Division[]
  onArea(path: Division[]): void
  date: string | undefined
  onDate(date: string | undefined): void
  /** 只看有名额: only activities one can still sign up for with places left */
  openOnly: boolean
  onOpenOnly(openOnly: boolean): void
}

/**
 * 区域 (level by level, any level), 日期 (the coming week at a tap, any later day from the date
 * picker) and 只看有名额 (a switch: on, full activities and those under way are left out).
 */
export function ActivityFilters({ area, onArea, date, onDate, openOnly, onOpenOnly }: Props) {
  const [open, setOpen] = useState(false)
  const week = Array.from({ length: 7 }, (_, i) => beijingDay(i))
  const chosen = area.map((d) => d.name).join(' / ')
  return (
    <View className="mz-section mz-card vo-filters">
      <View className="vo-filter">
        <Text className="vo-filter__label">区域</Text>
        <Text className={`vo-filter__value${chosen ? '' : ' vo-filter__value--none'}`} data-testid="area-filter">
          {chosen || '不限地区'}
        </Text>
        <Button size="small" onClick={() => setOpen(!open)}>
          {open ? '收起' : '选择地区'}
        </Button>
        {chosen ? (
          <Button
            size="small"
            onClick={() => {
              onArea([])
              setOpen(false)
            }}
          >
            不限地区
          </Button>
        ) : null}
      </View>
      {open ? (
        <DivisionPicker
          deep
          onChoose={(path) => {
            onArea(path)
            if (!path[path.length - 1].hasChildren) setOpen(false)
          }}
        />
      ) : null}
      <View className="vo-filter">
        <Text className="vo-filter__label">日期</Text>
        <Text className={`vo-filter__value${date ? '' : ' vo-filter__value--none'}`} data-testid="date-filter">
          {date ?? '不限日期'}
        </Text>
      </View>
      <View className="vo-tabs vo-days">
        <Text className={`vo-tab ${date ? '' : 'vo-tab--on'}`} onClick={() => onDate(undefined)}>
          不限日期
        </Text>
        {week.map((d, i) => (
          <Text key={d} className={`vo-tab ${d === date ? 'vo-tab--on' : ''}`} onClick={() => onDate(d)}>
            {dayLabel(d, i)}
          </Text>
        ))}
        <Picker mode="date" value={date ?? week[0]} start={week[0]} onChange={(e) => onDate(String(e.detail.value))}>
          <Text className={`vo-tab ${date && !week.includes(date) ? 'vo-tab--on' : ''}`}>其他日期…</Text>
        </Picker>
      </View>
      <View className="vo-filter">
        <Text className="vo-filter__label">名额</Text>
        <Text
          className={`vo-tab vo-open-only${openOnly ? ' vo-tab--on' : ''}`}
          data-testid="open-only-filter"
          onClick={() => onOpenOnly(!openOnly)}
          {...{ role: 'switch', 'aria-checked': openOnly }}
        >
          {openOnly ? '✓ 只看有名额' : '只看有名额'}
        </Text>
      </View>
    </View>
  )
}
