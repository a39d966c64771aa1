import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { DivisionPicker } from '../../../components/DivisionPicker'
import type { Division } from '../../../services/types'
import './fields.scss'

interface Props {
  label: string
  /** the API field it fills (for its error line) */
  name?: string
  /** the path chosen so far (省 → … ), empty when none */
  value: Division[]
  error?: string | null
  onChange(path: Division[]): void
}

/**
 * A division chosen level by level (省 → 市 → 县 → 乡镇/街道 → 村/社区) from the server's
 * divisions instead of a typed code: the picker opens in place and closes at the last level.
 */
export function HomeDivisionField({ label, name = 'homeDivisionCode', value, error, onChange }: Props) {
  const [open, setOpen] = useState(false)
  const chosen = value.map((d) => d.name).join(' / ')
  return (
    <View className={`fs-division${error ? ' mz-field--error' : ''}`} data-field={name}>
      <Text className="mz-field__label">{label}</Text>
      <View className="fs-division__row">
        <Text className={chosen ? 'fs-division__chosen' : 'mz-muted'} data-testid="home-division">
          {chosen || '请选择（至少到县区）'}
        </Text>
        <Button size="small" onClick={() => setOpen(!open)}>
          {open ? '收起' : chosen ? '重新选择' : '选择'}
        </Button>
      </View>
      {open ? (
        <DivisionPicker
          deep
          onChoose={(path) => {
            onChange(path)
            if (!path[path.length - 1].hasChildren) setOpen(false)
          }}
        />
      ) : null}
      {error ? <Text className="mz-field__error">{error}</Text> : null}
    </View>
  )
}
