import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import './fields.scss'

interface Props<K extends string> {
  name: string
  label: string
  options: readonly (readonly [K, string])[]
  value: K | null
  error?: string | null
  onChange(value: K): void
}

/** One choice among a few, as buttons (性别, 易走失原因, 体型…), with its own error line. */
export function ChoiceRow<K extends string>({ name, label, options, value, error, onChange }: Props<K>) {
  return (
    <View className="fs-choices" data-field={name}>
      <Text className="mz-field__label">{label}</Text>
      {options.map(([k, text]) => (
        <Button key={k} size="small" type={value === k ? 'primary' : 'default'} onClick={() => onChange(k)}>
          {text}
        </Button>
      ))}
      {error ? <Text className="fs-warn">{error}</Text> : null}
    </View>
  )
}
