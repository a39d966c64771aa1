import { Button } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { iconDataUri } from '../assets/icons'
import { useSite } from '../hooks/site'
import './HotlineCard.scss'

/** The region's service hotline (from GET /api/site; 12345 until it answers) with a call button. */
export function HotlineCard() {
  const { site } = useSite()
  const call = () => {
    Taro.makePhoneCall({ phoneNumber: site.hotline }).catch(() => {})
  }
  return (
    <View className="mz-hotline mz-card">
      <View className="mz-hotline__icon">
        <Image className="mz-hotline__img" src={iconDataUri('phone', '#1677ff')} />
      </View>
      <View className="mz-hotline__body">
        <Text className="mz-hotline__label">民政服务热线</Text>
        <Text className="mz-hotline__number" data-testid="hotline">
          {site.hotline}
        </Text>
      </View>
      <Button type="primary" size="small" fill="outline" onClick={call}>
        拨打
      </Button>
    </View>
  )
}
