import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { FormField } from '../../../../components/FormField'
import { useAuth } from '../../../../hooks/auth'
import { isApiError, messageOf } from '../../../../services/errors'
import {
  askFamilyLink,
  confirmFamilyLink,
  FAMILY_RELATION_NAMES,
  FAMILY_RELATIONS,
  type FamilyLinks,
  type FamilyRelation,
  familyLinks
} from '../../../../services/elderly'
import { ChipRow } from '../../components/ChipRow'
import '../../components/elderly.scss'
import { ElderGate } from '../../components/ElderGate'

/**
 * 亲属绑定: name a parent (name and ID number); the parent confirms in their own app (the
 * requests section here). Only then can the child order meals and book assessments for them.
 */
export default function FamilyPage() {
  const { user } = useAuth()
  const [links, setLinks] = useState<FamilyLinks | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [idNumber, setIdNumber] = useState('')
  const [relation, setRelation] = useState<FamilyRelation>('parent')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    setError(null)
    try {
      setLinks(await familyLinks())
    } catch (e) {
      setError(messageOf(e))
    }
  }, [])
  useEffect(() => {
    if (user) void load()
  }, [user, load])

  const ask = async () => {
    setBusy(true)
    setErrors({})
    try {
      await askFamilyLink({ name: name.trim(), idNumber: idNumber.trim(), relation })
      Taro.showToast({ title: '已发出，请长辈在本人的小程序中确认', icon: 'none', duration: 2500 })
      setName('')
      setIdNumber('')
      await load()
    } catch (e) {
      if (isApiError(e) && e.fields) setErrors(e.fields)
      Taro.showToast({ title: messageOf(e), icon: 'none', duration: 2500 })
    } finally {
      setBusy(false)
    }
  }

  const confirm = async (id: number) => {
    try {
      await confirmFamilyLink(id)
      Taro.showToast({ title: '已确认绑定', icon: 'none' })
      await load()
    } catch {
      // the toast said why
    }
  }

  return (
    <ElderGate className="el-family" signInTitle="登录后绑定亲属" error={error} data={links} onRetry={load}>
      {(links) => (
        <>
          {links.incoming.length ? (
            <View className="mz-section" data-testid="incoming">
              <Text className="el-section-title">请您确认</Text>
              {links.incoming.map((l) => (
                <View key={l.id} className="mz-card el-case" data-id={l.id}>
                  <Text className="el-place__name">
                    {l.requesterName} 申请绑定您为其{l.relationName}
                  </Text>
                  <Text className="el-place__meta">确认后，对方可以为您订餐、预约能力评估，每次办理都会留下记录</Text>
                  {l.status === 'pending' ? (
                    <Button type="primary" onClick={() => confirm(l.id)} data-testid="confirm-link">
                      确认绑定
                    </Button>
                  ) : (
                    <Text className="el-place__vacancy">已绑定</Text>
                  )}
                </View>
              ))}
            </View>
          ) : null}

          <View className="mz-section" data-testid="links">
            <Text className="el-section-title">我绑定的长辈</Text>
            {links.mine.length === 0 ? (
              <View className="mz-card" data-testid="no-links">
                <EmptyState title="还没有绑定长辈" description="绑定后可以为长辈订餐、预约能力评估" />
              </View>
            ) : (
              links.mine.map((l) => (
                <View key={l.id} className="mz-card el-case" data-id={l.id} data-status={l.status}>
                  <Text className="el-place__name">
                    {l.relationName} {l.elderName}
                  </Text>
                  <Text className={l.status === 'confirmed' ? 'el-place__vacancy' : 'el-place__meta'}>
                    {l.statusName}
                    {l.confirmedBy === 'hall' ? '（窗口工作人员核对身份证后确认）' : ''}
                  </Text>
                </View>
              ))
            )}
          </View>

          <View className="mz-section mz-card" data-testid="ask">
            <Text className="el-section-title">绑定长辈</Text>
            <FormField
              name="name"
              label="长辈姓名"
              value={name}
              maxLength={30}
              error={errors.name}
              onChange={setName}
            />
            <FormField
              name="idNumber"
              label="长辈身份证号"
              type="idcard"
              value={idNumber}
              maxLength={18}
              error={errors.idNumber}
              onChange={setIdNumber}
            />
            <Text className="el-filter-label">关系</Text>
            <ChipRow<FamilyRelation>
              name="relation"
              options={FAMILY_RELATIONS.map((r) => [r, FAMILY_RELATION_NAMES[r]] as [FamilyRelation, string])}
              value={relation}
              onChange={setRelation}
            />
            <Button type="primary" block loading={busy} onClick={ask} data-testid="ask-link">
              发送绑定申请
            </Button>
            <Text className="el-place__meta" data-testid="hall-hint">
              长辈没有手机？发送申请后，请长辈带上身份证到社区或街道服务大厅，由窗口工作人员核对后确认。
            </Text>
          </View>
        </>
      )}
    </ElderGate>
  )
}
