import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { FormField } from '../../../../components/FormField'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import {
  applyResidence,
  type CommunityNoticeView,
  type CommunityPage,
  communityNotices,
  communityPage,
  follow,
  follows,
  type MyResidence,
  myResidence,
  stationsOf,
  unfollow,
  withdrawResidence
} from '../../../../services/community'
import { isApiError, isPermanent, messageOf } from '../../../../services/errors'
import type { SocialWorkStationView } from '@minzheng/contracts'
import '../../components/community.scss'
import { codeParam, day, go, PAGES } from '../../components/nav'

interface Extras {
  following: boolean
  residence: MyResidence | null
  stations: SocialWorkStationView[]
  notices: CommunityNoticeView[]
}

/**
 * A 村/社区's page: the committee, office hours, address, services and the 社工站 of its
 * 乡镇/街道; follow it for its 居务公开; ask to be registered as a resident; its 公开,
 * 议事协商 and 换届选举.
 */
export default function CommunityPageView() {
  const code = codeParam()
  const [page, setPage] = useState<CommunityPage | null>(null)
  const [extras, setExtras] = useState<Extras | null>(null)
  const [error, setError] = useState<{ message: string; permanent: boolean } | null>(null)
  const [busy, setBusy] = useState(false)
  const [address, setAddress] = useState('')
  const [applyError, setApplyError] = useState<{ message: string; realName: boolean } | null>(null)
  const [withdrawn, setWithdrawn] = useState<string | null>(null)

  const load = useCallback(async () => {
    setError(null)
    if (!code) {
      setError({ message: '链接有误：请从地区列表中选择村/社区', permanent: true })
      return
    }
    try {
      const p = await communityPage(code)
      setPage(p)
      Taro.setNavigationBarTitle({ title: p.name }).catch(() => undefined)
      const [list, residence, stations, notices] = await Promise.all([
        follows().catch(() => [] as { code: string }[]),
        myResidence().catch(() => null),
        stationsOf(p.street.code).catch(() => [] as SocialWorkStationView[]),
        communityNotices(code).catch(() => [] as CommunityNoticeView[])
      ])
      setExtras({
        following: list.some((f) => f.code === code),
        residence,
        stations,
        notices: notices.slice(0, 3)
      })
    } catch (e) {
      setError({ message: messageOf(e), permanent: isPermanent(e) })
    }
  }, [code])
  useEffect(() => {
    void load()
  }, [load])

  async function toggleFollow() {
    if (!code || !extras) return
    setBusy(true)
    try {
      if (extras.following) await unfollow(code)
      else await follow(code)
      setExtras({ ...extras, following: !extras.following })
      Taro.showToast({
        title: extras.following ? '已取消关注' : '已关注，本村/社区发布公开事项时会通知您',
        icon: 'none'
      })
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    } finally {
      setBusy(false)
    }
  }

  async function apply() {
    if (!code || !extras) return
    if (address.trim().length < 2) {
      setApplyError({ message: '请填写您在本村/社区的居住地址', realName: false })
      return
    }
    setBusy(true)
    setApplyError(null)
    try {
      const residence = await applyResidence(code, address.trim())
      setExtras({ ...extras, residence })
    } catch (e) {
      setApplyError({ message: messageOf(e), realName: isApiError(e) && e.status === 403 })
    } finally {
      setBusy(false)
    }
  }

  async function withdraw() {
    if (!extras?.residence) return
    const confirmed = extras.residence.status === 'confirmed'
    const { confirm } = await Taro.showModal({
      title: '撤回居民登记',
      content: confirmed
        ? `撤回后您不能再在${extras.residence.communityName}提出议题、发表意见或投票（已投的票仍然有效）。确定撤回吗？`
        : '撤回后社区不会再处理这份申请。确定撤回吗？',
      confirmText: '撤回',
      cancelText: '再想想'
    })
    if (!confirm) return
    setBusy(true)
    setApplyError(null)
    try {
      const message = await withdrawResidence()
      setWithdrawn(message)
      setExtras({ ...extras, residence: null })
    } catch (e) {
      setApplyError({ message: messageOf(e), realName: false })
    } finally {
      setBusy(false)
    }
  }

  if (error)
    return (
      <PageShell>
        <EmptyState title={error.permanent ? '未找到该村/社区' : '加载失败'} description={error.message}>
          {error.permanent ? (
            <Button onClick={() => void Taro.redirectTo({ url: PAGES.home })}>按地区查找</Button>
          ) : (
            <Button onClick={() => void load()}>重试</Button>
          )}
        </EmptyState>
      </PageShell>
    )
  if (!page || !code)
    return (
      <PageShell>
        <LoadingBlock />
      </PageShell>
    )

  const here = extras?.residence?.code === code ? extras.residence : null
  const elsewhere = extras?.residence && !here && extras.residence.status !== 'rejected' ? extras.residence : null

  return (
    <PageShell className="cm-community">
      <View className="mz-section mz-card cm-card" data-testid="community-head">
        <View>
          <Text className="cm-tag">{page.kindLabel}</Text>
          <Text className="cm-title">{page.name}</Text>
        </View>
        <Text className="cm-hint">{page.fullName}</Text>
        <View className="cm-actions">
          <Button
            type={extras?.following ? 'default' : 'primary'}
            size="small"
            loading={busy}
            disabled={!extras || busy}
            onClick={() => void toggleFollow()}
          >
            {extras?.following ? '已关注 · 取消关注' : '关注本村/社区'}
          </Button>
        </View>
      </View>

      <View className="mz-section mz-card cm-card" data-testid="community-info">
        <Text className="cm-title">办公信息</Text>
        {page.profiled ? null : <Text className="cm-hint">本村/社区尚未在线完善以下信息，可到所在乡镇/街道咨询。</Text>}
        <Text className="cm-line">办公地址：{page.address ?? '暂未公布'}</Text>
        <Text className="cm-line">办公时间：{page.officeHours ?? '暂未公布'}</Text>
        {page.phone ? (
          <Text
            className="cm-line"
            onClick={() => void Taro.makePhoneCall({ phoneNumber: page.phone! }).catch(() => undefined)}
          >
            联系电话：{page.phone}（点击拨打）
          </Text>
        ) : (
          <Text className="cm-line">联系电话：暂未公布</Text>
        )}
        <Text className="cm-line">便民服务：{page.services.length ? page.services.join('、') : '暂未公布'}</Text>
      </View>

      <View className="mz-section mz-card cm-card" data-testid="community-committee">
        <Text className="cm-title">{page.kind === 'village' ? '村民委员会' : '居民委员会'}成员</Text>
        {page.committee.length === 0 ? <Text className="cm-hint">暂未公布</Text> : null}
        {page.committee.map((m) => (
          <View key={`${m.name}-${m.role}`} className="cm-row">
            <Text className="cm-name">{m.name}</Text>
            <Text className="cm-hint">{m.role}</Text>
          </View>
        ))}
      </View>

      <View className="mz-section mz-card cm-card" data-testid="community-station">
        <Text className="cm-title">社工站（{page.street.name || '所在乡镇/街道'}）</Text>
        {!extras ? <LoadingBlock /> : null}
        {extras && !extras.stations.length ? (
          <Text className="cm-hint">所在乡镇/街道暂未公布社工站，可拨打12345或联系当地民政部门。</Text>
        ) : null}
        {extras?.stations.map((s) => (
          <View key={s.id} className="cm-row" onClick={() => go(PAGES.station(s.id))}>
            <View className="cm-card">
              <Text className="cm-name">{s.name}</Text>
              <Text className="cm-hint">
                {s.serviceNames.join('、')} · {s.officeHours}
              </Text>
            </View>
            <Text className="cm-more">求助 ›</Text>
          </View>
        ))}
      </View>

      <View className="mz-section mz-card cm-card" data-testid="community-notices">
        <View className="cm-row" onClick={() => go(PAGES.notices(code))}>
          <Text className="cm-title">居务/村务公开</Text>
          <Text className="cm-more">全部 ›</Text>
        </View>
        {extras && !extras.notices.length ? <Text className="cm-hint">暂无公开事项</Text> : null}
        {extras?.notices.map((n) => (
          <View key={n.id} className="cm-row" onClick={() => go(PAGES.notice(n.id))}>
            <Text className="cm-name">
              <Text className="cm-tag">{n.categoryLabel}</Text>
              {n.title}
            </Text>
            <Text className="cm-hint">{day(n.publishedAt)}</Text>
          </View>
        ))}
      </View>

      <View className="mz-section mz-card cm-card">
        <View className="cm-row" onClick={() => go(PAGES.proposals(code))}>
          <Text className="cm-title">议事协商</Text>
          <Text className="cm-more">议题与投票 ›</Text>
        </View>
        <View className="cm-row" onClick={() => go(PAGES.elections(code))}>
          <Text className="cm-title">换届选举</Text>
          <Text className="cm-more">公告、候选人与结果 ›</Text>
        </View>
      </View>

      <View className="mz-section mz-card cm-card" data-testid="community-residence">
        <Text className="cm-title">居民登记</Text>
        {!extras ? <LoadingBlock /> : null}
        {here ? (
          <Text className={here.status === 'confirmed' ? 'cm-ok' : here.status === 'rejected' ? 'cm-warn' : 'cm-line'}>
            {here.statusLabel}
            {here.reason ? `：${here.reason}` : ''}
            {here.status === 'pending' ? '（社区确认后即可参与议事协商和投票）' : ''}
          </Text>
        ) : null}
        {here && (here.status === 'pending' || here.status === 'confirmed') ? (
          <>
            {applyError ? <Text className="cm-warn">{applyError.message}</Text> : null}
            <View className="cm-actions">
              <Button loading={busy} disabled={busy} onClick={() => void withdraw()} data-testid="residence-withdraw">
                {here.status === 'confirmed' ? '撤回居民登记' : '撤回登记申请'}
              </Button>
            </View>
          </>
        ) : null}
        {withdrawn ? (
          <Text className="cm-hint" data-testid="residence-withdrawn">
            {withdrawn}
          </Text>
        ) : null}
        {elsewhere ? (
          <Text className="cm-hint">
            您已申请登记为{elsewhere.communityName}居民（{elsewhere.statusLabel}），一人只能登记在一个村/社区。
          </Text>
        ) : null}
        {extras && !elsewhere && (!here || here.status === 'rejected') ? (
          <>
            <Text className="cm-hint">
              已实名认证、在本村/社区居住的群众可申请登记为居民，经村/居委会确认后可提出议题、发表意见和投票。
            </Text>
            <FormField
              name="address"
              label="居住地址"
              value={address}
              maxLength={200}
              placeholder="如：5号楼2单元301"
              onChange={setAddress}
            />
            {applyError ? <Text className="cm-warn">{applyError.message}</Text> : null}
            <View className="cm-actions">
              <Button type="primary" loading={busy} disabled={busy} onClick={() => void apply()}>
                申请登记为本村/社区居民
              </Button>
              {applyError?.realName ? (
                <Button onClick={() => void Taro.switchTab({ url: PAGES.identity })}>去实名认证</Button>
              ) : null}
            </View>
          </>
        ) : null}
      </View>
    </PageShell>
  )
}
