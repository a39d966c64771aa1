import { Input } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import './FormField.scss'

interface Props {
  name: string
  label: string
  value: string
  placeholder?: string
  maxLength?: number
  type?: 'text' | 'number' | 'idcard' | 'tel'
  /** Chinese message under the field, when the value is wrong */
  error?: string | null
  onChange(value: string): void
}

/** A labelled input with its own error line (NutUI Input). */
export function FormField({ name, label, value, placeholder, maxLength, type = 'text', error, onChange }: Props) {
  return (
    <View className={`mz-field${error ? ' mz-field--error' : ''}`} data-field={name}>
      <Text className="mz-field__label">{label}</Text>
      <Input
        className="mz-field__input"
        name={name}
        type={type as any}
        value={value}
        placeholder={placeholder}
        maxLength={maxLength}
        clearable
        onChange={onChange}
      />
      {error ? <Text className="mz-field__error">{error}</Text> : null}
    </View>
  )
}
