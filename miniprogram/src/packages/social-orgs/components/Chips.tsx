import { Text, View } from '@tarojs/components'
import './Chips.scss'

export interface ChipOption<V extends string> {
  value: V | ''
  label: string
}

interface Props<V extends string> {
  name: string
  options: ChipOption<V>[]
  value: V | ''
  onChange(value: V | ''): void
  /** one line that scrolls sideways (for long lists) instead of wrapping */
  scroll?: boolean
}

/** A row of choice chips ('' = 全部); the chosen one is filled. */
export function Chips<V extends string>({ name, options, value, onChange, scroll }: Props<V>) {
  return (
    <View className={`so-chips${scroll ? ' so-chips--scroll' : ''}`} data-filter={name}>
      {options.map((o) => (
        <Text
          key={o.value || 'all'}
          className={`so-chips__chip${o.value === value ? ' so-chips__chip--on' : ''}${o.value ? ` so-chips__chip--${o.value}` : ''}`}
          data-value={o.value}
          onClick={() => onChange(o.value)}
        >
          {o.label}
        </Text>
      ))}
    </View>
  )
}
