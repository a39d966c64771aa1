import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { AreaIcon } from '../../components/AreaIcon'
import { LoadingBlock } from '../../components/LoadingBlock'
import { PageShell } from '../../components/PageShell'
import { AREAS } from '../../constants/areas'
import { useSite } from '../../hooks/site'
import { openArea } from '../../utils/nav'
import './index.scss'

/** 办事: the catalogue of service areas (later issues add each area's matters). */
export default function ServicesPage() {
  const { loading } = useSite()

  return (
    <PageShell className="mz-services">
      <View className="mz-section">
        <View className="mz-card mz-services__list" data-testid="catalogue-entry">
          <View
            className="mz-services__item"
            onClick={() => Taro.navigateTo({ url: '/packages/halls/pages/catalogue/index' })}
          >
            <View className="mz-services__text">
              <Text className="mz-services__name">搜索办事事项</Text>
              <Text className="mz-services__summary">结婚登记、低保申请、养老机构备案……材料、时限、去哪办</Text>
            </View>
          </View>
          <View
            className="mz-services__item"
            onClick={() => Taro.navigateTo({ url: '/packages/halls/pages/list/index' })}
          >
            <View className="mz-services__text">
              <Text className="mz-services__name">民政服务大厅</Text>
              <Text className="mz-services__summary">附近大厅、办公时间、预约、取号</Text>
            </View>
          </View>
        </View>
      </View>
      <View className="mz-section">
        <View className="mz-section-title">服务目录</View>
        {loading ? <LoadingBlock /> : null}
        <View className="mz-card mz-services__list">
          {AREAS.map((area) => (
            <View key={area.key} className="mz-services__item" data-area={area.key} onClick={() => openArea(area)}>
              <AreaIcon icon={area.key} color={area.color} />
              <View className="mz-services__text">
                <Text className="mz-services__name">{area.name}</Text>
                <Text className="mz-services__summary">{area.summary}</Text>
              </View>
              <Text className={`mz-services__status${area.live ? ' mz-services__status--on' : ''}`}>
                {area.live ? '可办理' : '即将上线'}
              </Text>
            </View>
          ))}
        </View>
      </View>
    </PageShell>
  )
}
