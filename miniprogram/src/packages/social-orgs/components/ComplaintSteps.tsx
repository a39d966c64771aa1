import { Text, View } from '@tarojs/components'
import type { ComplaintProgress, ComplaintStatus } from '../../../services/social-orgs'
import './ComplaintSteps.scss'

interface Step {
  key: string
  label: string
  state: 'done' | 'current' | 'todo' | 'rejected'
  at?: string
}

/** submitted → accepted → answered / rejected, with each step's date when the progress is known. */
export function complaintSteps(status: ComplaintStatus, progress: ComplaintProgress[] = []): Step[] {
  const at = (s: ComplaintStatus) => progress.find((p) => p.status === s)?.at.slice(0, 10)
  const accepted = status === 'accepted' || status === 'answered' || progress.some((p) => p.status === 'accepted')
  // Each step says only what has happened: while the complaint is 已提交, the next step reads
  // 待受理 and is not painted; the last one reads 处理中 while accepted, 已答复 once answered.
  const finalStep: Step =
    status === 'rejected'
      ? { key: 'rejected', label: '不予受理', state: 'rejected', at: at('rejected') }
      : status === 'answered'
        ? { key: 'answered', label: '已答复', state: 'done', at: at('answered') }
        : status === 'accepted'
          ? { key: 'answered', label: '处理中', state: 'current' }
          : { key: 'answered', label: '待答复', state: 'todo' }
  return [
    { key: 'submitted', label: '已提交', state: 'done', at: at('submitted') },
    {
      key: 'accepted',
      label: accepted ? '已受理' : '待受理',
      state: accepted ? 'done' : 'todo',
      at: at('accepted')
    },
    finalStep
  ]
}

export function ComplaintSteps({ status, progress }: { status: ComplaintStatus; progress?: ComplaintProgress[] }) {
  const steps = complaintSteps(status, progress)
  return (
    <View className="so-steps" data-testid="complaint-steps" data-status={status}>
      {steps.map((s, i) => (
        <View
          key={s.key}
          className={`so-steps__step so-steps__step--${s.state}`}
          data-step={s.key}
          data-state={s.state}
        >
          <View className="so-steps__track">
            <View className={`so-steps__bar${i === 0 ? ' so-steps__bar--hidden' : ''}`} />
            <View className="so-steps__dot">{s.state === 'done' ? '✓' : s.state === 'rejected' ? '✕' : i + 1}</View>
            <View className={`so-steps__bar${i === steps.length - 1 ? ' so-steps__bar--hidden' : ''}`} />
          </View>
          <Text className="so-steps__label">{s.label}</Text>
          {s.at ? <Text className="so-steps__at">{s.at}</Text> : null}
        </View>
      ))}
    </View>
  )
}
