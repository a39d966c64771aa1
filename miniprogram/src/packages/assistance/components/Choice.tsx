import { Text, View } from '@tarojs/components'

interface Props {
  name: string
  label: string
  options: readonly string[]
  value: string
  error?: string | null
  labels?: Record<string, string>
  onChange(value: string): void
}

/** A labelled row of tappable choices (large enough for 长辈模式), with its own error line. */
export function Choice({ name, label, options, value, error, labels, onChange }: Props) {
  return (
    <View className={`mz-field as-choice${error ? ' mz-field--error' : ''}`} data-field={name}>
      <Text className="mz-field__label">{label}</Text>
      <View className="as-choice__options">
        {options.map((o) => (
          <Text
            key={o}
            className={`as-choice__option${o === value ? ' as-choice__option--on' : ''}`}
            data-value={o}
            data-on={o === value ? 'true' : 'false'}
            onClick={() => onChange(o)}
          >
            {labels?.[o] ?? o}
          </Text>
        ))}
      </View>
      {error ? <Text className="mz-field__error">{error}</Text> : null}
    </View>
  )
}
