import { Text, View } from '@tarojs/components'
import type { Area } from '../constants/areas'
import { openArea } from '../utils/nav'
import { AreaIcon } from './AreaIcon'
import './AreaGrid.scss'

interface Props {
  areas: readonly Area[]
}

/** The service areas as a grid of icon tiles; a tap opens the area's subpackage. */
export function AreaGrid({ areas }: Props) {
  return (
    <View className="mz-area-grid">
      {areas.map((area) => (
        <View key={area.key} className="mz-area-grid__item" data-area={area.key} onClick={() => openArea(area)}>
          <AreaIcon icon={area.key} color={area.color} />
          <Text className="mz-area-grid__name">{area.name}</Text>
        </View>
      ))}
    </View>
  )
}
