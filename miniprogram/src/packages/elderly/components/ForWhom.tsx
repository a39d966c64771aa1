import { Text, View } from '@tarojs/components'
import { useEffect, useState } from 'react'
import { type FamilyLinkView, familyLinks } from '../../../services/elderly'
import { ChipRow } from './ChipRow'
import { go, PAGES } from './nav'

/**
 * 为谁: myself, or an elder of a confirmed family link (0 = myself). A link still waiting for the
 * elder's confirmation is not offered; the server refuses it anyway.
 */
export function ForWhom(props: { value: number; onChange(linkId: number): void }) {
  const [links, setLinks] = useState<FamilyLinkView[]>([])
  useEffect(() => {
    familyLinks()
      .then((l) => setLinks(l.mine.filter((x) => x.status === 'confirmed')))
      .catch(() => setLinks([]))
  }, [])
  return (
    <View data-testid="for-whom">
      <Text className="el-filter-label">为谁办理</Text>
      <ChipRow<number>
        name="for"
        options={[[0, '本人'], ...links.map((l) => [l.id, `${l.relationName} ${l.elderName}`] as [number, string])]}
        value={props.value}
        onChange={props.onChange}
      />
      <Text className="el-fee__note" onClick={() => go(PAGES.family)}>
        为父母办理需先绑定亲属并由长辈确认 ›
      </Text>
    </View>
  )
}
