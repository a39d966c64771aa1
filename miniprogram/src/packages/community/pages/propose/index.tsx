import { Button } from '@nutui/nutui-react-taro'
import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { FormField } from '../../../../components/FormField'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { type MyResidence, myResidence, propose } from '../../../../services/community'
import { isApiError, messageOf } from '../../../../services/errors'
import '../../components/community.scss'
import { codeParam, go, PAGES } from '../../components/nav'

/** 提出议题: only a resident the community has confirmed; anyone else is told why and what to do. */
export default function CommunityProposePage() {
  const code = codeParam()
  const [residence, setResidence] = useState<MyResidence | null | undefined>(undefined)
  const [loadError, setLoadError] = useState<string | null>(null)
  const [title, setTitle] = useState('')
  const [body, setBody] = useState('')
  const [errors, setErrors] = useState<Record<string, string>>({})
  const [notice, setNotice] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    setLoadError(null)
    setResidence(undefined)
    try {
      setResidence(await myResidence())
    } catch (e) {
      setLoadError(messageOf(e))
    }
  }, [])
  useEffect(() => {
    void load()
  }, [load])

  if (!code)
    return (
      <PageShell>
        <EmptyState title="链接有误" description="请从村/社区的议事协商页面提出议题" />
      </PageShell>
    )
  if (loadError)
    return (
      <PageShell>
        <EmptyState title="加载失败" description={loadError}>
          <Button onClick={() => void load()}>重试</Button>
        </EmptyState>
      </PageShell>
    )
  if (residence === undefined)
    return (
      <PageShell>
        <LoadingBlock />
      </PageShell>
    )
  if (!residence || residence.code !== code || residence.status !== 'confirmed') {
    const why = !residence
      ? '您还没有登记为本村/社区居民。请在村/社区页面填写居住地址申请登记，村/居委会确认后即可提出议题。'
      : residence.code !== code
        ? `您登记的是${residence.communityName}（${residence.statusLabel}），只能在登记的村/社区提出议题。`
        : residence.status === 'pending'
          ? '您的居民登记正在等待村/居委会确认，确认后即可提出议题。'
          : `您的居民登记未予确认${residence.reason ? `（${residence.reason}）` : ''}，可在村/社区页面重新申请。`
    return (
      <PageShell className="cm-propose">
        <EmptyState title="只有本村/社区确认的居民可以提出议题" description={why}>
          <Button type="primary" onClick={() => void Taro.redirectTo({ url: PAGES.community(code) })}>
            去村/社区页面
          </Button>
        </EmptyState>
      </PageShell>
    )
  }

  async function submit() {
    const found: Record<string, string> = {}
    if (!title.trim()) found.title = '请填写议题标题'
    if (!body.trim()) found.body = '请填写议题内容'
    setErrors(found)
    if (Object.keys(found).length) return
    setBusy(true)
    setNotice(null)
    try {
      const created = await propose(code!, title.trim(), body.trim())
      Taro.showToast({ title: '议题已提出', icon: 'none' })
      await Taro.redirectTo({ url: PAGES.proposal(created.id) })
    } catch (e) {
      if (isApiError(e) && e.fields) setErrors(e.fields)
      setNotice(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  return (
    <PageShell className="cm-propose">
      <View className="mz-section mz-card cm-card">
        <Text className="cm-hint">
          以{residence.communityName}居民身份提出，其他居民可发表意见；村/居委会可将议题交付全体居民投票。
        </Text>
        <FormField
          name="title"
          label="议题标题"
          value={title}
          maxLength={100}
          error={errors.title}
          onChange={setTitle}
        />
      </View>
      <View className="mz-section mz-card cm-card" data-field="body">
        <Text className="cm-title">议题内容</Text>
        <Textarea
          className="cm-textarea"
          value={body}
          maxlength={5000}
          placeholder="请说明要商议的事、理由和您的建议"
          onInput={(e) => setBody(e.detail.value)}
        />
        {errors.body ? <Text className="cm-warn">{errors.body}</Text> : null}
      </View>
      {notice ? <Text className="mz-section cm-warn">{notice}</Text> : null}
      <View className="mz-section cm-actions">
        <Button type="primary" block loading={busy} disabled={busy} onClick={() => void submit()}>
          提交议题
        </Button>
        <Button block onClick={() => go(PAGES.proposals(code))}>
          查看已有议题
        </Button>
      </View>
    </PageShell>
  )
}
