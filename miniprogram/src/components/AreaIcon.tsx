import { Image, View } from '@tarojs/components'
import { iconDataUri, type IconName } from '../assets/icons'
import './AreaIcon.scss'

interface Props {
  icon: IconName
  color: string
  size?: 'md' | 'lg'
}

/** A line icon on a rounded coloured tile. */
export function AreaIcon({ icon, color, size = 'md' }: Props) {
  return (
    <View className={`mz-area-icon mz-area-icon--${size}`} style={{ background: color }}>
      <Image className="mz-area-icon__img" src={iconDataUri(icon)} mode="aspectFit" />
    </View>
  )
}
