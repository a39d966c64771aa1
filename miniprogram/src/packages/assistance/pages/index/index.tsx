import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { PageShell } from '../../../../components/PageShell'
import '../../components/assistance.scss'
import { go, PAGES } from '../../components/nav'

const KINDS = [
  {
    key: 'dibao',
    name: '最低生活保障（低保）',
    who: '共同生活的家庭成员月人均收入低于当地低保标准，且财产状况符合当地规定的家庭。',
    how: '以家庭为单位申请。乡镇（街道）受理、入户调查并核对家庭经济状况，在村（社区）公示7个工作日，县级民政部门在公示结束后10个工作日内决定，批准的自次月起发放。'
  },
  {
    key: 'tekun',
    name: '特困人员救助供养',
    who: '同时无劳动能力、无生活来源、无法定赡养抚养扶养义务人（或其无履行能力）的老年人、残疾人和未成年人。',
    how: '无劳动能力指：年满60周岁或未满16周岁，或一至三级智力、精神残疾，一二级肢体残疾，一级视力残疾。'
  },
  {
    key: 'temporary',
    name: '临时救助',
    who: '因火灾、交通事故、突发重大疾病等意外，或生活必需支出突然增加，导致基本生活暂时出现严重困难的家庭或个人。',
    how: '情况紧急的可申请急难型临时救助：乡镇（街道）先行救助，事后补齐手续。'
  }
]

const CHECKLIST = [
  '申请人及家庭成员的身份证、户口簿',
  '家庭成员的收入情况（工资、退休金、务工收入等）',
  '残疾证、病历或诊断证明（如有）',
  '存款、住房、车辆等财产情况',
  '在线签署家庭经济状况核对授权书'
]

/** 社会救助: who may apply for what, what to prepare, and the ways in. */
export default function AssistanceIndexPage() {
  return (
    <PageShell className="as-home">
      <View className="mz-section mz-card as-actions">
        <Button type="primary" onClick={() => go(PAGES.apply)}>
          我要申请
        </Button>
        <Button onClick={() => go(PAGES.applications)}>我的申请</Button>
        <Button onClick={() => go(PAGES.publicity())}>公示查询</Button>
        <Button onClick={() => go(PAGES.reports())}>监督举报</Button>
      </View>
      {KINDS.map((k) => (
        <View key={k.key} className="mz-section mz-card as-kind" data-testid={`kind-${k.key}`}>
          <Text className="as-kind__name">{k.name}</Text>
          <Text className="as-kind__text">谁可以申请：{k.who}</Text>
          <Text className="as-kind__text">怎么办理：{k.how}</Text>
        </View>
      ))}
      <View className="mz-section mz-card">
        <Text className="as-kind__name">申请前请准备</Text>
        {CHECKLIST.map((c) => (
          <Text key={c} className="as-check__item">
            · {c}
          </Text>
        ))}
        <Text className="as-hint">
          材料一次备齐，可避免补正耽误时间。如有疑问，可向所在乡镇（街道）社会救助窗口咨询。
        </Text>
      </View>
    </PageShell>
  )
}
