import { Text } from '@tarojs/components'
import { CREDIT_STATUSES, type CreditStatus } from '../../../services/social-orgs'
import './CreditBadge.scss'

/** 信用状态 as a coloured badge: green 正常, amber 活动异常, red 严重违法失信. */
export function CreditBadge({ status, large }: { status: CreditStatus; large?: boolean }) {
  return (
    <Text className={`so-credit so-credit--${status}${large ? ' so-credit--large' : ''}`} data-credit={status}>
      {CREDIT_STATUSES[status]}
    </Text>
  )
}
