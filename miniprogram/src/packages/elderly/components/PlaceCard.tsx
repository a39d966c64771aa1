import { Text, View } from '@tarojs/components'
import { distanceText, type ElderlyPlaceView, yuan } from '../../../services/elderly'
import { go, PAGES } from './nav'

export const stars = (n: number) => (n > 0 ? '★'.repeat(n) + '☆'.repeat(5 - n) : '未评级')

/** One place in the list: kind, name, price from, vacancies, levels accepted, distance. */
export function PlaceCard({ place }: { place: ElderlyPlaceView }) {
  const beds = place.kind !== 'meal_point'
  return (
    <View className="mz-card el-place" data-testid="place" data-id={place.id} onClick={() => go(PAGES.place(place.id))}>
      <View className="el-place__head">
        <Text className="el-place__name">{place.name}</Text>
        <Text className="el-place__kind">{place.kindName}</Text>
      </View>
      <Text className="el-place__meta">
        {place.address}
        {place.distanceM !== undefined ? ` · 距您${distanceText(place.distanceM)}` : ''}
      </Text>
      <View className="el-place__head">
        <Text className="el-place__price">
          {place.priceFromCents > 0 ? `${yuan(place.priceFromCents)}元起` : '免费'}
        </Text>
        {beds ? (
          <Text className={`el-place__vacancy${place.vacancies ? '' : ' el-place__vacancy--none'}`}>
            {place.vacancies ? `空余床位${place.vacancies}张` : '暂无空床'}
          </Text>
        ) : null}
      </View>
      <Text className="el-stars">{stars(place.stars)}</Text>
      <View className="el-levels">
        {place.careLevelNames.map((l) => (
          <Text key={l} className="el-level">
            {l}
          </Text>
        ))}
      </View>
    </View>
  )
}
