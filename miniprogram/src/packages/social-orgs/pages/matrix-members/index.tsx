import { Button } from '@nutui/nutui-react-taro'
import { Image, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { messageOf } from '../../../../services/errors'
import { listMembers, type MatrixMember } from '../../../../services/matrix'
import { go, PAGES } from '../../components/nav'
import './index.scss'

/** 矩阵成员: the bureaus' public accounts, by level, each with its follow QR code. */
export default function MatrixMembersPage() {
  const [members, setMembers] = useState<MatrixMember[] | null>(null)
  const [error, setError] = useState<string | null>(null)

  const load = useCallback(async () => {
    setError(null)
    try {
      setMembers(await listMembers())
    } catch (e) {
      setError(messageOf(e))
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])

  // a full-screen QR can be long-pressed to follow the account inside WeChat
  const preview = (url: string) => {
    Taro.previewImage?.({ urls: [url], current: url })?.catch?.(() => {})
  }

  const levels = members ? [...new Set(members.map((m) => m.levelName))] : []

  return (
    <PageShell className="so-members">
      <View className="so-members__intro">
        <Text className="so-members__title">中国社会组织动态 · 公众号矩阵</Text>
        <Text className="so-members__desc">
          民政部及各地社会组织登记管理机关的官方公众号。长按或点击二维码，识别后即可关注。
        </Text>
      </View>
      {!members && !error ? <LoadingBlock /> : null}
      {error ? (
        <View className="mz-section mz-card">
          <EmptyState title="加载失败" description={error}>
            <Button type="primary" size="small" onClick={() => void load()}>
              重试
            </Button>
          </EmptyState>
        </View>
      ) : null}
      {members && !members.length ? (
        <View className="mz-section mz-card">
          <EmptyState title="暂无矩阵成员" />
        </View>
      ) : null}
      {levels.map((level) => (
        <View key={level} className="mz-section">
          <View className="mz-section-title">{level}</View>
          {members!
            .filter((m) => m.levelName === level)
            .map((m) => (
              <View key={m.id} className="mz-card so-members__item" data-member={m.id}>
                <View className="so-members__body">
                  <Text className="so-members__name">{m.name}</Text>
                  <Text className="so-members__meta">
                    {m.levelName} · {m.category}
                  </Text>
                  <Text className="so-members__link" onClick={() => go(`${PAGES.news}?member=${m.id}`)}>
                    查看该号动态 ›
                  </Text>
                </View>
                {m.qrUrl ? (
                  <View className="so-members__qr-box" onClick={() => preview(m.qrUrl!)}>
                    <Image className="so-members__qr" src={m.qrUrl} mode="aspectFit" showMenuByLongpress />
                    <Text className="so-members__qr-hint">扫码关注</Text>
                  </View>
                ) : (
                  <Text className="so-members__no-qr">暂无二维码</Text>
                )}
              </View>
            ))}
        </View>
      ))}
    </PageShell>
  )
}
