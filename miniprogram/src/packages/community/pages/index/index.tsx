import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { follows, type MyResidence, myResidence } from '../../../../services/community'
import { messageOf } from '../../../../services/errors'
import { CommunityPicker } from '../../components/CommunityPicker'
import '../../components/community.scss'
import { go, PAGES, pageParam } from '../../components/nav'

type Mine = { residence: MyResidence | null; follows: { code: string; name: string; fullName: string }[] }

/**
 * 社区治理: find my 村/社区 (the one I am registered in, the ones I follow, or level by level
 * down to the 乡镇/街道's list). A notice's link (`?code=…&notice=…` or `&election=…`) goes on to
 * the page it names.
 */
export default function CommunityIndexPage() {
  const code = pageParam('code')
  const notice = Number(pageParam('notice'))
  const election = pageParam('election')
  const forward = code && /^\d{12}$/.test(code)
  const [mine, setMine] = useState<Mine | null>(null)
  const [error, setError] = useState<string | null>(null)

  useEffect(() => {
    if (!forward) return
    const url = notice > 0 ? PAGES.notice(notice) : election ? PAGES.elections(code) : PAGES.community(code)
    void Taro.redirectTo({ url }).catch(() => undefined)
  }, [forward, code, notice, election])

  const load = useCallback(async () => {
    setError(null)
    setMine(null)
    try {
      const [residence, list] = await Promise.all([myResidence(), follows()])
      setMine({ residence, follows: list })
    } catch (e) {
      setError(messageOf(e))
    }
  }, [])
  useEffect(() => {
    if (!forward) void load()
  }, [forward, load])

  if (forward)
    return (
      <PageShell>
        <LoadingBlock text="正在打开…" />
      </PageShell>
    )

  return (
    <PageShell className="cm-home">
      <View className="mz-section mz-card cm-card">
        <Text className="cm-title">我的村/社区</Text>
        {!mine && !error ? <LoadingBlock /> : null}
        {error ? (
          <EmptyState title="加载失败" description={error}>
            <Button size="small" onClick={() => void load()}>
              重试
            </Button>
          </EmptyState>
        ) : null}
        {mine?.residence ? (
          <View className="cm-row" data-testid="my-residence" onClick={() => go(PAGES.community(mine.residence!.code))}>
            <View className="cm-card">
              <Text className="cm-name">{mine.residence.communityName}</Text>
              <Text className={mine.residence.status === 'confirmed' ? 'cm-ok' : 'cm-hint'}>
                居民登记：{mine.residence.statusLabel}
                {mine.residence.reason ? `（${mine.residence.reason}）` : ''}
              </Text>
            </View>
            <Text className="cm-more">进入 ›</Text>
          </View>
        ) : null}
        {mine && !mine.residence ? (
          <Text className="cm-hint">
            尚未登记为村/社区居民。找到您居住的村/社区后可申请登记，经确认后可参与议事协商和投票。
          </Text>
        ) : null}
        {mine?.follows.length ? <Text className="cm-line">我关注的（{mine.follows.length}）</Text> : null}
        {mine?.follows.map((f) => (
          <View key={f.code} className="cm-row cm-followed" onClick={() => go(PAGES.community(f.code))}>
            <Text className="cm-name">{f.name}</Text>
            <Text className="cm-more">进入 ›</Text>
          </View>
        ))}
      </View>
      <CommunityPicker onChoose={(c) => go(PAGES.community(c))} />
    </PageShell>
  )
}
