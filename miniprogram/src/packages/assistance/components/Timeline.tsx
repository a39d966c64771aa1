import { Text, View } from '@tarojs/components'
import type { CaseSummary, CurrentStage, Step } from '../../../services/assistance'
import { beijingDate } from './nav'

/**
 * Where the case stands, never more hopeful than the record: the current stage and who holds
 * it, its legal deadline (marked 暂定 when the holiday arrangement is not published yet, and
 * 已超期 when passed — not hidden), then every step with its date, organ and opinion.
 */
export function CurrentBox({ summary, current }: { summary: CaseSummary; current: CurrentStage }) {
  const open = summary.status === 'open'
  return (
    <View className="mz-card as-current" data-testid="current">
      <View className="as-current__head">
        <Text className="as-current__stage">{current.stageName}</Text>
        <Text className={`as-status as-status--${summary.status}`}>{summary.statusName}</Text>
      </View>
      {open ? <Text className="as-current__line">办理人：{current.heldBy}</Text> : null}
      {open && current.dueOn ? (
        <Text className="as-current__line" data-testid="deadline">
          法定时限：{current.dueOn}前{current.dueProvisional ? '（暂定，节假日安排公布后确定）' : ''}
          {current.overdue
            ? ' · 已超过办理时限'
            : current.workingDaysLeft !== null
              ? ` · 剩余${current.workingDaysLeft}个工作日`
              : ''}
        </Text>
      ) : null}
      {open && current.basis ? <Text className="as-current__basis">依据：{current.basis}</Text> : null}
      {current.note ? <Text className="as-current__note">{current.note}</Text> : null}
      {summary.amountCents !== null && summary.status !== 'closed' ? (
        <Text className="as-current__line">救助金额：{(summary.amountCents / 100).toFixed(2)}元/月</Text>
      ) : null}
    </View>
  )
}

export function Steps({ steps }: { steps: Step[] }) {
  return (
    <View className="mz-card as-steps" data-testid="steps">
      <Text className="as-steps__title">办理记录</Text>
      {[...steps].reverse().map((s) => (
        <View key={s.seq} className="as-step" data-testid="step">
          <Text className="as-step__action">{s.actionName}</Text>
          <Text className="as-step__meta">
            {beijingDate(s.at)} · {s.organName}
            {s.person && s.person !== s.organName ? ` · ${s.person}` : ''}
          </Text>
          {s.opinion ? <Text className="as-step__opinion">意见：{s.opinion}</Text> : null}
        </View>
      ))}
    </View>
  )
}
