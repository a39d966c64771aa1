import { Text, View } from '@tarojs/components'
import type { CreditEntry } from '../../../services/social-orgs'
import './CreditTimeline.scss'

interface Event {
  key: string
  date: string
  kind: 'in-abnormal' | 'in-serious' | 'out'
  title: string
  lines: string[]
}

/** Each list entry is two events: its listing (with the reason) and, when it ended, its removal. */
export function timelineEvents(history: CreditEntry[]): Event[] {
  const events: Event[] = []
  for (const e of history) {
    events.push({
      key: `${e.id}-in`,
      date: e.dateIn,
      kind: e.list === 'serious' ? 'in-serious' : 'in-abnormal',
      title: `列入${e.listName}`,
      lines: [
        `列入事由：${e.reasonCategoryName}${e.reason ? `（${e.reason}）` : ''}`,
        `决定机关：${e.authority}`,
        `决定书文号：${e.decisionNo}`
      ]
    })
    if (e.dateOut) {
      events.push({
        key: `${e.id}-out`,
        date: e.dateOut,
        kind: 'out',
        title: `移出${e.listName}`,
        lines: [`移出原因：${e.reasonOut ?? '—'}`]
      })
    }
  }
  // newest first; on one day a removal comes before a listing (a move from one list to the other)
  const rank = (e: Event) => (e.kind === 'out' ? 0 : 1)
  return events.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : rank(b) - rank(a)))
}

/** The credit list history as a vertical timeline, newest first: red/amber dots in, green out. */
export function CreditTimeline({ history }: { history: CreditEntry[] }) {
  const events = timelineEvents(history)
  if (!events.length) {
    return (
      <View className="so-timeline__clean" data-testid="credit-clean">
        <View className="so-timeline__clean-dot" />
        <Text>未被列入活动异常名录或严重违法失信名单</Text>
      </View>
    )
  }
  return (
    <View className="so-timeline" data-testid="credit-timeline">
      {events.map((ev, i) => (
        <View key={ev.key} className={`so-timeline__item so-timeline__item--${ev.kind}`} data-kind={ev.kind}>
          <View className="so-timeline__rail">
            <View className="so-timeline__dot" />
            {i < events.length - 1 ? <View className="so-timeline__line" /> : null}
          </View>
          <View className="so-timeline__body">
            <Text className="so-timeline__date">{ev.date}</Text>
            <Text className="so-timeline__title">{ev.title}</Text>
            {ev.lines.map((line) => (
              <Text key={line} className="so-timeline__line-text">
                {line}
              </Text>
            ))}
          </View>
        </View>
      ))}
    </View>
  )
}
