import { Loading } from '@nutui/nutui-react-taro'
import { View } from '@tarojs/components'
import './LoadingBlock.scss'

/** A centred spinner with a word, while something loads. */
export function LoadingBlock({ text = '加载中…' }: { text?: string }) {
  return (
    <View className="mz-loading" data-testid="loading">
      <Loading type="circular">{text}</Loading>
    </View>
  )
}
