import { Text, View } from '@tarojs/components'

/** A row of choice chips (one chosen), large in 长辈模式 through `.mz-elderly .el-chip`. */
export function ChipRow<V extends string | number>(props: {
  name: string
  options: [V, string][]
  value: V
  onChange(v: V): void
}) {
  return (
    <View className="el-chips" data-filter={props.name}>
      {props.options.map(([v, label]) => (
        <Text
          key={String(v)}
          className={`el-chip${v === props.value ? ' el-chip--on' : ''}`}
          data-value={String(v)}
          onClick={() => props.onChange(v)}
        >
          {label}
        </Text>
      ))}
    </View>
  )
}
