import { Image, Text, View } from '@tarojs/components'
import type { SearchAnswer } from '../../../services/social-orgs'
import { glyph } from './glyphs'
import { formatDate, go, PAGES } from './nav'
import './WarningBanner.scss'

/** The search matched a published suspected illegal organization: say so loudly, offer to report it. */
export function WarningBanner({ warning }: { warning: NonNullable<SearchAnswer['warning']> }) {
  return (
    <View className="so-warning" data-testid="illegal-warning" role="alert">
      <View className="so-warning__head">
        <Image className="so-warning__icon" src={glyph('warning', '#ffffff')} />
        <Text className="so-warning__title">涉嫌非法社会组织预警</Text>
      </View>
      <Text className="so-warning__message">{warning.message}</Text>
      {warning.matches.map((m) => (
        <View key={m.id} className="so-warning__match">
          <View className="so-warning__match-body">
            <Text className="so-warning__name">{m.name}</Text>
            <Text className="so-warning__source">
              {m.authority} · {formatDate(m.publishedAt)} 公布
            </Text>
          </View>
          <Text className="so-warning__report" onClick={() => go(PAGES.complaintAgainstIllegal(m.id, m.name))}>
            举报
          </Text>
        </View>
      ))}
    </View>
  )
}
