import { Text, View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import './Sheet.scss'

interface Props {
  title: string
  visible: boolean
  onClose(): void
}

/** A bottom sheet over a dimmed page (drawn here so it behaves the same on weapp, H5 and in tests). */
export function Sheet({ title, visible, onClose, children }: PropsWithChildren<Props>) {
  if (!visible) return null
  return (
    <View className="so-sheet">
      <View className="so-sheet__mask" onClick={onClose} />
      <View className="so-sheet__panel">
        <View className="so-sheet__head">
          <Text className="so-sheet__title">{title}</Text>
          <Text className="so-sheet__close" onClick={onClose}>
            关闭
          </Text>
        </View>
        <View className="so-sheet__body">{children}</View>
      </View>
    </View>
  )
}
