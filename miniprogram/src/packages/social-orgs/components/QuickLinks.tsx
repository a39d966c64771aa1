import { Image, Text, View } from '@tarojs/components'
import { glyph, type GlyphName } from './glyphs'
import { go, PAGES } from './nav'
import './QuickLinks.scss'

const LINKS: { key: string; label: string; hint: string; glyph: GlyphName; color: string; url: string }[] = [
  { key: 'news', label: '组织动态', hint: '政策与公告', glyph: 'news', color: '#1677ff', url: PAGES.news },
  { key: 'members', label: '矩阵成员', hint: '关注公众号', glyph: 'qr', color: '#13a8a8', url: PAGES.members },
  {
    key: 'complaints',
    label: '我的投诉',
    hint: '查看办理进度',
    glyph: 'complaint',
    color: '#fa8c16',
    url: PAGES.complaints
  }
]

/** The area's other entries: 动态, 矩阵成员, 我的投诉. */
export function QuickLinks() {
  return (
    <View className="so-links">
      {LINKS.map((l) => (
        <View key={l.key} className="so-links__item" data-link={l.key} onClick={() => go(l.url)}>
          <View className="so-links__icon" style={{ background: l.color }}>
            <Image className="so-links__img" src={glyph(l.glyph)} />
          </View>
          <Text className="so-links__label">{l.label}</Text>
          <Text className="so-links__hint">{l.hint}</Text>
        </View>
      ))}
    </View>
  )
}
