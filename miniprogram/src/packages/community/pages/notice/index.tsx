import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import {
  attachmentUrl,
  type CommunityAttachment,
  type CommunityNoticeView,
  communityNotice
} from '../../../../services/community'
import { isPermanent, messageOf } from '../../../../services/errors'
import '../../components/community.scss'
import { go, idParam, PAGES, when } from '../../components/nav'

const sizeText = (n: number) =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)}MB` : `${Math.max(1, Math.round(n / 1024))}KB`

/** Opens an attachment: a picture in the viewer, a PDF in WeChat's document viewer (H5: the browser). */
async function openAttachment(a: CommunityAttachment) {
  const url = attachmentUrl(a.id)
  if (a.mime.startsWith('image/')) {
    await Taro.previewImage({ urls: [url], current: url }).catch(() => undefined)
    return
  }
  if (process.env.TARO_ENV === 'h5') {
    window.open(url, '_blank')
    return
  }
  Taro.showLoading({ title: '正在打开…' })
  try {
    const file = await Taro.downloadFile({ url })
    if (file.statusCode !== 200) throw new Error(String(file.statusCode))
    await Taro.openDocument({ filePath: file.tempFilePath, fileType: 'pdf', showMenu: true })
  } catch {
    Taro.showToast({ title: '附件打开失败，请稍后再试', icon: 'none' })
  } finally {
    Taro.hideLoading()
  }
}

/** One 居务/村务公开 item with its attachments. */
export default function CommunityNoticePage() {
  const id = idParam()
  const [notice, setNotice] = useState<CommunityNoticeView | null>(null)
  const [error, setError] = useState<{ message: string; permanent: boolean } | null>(null)

  const load = useCallback(async () => {
    setError(null)
    if (!id) {
      setError({ message: '链接有误：请从公开列表进入', permanent: true })
      return
    }
    try {
      setNotice(await communityNotice(id))
    } catch (e) {
      setError({ message: messageOf(e), permanent: isPermanent(e) })
    }
  }, [id])
  useEffect(() => {
    void load()
  }, [load])

  if (error)
    return (
      <PageShell>
        <EmptyState title={error.permanent ? '未找到该公开事项' : '加载失败'} description={error.message}>
          {error.permanent ? null : <Button onClick={() => void load()}>重试</Button>}
        </EmptyState>
      </PageShell>
    )
  if (!notice)
    return (
      <PageShell>
        <LoadingBlock />
      </PageShell>
    )
  return (
    <PageShell className="cm-notice-detail">
      <View className="mz-section mz-card cm-card">
        <View>
          <Text className="cm-tag">{notice.categoryLabel}</Text>
        </View>
        <Text className="cm-title">{notice.title}</Text>
        <Text className="cm-hint">发布时间：{when(notice.publishedAt)}</Text>
        <Text className="cm-body" data-testid="notice-body">
          {notice.body}
        </Text>
      </View>
      <View className="mz-section mz-card cm-card" data-testid="notice-attachments">
        <Text className="cm-title">附件</Text>
        {notice.attachments.length === 0 ? <Text className="cm-hint">无附件</Text> : null}
        {notice.attachments.map((a) => (
          <View key={a.id} className="cm-row cm-attachment" onClick={() => void openAttachment(a)}>
            <Text className="cm-name">
              {a.mime === 'application/pdf' ? '📄 ' : '🖼 '}
              {a.filename}
            </Text>
            <Text className="cm-more">
              {sizeText(a.size)} · {a.mime === 'application/pdf' ? '打开' : '查看'} ›
            </Text>
          </View>
        ))}
      </View>
      <View className="mz-section cm-actions">
        <Button onClick={() => go(PAGES.community(notice.divisionCode))}>查看本村/社区</Button>
      </View>
    </PageShell>
  )
}
