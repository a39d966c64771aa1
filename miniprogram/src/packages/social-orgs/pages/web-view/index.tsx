import { Text, View, WebView } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useEffect, useMemo } from 'react'
import { PageShell } from '../../../../components/PageShell'
import { pageParams } from '../../components/nav'

/** Shows a web page (a public-account article) in the mini-program's web-view; http(s) only. */
export default function WebViewPage() {
  const { url, title } = useMemo(() => pageParams(), [])
  const safe = !!url && /^https?:\/\//.test(url)
  useEffect(() => {
    if (title) Taro.setNavigationBarTitle?.({ title })?.catch?.(() => {})
  }, [title])
  if (!safe) {
    return (
      <PageShell>
        <View className="mz-section mz-card">
          <Text className="mz-muted">链接无效，无法打开</Text>
        </View>
      </PageShell>
    )
  }
  return (
    <PageShell>
      <WebView src={url} />
    </PageShell>
  )
}
