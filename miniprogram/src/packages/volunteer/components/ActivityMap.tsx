import { Map as TaroMap, Text, View } from '@tarojs/components'
import type { ActivityListItem } from '../../../services/volunteer'
import './ActivityMap.scss'

/** The list fields the map needs. */
export type MapActivity = Pick<ActivityListItem, 'id' | 'title' | 'lat' | 'lng' | 'placesLeft' | 'quota'>

interface Props {
  items: MapActivity[]
  /** the citizen's point, when they asked for activities near them */
  me: { lat: number; lng: number } | null
  onOpen(id: number): void
}

/** The citizen's own marker: activity ids start at 1. */
const ME_MARKER = 0

/**
 * Up to this many markers every callout is shown all the time ('ALWAYS'); with more, a callout
 * shows when its marker is tapped ('BYCLICK'). WeChat draws each 'ALWAYS' callout as a box over
 * the map, and beyond a handful of nearby pins the boxes cover each other and the pins themselves.
 */
const CALLOUTS_ALWAYS_MAX = 5

/** How the callouts of `count` markers show: all the time when few, on a tap when many. */
const calloutDisplay = (count: number): 'ALWAYS' | 'BYCLICK' => (count <= CALLOUTS_ALWAYS_MAX ? 'ALWAYS' : 'BYCLICK')

const placed = (items: MapActivity[]) =>
  items.filter((a) => Number.isFinite(a.lat) && Number.isFinite(a.lng) && (a.lat !== 0 || a.lng !== 0))

/**
 * The results on a map. WeChat: the native map, one marker per activity (its callout the title
 * and the places left, always shown for a few markers, on a tap for many) and the citizen's point;
 * tapping a marker or its callout opens the activity. H5: no map tiles (they need a network and a key), so an offline board places each
 * activity by latitude and longitude inside the results' bounding box — a sketch of where things
 * are relative to each other, said so in its legend.
 */
export function ActivityMap({ items, me, onOpen }: Props) {
  const pins = placed(items)
  if (process.env.TARO_ENV === 'weapp') {
    const display = calloutDisplay(pins.length + (me ? 1 : 0))
    const markers = pins.map((a) =>
      marker(
        a.id,
        a.lat,
        a.lng,
        `${a.title}\n剩余名额 ${a.placesLeft}/${a.quota}`,
        `${a.title}，剩余名额 ${a.placesLeft}`,
        display
      )
    )
    if (me)
      markers.push({ ...marker(ME_MARKER, me.lat, me.lng, '我的位置', '我的位置', display), width: 20, height: 20 })
    const points = [
      ...pins.map((a) => ({ latitude: a.lat, longitude: a.lng })),
      ...(me ? [{ latitude: me.lat, longitude: me.lng }] : [])
    ]
    const center = points[0] ?? { latitude: 39.9087, longitude: 116.3975 }
    const open = (e: { detail: { markerId?: number | string } }) => {
      const id = Number(e.detail.markerId)
      if (id !== ME_MARKER && pins.some((a) => a.id === id)) onOpen(id)
    }
    return (
      <View className="vo-map" data-testid="activity-map">
        <TaroMap
          className="vo-map__native"
          latitude={center.latitude}
          longitude={center.longitude}
          scale={13}
          markers={markers}
          includePoints={points}
          onMarkerTap={open}
          onCalloutTap={open}
          onError={() => undefined}
        />
        <Text className="vo-map__legend">共 {pins.length} 个活动，点击标记查看详情</Text>
      </View>
    )
  }
  return <PinBoard pins={pins} me={me} onOpen={onOpen} />
}

function marker(
  id: number,
  latitude: number,
  longitude: number,
  content: string,
  ariaLabel: string,
  display: 'ALWAYS' | 'BYCLICK'
) {
  return {
    id,
    latitude,
    longitude,
    title: content.split('\n')[0],
    iconPath: '',
    width: 28,
    height: 38,
    ariaLabel,
    callout: {
      content,
      color: '#1f2329',
      fontSize: 14,
      anchorX: 0,
      anchorY: 0,
      borderRadius: 8,
      borderWidth: 1,
      borderColor: id === ME_MARKER ? '#fa8c16' : '#1677ff',
      bgColor: '#ffffff',
      padding: 8,
      display,
      textAlign: 'center' as const
    }
  }
}

/** Margins (shares of the board) kept free around the outermost pins, so their labels stay inside. */
const MARGIN_X = 0.2
/** A pin stands above its point: more room at the top than at the bottom. */
const MARGIN_TOP = 0.24
const MARGIN_BOTTOM = 0.06

function PinBoard({ pins, me, onOpen }: { pins: MapActivity[]; me: Props['me']; onOpen(id: number): void }) {
  const points = [...pins, ...(me ? [me] : [])]
  const lats = points.map((p) => p.lat)
  const lngs = points.map((p) => p.lng)
  const [minLat, maxLat, minLng, maxLng] = [Math.min(...lats), Math.max(...lats), Math.min(...lngs), Math.max(...lngs)]
  // One point (or all at one place): the middle of the board.
  const x = (lng: number) =>
    maxLng > minLng ? MARGIN_X + ((lng - minLng) / (maxLng - minLng)) * (1 - 2 * MARGIN_X) : 0.5
  const y = (lat: number) =>
    maxLat > minLat ? MARGIN_TOP + ((maxLat - lat) / (maxLat - minLat)) * (1 - MARGIN_TOP - MARGIN_BOTTOM) : 0.5
  const at = (lat: number, lng: number) => ({
    left: `${(x(lng) * 100).toFixed(2)}%`,
    top: `${(y(lat) * 100).toFixed(2)}%`
  })
  return (
    <View className="vo-map" data-testid="activity-map">
      <View className="vo-board">
        {me ? (
          <View className="vo-pin vo-pin--me" style={at(me.lat, me.lng)} {...{ role: 'img', 'aria-label': '我的位置' }}>
            <View className="vo-pin__dot" />
            <Text className="vo-pin__label">我的位置</Text>
          </View>
        ) : null}
        {pins.map((a) => (
          <View
            key={a.id}
            className="vo-pin"
            data-testid="activity-pin"
            data-id={a.id}
            style={at(a.lat, a.lng)}
            onClick={() => onOpen(a.id)}
            {...{ role: 'button', tabIndex: 0, 'aria-label': `${a.title}，剩余名额 ${a.placesLeft}，查看详情` }}
          >
            <Text className="vo-pin__label">{a.title}</Text>
            <Text className="vo-pin__left">剩余名额 {a.placesLeft}</Text>
            <View className="vo-pin__dot" />
          </View>
        ))}
      </View>
      <Text className="vo-map__legend">共 {pins.length} 个活动，按位置示意（非实际地图）</Text>
    </View>
  )
}
