import { Text, View } from '@tarojs/components'
import './InfoRows.scss'

/** Label/value rows of a card; empty values are left out. */
export function InfoRows({ rows }: { rows: [label: string, value: string | null | undefined][] }) {
  return (
    <View className="so-info">
      {rows
        .filter(([, v]) => v)
        .map(([label, value]) => (
          <View key={label} className="so-info__row">
            <Text className="so-info__label">{label}</Text>
            <Text className="so-info__value">{value}</Text>
          </View>
        ))}
    </View>
  )
}
