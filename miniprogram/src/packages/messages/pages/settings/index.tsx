import { Switch } from '@nutui/nutui-react-taro'
import { useLoad } from '@tarojs/taro'
import { Text, View } from '@tarojs/components'
import { useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { messageOf } from '../../../../services/errors'
import { getPreferences, NOTICE_KINDS, setPreferences, type NoticeKind } from '../../../../services/notices'
import './index.scss'

/** 通知设置: which kinds of notice reach me through WeChat (the 消息 list keeps them all). */
export default function NoticeSettingsPage() {
  const [prefs, setPrefs] = useState<Record<NoticeKind, boolean> | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = async () => {
    try {
      setPrefs(await getPreferences())
    } catch (e) {
      setError(messageOf(e))
    }
  }
  useLoad(() => void load())

  const change = async (kind: NoticeKind, enabled: boolean) => {
    const before = prefs
    setPrefs((p) => (p ? { ...p, [kind]: enabled } : p))
    try {
      setPrefs(await setPreferences({ [kind]: enabled }))
    } catch {
      setPrefs(before) // the request layer has shown the toast
    }
  }

  return (
    <PageShell className="mz-notice-settings">
      {!prefs && !error ? <LoadingBlock /> : null}
      {error && !prefs ? (
        <View className="mz-section mz-card">
          <EmptyState icon="bell" title="设置加载失败" description={error} />
        </View>
      ) : null}
      {prefs ? (
        <>
          <View className="mz-section mz-card">
            {(Object.keys(NOTICE_KINDS) as NoticeKind[]).map((kind) => (
              <View key={kind} className="mz-notice-settings__row" data-kind={kind}>
                <Text className="mz-notice-settings__name">{NOTICE_KINDS[kind]}</Text>
                <Switch checked={prefs[kind] !== false} onChange={(v: boolean) => void change(kind, v)} />
              </View>
            ))}
          </View>
          <View className="mz-section">
            <Text className="mz-muted">关闭后不再通过公众号或订阅消息提醒您，消息列表中仍会保留记录。</Text>
          </View>
        </>
      ) : null}
    </PageShell>
  )
}
