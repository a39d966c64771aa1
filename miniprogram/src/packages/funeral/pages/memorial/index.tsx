import { Button } from '@nutui/nutui-react-taro'
import { Image, Input, Picker, Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useMemo, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { useAuth } from '../../../../hooks/auth'
import { isApiError, messageOf } from '../../../../services/errors'
import {
  createMemorial,
  editMemorial,
  layFlower,
  leaveMemorialMessage,
  type Memorial,
  type MemorialMessage,
  type MemorialView,
  memorialOf,
  memorialPhotoSrc,
  moderateMemorialMessage,
  myMemorials,
  removeMemorialPhoto,
  uploadMemorialPhoto,
  withdrawMemorial
} from '../../../../services/funeral'
import '../../components/funeral.scss'
import { PAGES, pageParams } from '../../components/nav'

/**
 * 云祭扫. Without ?code: the memorial pages I made (with messages waiting for me) and a form to
 * make one. With ?code: one memorial — the deceased's dates and life, the messages the family
 * shows, a flower a day, and a message form; the family also moderates the waiting messages.
 * Nothing is sold and nothing is ranked.
 */
export default function MemorialPage() {
  const code = useMemo(() => (pageParams().code ?? '').toUpperCase(), [])
  return <PageShell className="fu-memorial">{code ? <OneMemorial code={code} /> : <MyMemorials />}</PageShell>
}

function MyMemorials() {
  const { user, status } = useAuth()
  const [items, setItems] = useState<Memorial[] | null>(null)
  const [error, setError] = useState<string | null>(null)
  const [name, setName] = useState('')
  const [bornOn, setBornOn] = useState('')
  const [diedOn, setDiedOn] = useState('')
  const [biography, setBiography] = useState('')
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    setError(null)
    try {
      setItems(await myMemorials())
    } catch (e) {
      setError(messageOf(e))
    }
  }, [])
  useEffect(() => {
    if (user) void load()
  }, [user, load])

  const create = async () => {
    if (!name.trim() || !diedOn) {
      Taro.showToast({ title: '请填写逝者姓名和逝世日期', icon: 'none' })
      return
    }
    setBusy(true)
    try {
      const m = await createMemorial({
        deceasedName: name.trim(),
        diedOn,
        ...(bornOn ? { bornOn } : {}),
        ...(biography.trim() ? { biography: biography.trim() } : {})
      })
      Taro.redirectTo({ url: PAGES.memorial(m.code) })
    } catch {
      // the toast says why
    } finally {
      setBusy(false)
    }
  }

  if (status === 'loading' || (user && !items && !error)) return <LoadingBlock />
  if (!user)
    return (
      <View className="mz-section mz-card">
        <EmptyState icon="user" title="登录后使用云祭扫" />
      </View>
    )
  return (
    <>
      <View className="mz-section mz-card">
        <Text className="fu-line">
          为逝去的亲人建一个纪念页，分享给亲友寄托哀思。亲友的留言经您审核后显示；献花免费，不排名、不售卖任何虚拟祭品。
        </Text>
      </View>
      {error ? (
        <EmptyState title="加载失败" description={error}>
          <Button onClick={() => void load()}>重试</Button>
        </EmptyState>
      ) : null}
      {items?.map((m) => (
        <View
          key={m.code}
          className="mz-section mz-card fu-place"
          data-testid={`memorial-${m.code}`}
          onClick={() => Taro.navigateTo({ url: PAGES.memorial(m.code) })}
        >
          <Text className="fu-place__name">{m.deceasedName}</Text>
          <Text className="fu-line">
            {m.bornOn ? `${m.bornOn} — ` : '逝于 '}
            {m.diedOn}
          </Text>
          <Text className="fu-hint">
            {m.pendingMessages ? `有${m.pendingMessages}条留言待您审核 › ` : '查看纪念页 › '}
          </Text>
        </View>
      ))}
      <View className="mz-section mz-card" data-testid="memorial-form">
        <Text className="fu-section__title">新建纪念页</Text>
        <Input
          className="fu-input"
          placeholder="逝者姓名"
          value={name}
          onInput={(e) => setName(e.detail.value)}
          data-field="deceasedName"
        />
        <Picker mode="date" value={bornOn} onChange={(e) => setBornOn(e.detail.value)}>
          <View className="fu-input">{bornOn ? `出生日期 ${bornOn}` : '出生日期（可不填）'}</View>
        </Picker>
        <Picker mode="date" value={diedOn} onChange={(e) => setDiedOn(e.detail.value)}>
          <View className="fu-input" data-testid="died-on">
            {diedOn ? `逝世日期 ${diedOn}` : '选择逝世日期'}
          </View>
        </Picker>
        <Textarea
          className="fu-input fu-textarea"
          placeholder="生平简介（可不填，最多1000字）"
          maxlength={1000}
          value={biography}
          onInput={(e) => setBiography(e.detail.value)}
        />
        <Button type="primary" loading={busy} onClick={() => void create()} data-testid="memorial-create">
          创建纪念页
        </Button>
      </View>
    </>
  )
}

function OneMemorial({ code }: { code: string }) {
  const { user, status } = useAuth()
  const [view, setView] = useState<MemorialView | null>(null)
  const [error, setError] = useState<{ message: string; missing: boolean; withdrawn: boolean } | null>(null)
  const [signature, setSignature] = useState('')
  const [content, setContent] = useState('')
  const [busy, setBusy] = useState(false)

  const load = useCallback(async () => {
    setError(null)
    try {
      setView(await memorialOf(code))
    } catch (e) {
      setError({
        message: messageOf(e),
        missing: isApiError(e) && e.status === 404,
        withdrawn: isApiError(e) && e.status === 410
      })
    }
  }, [code])
  useEffect(() => {
    if (user) void load()
  }, [user, load])

  const flower = async () => {
    try {
      await layFlower(code)
      Taro.showToast({ title: '已献花', icon: 'none' })
    } catch {
      // the toast says why
    }
    void load()
  }
  const send = async () => {
    if (!signature.trim() || content.trim().length < 2) {
      Taro.showToast({ title: '请填写署名和留言', icon: 'none' })
      return
    }
    setBusy(true)
    try {
      const { message } = await leaveMemorialMessage(code, signature.trim(), content.trim())
      setContent('')
      Taro.showToast({
        title: message.status === 'pending' ? '留言已提交，家属审核后显示' : '留言已发布',
        icon: 'none'
      })
      void load()
    } catch {
      // the toast says why
    } finally {
      setBusy(false)
    }
  }
  const moderate = async (m: MemorialMessage, action: 'show' | 'hide') => {
    try {
      await moderateMemorialMessage(code, m.id, action)
      void load()
    } catch {
      // the toast says why
    }
  }

  if (status === 'loading' || (user && !view && !error)) return <LoadingBlock />
  if (!user)
    return (
      <View className="mz-section mz-card">
        <EmptyState icon="user" title="登录后查看纪念页" />
      </View>
    )
  if (error)
    return (
      <View className="mz-section mz-card" data-testid="error">
        <EmptyState
          title={error.withdrawn ? '纪念页已撤下' : error.missing ? '未找到该纪念页' : '加载失败'}
          description={error.message}
        >
          {error.missing || error.withdrawn ? null : <Button onClick={() => void load()}>重试</Button>}
        </EmptyState>
      </View>
    )
  if (!view) return null
  const m = view.memorial
  return (
    <>
      <View className="mz-section mz-card fu-place fu-memorial__head" data-testid="memorial">
        {m.photoUrl ? (
          <Image
            className="fu-memorial__photo"
            src={memorialPhotoSrc(m.photoUrl)}
            mode="aspectFit"
            data-testid="memorial-photo"
          />
        ) : null}
        <Text className="fu-place__name">{m.deceasedName}</Text>
        <Text className="fu-line">
          {m.bornOn ? `${m.bornOn} — ` : '逝于 '}
          {m.diedOn}
        </Text>
        {m.biography ? <Text className="fu-line">{m.biography}</Text> : null}
        <Text className="fu-line" data-testid="flowers">
          亲友献花 {m.flowers} 次
        </Text>
        <Button type="primary" disabled={view.floweredToday} onClick={() => void flower()} data-testid="flower">
          {view.floweredToday ? '今日已献花' : '献一束花'}
        </Button>
        {view.family ? (
          <Text className="fu-hint">分享编号 {m.code}，亲友在「云祭扫」打开纪念页即可留言献花。</Text>
        ) : null}
      </View>
      {view.family ? <ManageMemorial memorial={m} onChanged={() => void load()} /> : null}
      {view.family && view.waiting.length ? (
        <View className="mz-section mz-card" data-testid="waiting">
          <Text className="fu-section__title">待您审核的留言</Text>
          {view.waiting.map((w) => (
            <View key={w.id} className="fu-fee" data-message={w.id}>
              <Text className="fu-line">
                {w.signature}：{w.content}
              </Text>
              <Text className="fu-hint">{w.statusName}</Text>
              <View className="fu-actions">
                <Button size="small" type="primary" onClick={() => void moderate(w, 'show')}>
                  显示
                </Button>
                {w.status === 'pending' ? (
                  <Button size="small" onClick={() => void moderate(w, 'hide')}>
                    不显示
                  </Button>
                ) : null}
              </View>
            </View>
          ))}
        </View>
      ) : null}
      <View className="mz-section mz-card" data-testid="messages">
        <Text className="fu-section__title">追思留言</Text>
        {view.messages.length === 0 ? <Text className="fu-hint">还没有留言</Text> : null}
        {view.messages.map((w) => (
          <View key={w.id} className="fu-fee" data-message={w.id}>
            <Text className="fu-line">{w.content}</Text>
            <Text className="fu-hint">—— {w.signature}</Text>
            {view.family ? (
              <Button size="small" onClick={() => void moderate(w, 'hide')}>
                隐藏
              </Button>
            ) : null}
          </View>
        ))}
        {!view.family
          ? view.waiting.map((w) => (
              <View key={w.id} className="fu-fee">
                <Text className="fu-line">{w.content}</Text>
                <Text className="fu-hint">
                  —— {w.signature}（{w.statusName}）
                </Text>
              </View>
            ))
          : null}
      </View>
      <View className="mz-section mz-card" data-testid="message-form">
        <Input
          className="fu-input"
          placeholder="署名，如：孙女 小红"
          value={signature}
          maxlength={20}
          onInput={(e) => setSignature(e.detail.value)}
          data-field="signature"
        />
        <Textarea
          className="fu-input fu-textarea"
          placeholder={view.family ? '写下想说的话' : '写下想说的话，家属审核后显示'}
          maxlength={300}
          value={content}
          onInput={(e) => setContent(e.detail.value)}
          data-field="content"
        />
        <Button type="primary" loading={busy} onClick={() => void send()} data-testid="message-send">
          留言
        </Button>
      </View>
    </>
  )
}

/**
 * The family keeps their page: correct the name, dates and life; set, change or remove the
 * photo; withdraw the page (after a confirmation; its code then says 「已撤下」 to everyone).
 * Only the family sees this; the server refuses anyone else (403) all the same.
 */
function ManageMemorial({ memorial: m, onChanged }: { memorial: Memorial; onChanged: () => void }) {
  const [editing, setEditing] = useState(false)
  const [name, setName] = useState(m.deceasedName)
  const [bornOn, setBornOn] = useState(m.bornOn ?? '')
  const [diedOn, setDiedOn] = useState(m.diedOn)
  const [biography, setBiography] = useState(m.biography ?? '')
  const [busy, setBusy] = useState<string | null>(null)

  const save = async () => {
    if (!name.trim() || !diedOn) {
      Taro.showToast({ title: '请填写逝者姓名和逝世日期', icon: 'none' })
      return
    }
    setBusy('save')
    try {
      await editMemorial(m.code, {
        deceasedName: name.trim(),
        diedOn,
        ...(bornOn ? { bornOn } : {}),
        ...(biography.trim() ? { biography: biography.trim() } : {})
      })
      Taro.showToast({ title: '已保存', icon: 'none' })
      setEditing(false)
      onChanged()
    } catch {
      // the toast says why
    } finally {
      setBusy(null)
    }
  }
  const choosePhoto = async () => {
    let path: string | undefined
    try {
      const picked = await Taro.chooseImage({ count: 1, sizeType: ['compressed'], sourceType: ['album', 'camera'] })
      path = picked.tempFilePaths[0]
    } catch {
      return // cancelled
    }
    if (!path) return
    setBusy('photo')
    try {
      await uploadMemorialPhoto(m.code, path)
      Taro.showToast({ title: '照片已更新', icon: 'none' })
      onChanged()
    } catch (e) {
      Taro.showToast({ title: messageOf(e), icon: 'none' })
    } finally {
      setBusy(null)
    }
  }
  const removePhoto = async () => {
    setBusy('photo')
    try {
      await removeMemorialPhoto(m.code)
      onChanged()
    } catch {
      // the toast says why
    } finally {
      setBusy(null)
    }
  }
  const withdraw = async () => {
    const { confirm } = await Taro.showModal({
      title: '撤下纪念页',
      content: '撤下后，亲友打开分享编号将看到「已撤下」，留言和献花都不再显示，且不能恢复。确定撤下吗？',
      confirmText: '撤下',
      cancelText: '再想想'
    })
    if (!confirm) return
    setBusy('withdraw')
    try {
      await withdrawMemorial(m.code)
      Taro.showToast({ title: '纪念页已撤下', icon: 'none' })
      Taro.redirectTo({ url: PAGES.memorials })
    } catch {
      // the toast says why
    } finally {
      setBusy(null)
    }
  }

  return (
    <View className="mz-section mz-card" data-testid="manage">
      <Text className="fu-section__title">管理纪念页</Text>
      <Text className="fu-hint">只有您（创建纪念页的家属）能看到这里。</Text>
      {editing ? (
        <View data-testid="edit-form">
          <Input
            className="fu-input"
            placeholder="逝者姓名"
            value={name}
            onInput={(e) => setName(e.detail.value)}
            data-field="deceasedName"
          />
          <Picker mode="date" value={bornOn} onChange={(e) => setBornOn(e.detail.value)}>
            <View className="fu-input">{bornOn ? `出生日期 ${bornOn}` : '出生日期（可不填）'}</View>
          </Picker>
          <Picker mode="date" value={diedOn} onChange={(e) => setDiedOn(e.detail.value)}>
            <View className="fu-input">{`逝世日期 ${diedOn}`}</View>
          </Picker>
          <Textarea
            className="fu-input fu-textarea"
            placeholder="生平简介（可不填，最多1000字）"
            maxlength={1000}
            value={biography}
            onInput={(e) => setBiography(e.detail.value)}
            data-field="biography"
          />
          <View className="fu-actions">
            <Button type="primary" loading={busy === 'save'} onClick={() => void save()} data-testid="edit-save">
              保存修改
            </Button>
            <Button onClick={() => setEditing(false)}>取消</Button>
          </View>
        </View>
      ) : (
        <View className="fu-actions">
          <Button size="small" onClick={() => setEditing(true)} data-testid="edit">
            修改信息
          </Button>
          <Button size="small" loading={busy === 'photo'} onClick={() => void choosePhoto()} data-testid="photo">
            {m.photoUrl ? '更换照片' : '添加照片'}
          </Button>
          {m.photoUrl ? (
            <Button size="small" onClick={() => void removePhoto()}>
              删除照片
            </Button>
          ) : null}
          <Button
            size="small"
            type="danger"
            loading={busy === 'withdraw'}
            onClick={() => void withdraw()}
            data-testid="withdraw"
          >
            撤下纪念页
          </Button>
        </View>
      )}
    </View>
  )
}
