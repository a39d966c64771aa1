import { Image, Text, View } from '@tarojs/components'
import type { PropsWithChildren } from 'react'
import { iconDataUri, type IconName } from '../assets/icons'
import './EmptyState.scss'

interface Props {
  title: string
  description?: string
  icon?: IconName
}

/** A friendly empty state: soft icon, a title, a line of help, optional actions below. */
export function EmptyState({ title, description, icon = 'search', children }: PropsWithChildren<Props>) {
  return (
    <View className="mz-empty">
      <View className="mz-empty__badge">
        <Image className="mz-empty__img" src={iconDataUri(icon, '#8fb4f5')} />
      </View>
      <Text className="mz-empty__title">{title}</Text>
      {description ? <Text className="mz-empty__desc">{description}</Text> : null}
      {children ? <View className="mz-empty__actions">{children}</View> : null}
    </View>
  )
}
