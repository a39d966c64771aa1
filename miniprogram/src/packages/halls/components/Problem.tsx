import { Button } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { EmptyState } from '../../../components/EmptyState'

/** A friendly dead end: what went wrong, and a way on (never a blank page). */
export function Problem({ title, description }: { title: string; description: string }) {
  return (
    <View className="mz-section mz-card" data-testid="problem">
      <EmptyState title={title} description={description}>
        <Button
          type="primary"
          size="small"
          onClick={() => Taro.redirectTo({ url: '/packages/halls/pages/list/index' })}
        >
          查看全部服务大厅
        </Button>
      </EmptyState>
    </View>
  )
}

/** Real-name is needed to book: say so and take the citizen to 我的. */
export function askRealName(message: string) {
  Taro.showModal({ title: '需要实名认证', content: message, confirmText: '去认证' }).then((r) => {
    if (r.confirm) Taro.switchTab({ url: '/pages/mine/index' })
  })
}
