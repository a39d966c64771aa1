import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { EmptyState } from '../../../../components/EmptyState'
import { PageShell } from '../../../../components/PageShell'

/** Where an unknown address lands (a mistyped or outdated link): says so, and leads home. */
export default function NotFoundPage() {
  return (
    <PageShell>
      <View className="mz-section mz-card" data-testid="not-found">
        <EmptyState title="页面不存在" description="您打开的链接有误或页面已下线，请回到首页查找所需服务。">
          <Button type="primary" size="small" onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}>
            返回首页
          </Button>
        </EmptyState>
      </View>
    </PageShell>
  )
}
