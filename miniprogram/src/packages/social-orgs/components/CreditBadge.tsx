import { Text } from '@tarojs/components'
import { CREDIT_STATUSES, type CreditStatus, type OrgStatus } from '../../../services/social-orgs'
import './CreditBadge.scss'

const CLOSED_LABELS: Record<Exclude<OrgStatus, 'active'>, string> = { deregistered: '已注销', revoked: '已撤销' }

/**
 * 信用状态 as a coloured badge: green 正常, amber 活动异常, red 严重违法失信. An organization that
 * no longer exists (注销, 撤销) gets a grey 已注销 / 已撤销 instead: a green 正常 would read as
 * "in good standing".
 */
export function CreditBadge({
  status,
  orgStatus,
  large
}: {
  status: CreditStatus
  orgStatus?: OrgStatus
  large?: boolean
}) {
  if (orgStatus && orgStatus !== 'active') {
    return (
      <Text className={`so-credit so-credit--closed${large ? ' so-credit--large' : ''}`} data-credit="closed">
        {CLOSED_LABELS[orgStatus]}
      </Text>
    )
  }
  return (
    <Text className={`so-credit so-credit--${status}${large ? ' so-credit--large' : ''}`} data-credit={status}>
      {CREDIT_STATUSES[status]}
    </Text>
  )
}
