import { Text, View } from '@tarojs/components'
import { AreaIcon } from '../../components/AreaIcon'
import { LoadingBlock } from '../../components/LoadingBlock'
import { PageShell } from '../../components/PageShell'
import { AREAS } from '../../constants/areas'
import { useSite } from '../../hooks/site'
import { openArea } from '../../utils/nav'
import './index.scss'

/** 办事: the catalogue of service areas (later issues add each area's matters). */
export default function ServicesPage() {
  const { site, loading } = useSite()
  const available = (key: string) => !!site.areas.find((a) => a.key === key)?.available

  return (
    <PageShell className="mz-services">
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
              <Text className={`mz-services__status${available(area.key) ? ' mz-services__status--on' : ''}`}>
                {available(area.key) ? '可办理' : '即将上线'}
              </Text>
            </View>
          ))}
        </View>
      </View>
    </PageShell>
  )
}
