import { Text, View } from '@tarojs/components'
import type { OrgListItem } from '../../../services/social-orgs'
import { CreditBadge } from './CreditBadge'
import { go, PAGES } from './nav'
import './OrgCard.scss'

/** One search result: name, credit badge, type and region, the credit code; a tap opens the profile. */
export function OrgCard({ org }: { org: OrgListItem }) {
  return (
    <View className="so-org mz-card" data-uscc={org.uscc} onClick={() => go(PAGES.detail(org.uscc))}>
      <View className="so-org__head">
        <Text className="so-org__name">{org.name}</Text>
        <CreditBadge status={org.creditStatus} orgStatus={org.status} />
      </View>
      <View className="so-org__meta">
        <Text className="so-org__tag">{org.typeName}</Text>
        {org.status !== 'active' ? <Text className="so-org__tag so-org__tag--off">已{org.statusName}</Text> : null}
        <Text className="so-org__region">{org.divisionName}</Text>
      </View>
      <View className="so-org__foot">
        <Text className="so-org__code">{org.uscc}</Text>
        <Text className="so-org__more">详情 ›</Text>
      </View>
    </View>
  )
}
