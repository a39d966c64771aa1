import { Switch } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { useElderlyMode } from '../hooks/elderly'
import './ElderlySwitch.scss'

/** 长辈模式 on/off: larger type and higher contrast on every page, remembered on this device. */
export function ElderlySwitch() {
  const { enabled, setEnabled } = useElderlyMode()
  return (
    <View className="mz-elderly-switch" data-testid="elderly-switch">
      <View className="mz-elderly-switch__text">
        <Text className="mz-elderly-switch__title">长辈模式</Text>
        <Text className="mz-elderly-switch__desc">字体更大、对比更强，看得更清楚</Text>
      </View>
      <Switch checked={enabled} onChange={(value: boolean) => setEnabled(value)} />
    </View>
  )
}
