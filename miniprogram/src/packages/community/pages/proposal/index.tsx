import { Button } from '@nutui/nutui-react-taro'
import { Text, Textarea, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useCallback, useEffect, useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import {
  comment,
  type MyBallot,
  myBallot,
  type ProposalDetail,
  proposal,
  receipts,
  vote
} from '../../../../services/community'
import { isPermanent, messageOf } from '../../../../services/errors'
import '../../components/community.scss'
import { go, idParam, PAGES, when } from '../../components/nav'
import { type Recount, recount } from '../../components/verify'

const TAG = { open: 'cm-tag', voting: 'cm-tag cm-tag--orange', closed: 'cm-tag cm-tag--green' } as const

/**
 * One proposal: what is proposed and the residents' comments; while the vote is open, a
 * confirmed resident votes once and keeps the receipt; once closed, the counts per option, the
 * published sha256 of the receipt list, and a recount on the phone that finds my receipt.
 */
export default function CommunityProposalPage() {
  const id = idParam()
  const [p, setP] = useState<ProposalDetail | null>(null)
  const [mine, setMine] = useState<MyBallot | null>(null)
  const [error, setError] = useState<{ message: string; permanent: boolean } | null>(null)
  const [choice, setChoice] = useState<number | null>(null)
  const [voteError, setVoteError] = useState<string | null>(null)
  const [voted, setVoted] = useState<string | null>(null)
  const [text, setText] = useState('')
  const [commentError, setCommentError] = useState<string | null>(null)
  const [busy, setBusy] = useState(false)
  const [check, setCheck] = useState<Recount | null>(null)
  const [checkError, setCheckError] = useState<string | null>(null)

  const load = useCallback(async () => {
    setError(null)
    if (!id) {
      setError({ message: '链接有误：请从议事协商列表进入', permanent: true })
      return
    }
    try {
      const [detail, ballot] = await Promise.all([proposal(id), myBallot(id).catch(() => null)])
      setP(detail)
      setMine(ballot)
    } catch (e) {
      setError({ message: messageOf(e), permanent: isPermanent(e) })
    }
  }, [id])
  useEffect(() => {
    void load()
  }, [load])

  async function castVote() {
    if (!p || choice === null) {
      setVoteError('请先选择一个选项')
      return
    }
    const sure = await Taro.showModal({
      title: '确认您的选择',
      content: `您选择「${p.options[choice]}」。每位居民只能投一票，投出后不能更改。`,
      confirmText: '确认投票',
      cancelText: '再想想'
    }).catch(() => ({ confirm: false }))
    if (!sure.confirm) return
    setBusy(true)
    setVoteError(null)
    try {
      const res = await vote(p.id, choice)
      setMine({ isResident: true, ballot: { receipt: res.ballot.receipt, option: res.ballot.option } })
      setVoted(res.message)
      setP({ ...p, ballots: p.ballots + 1 })
    } catch (e) {
      setVoteError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  async function send() {
    if (!p) return
    if (!text.trim()) {
      setCommentError('请填写您的意见')
      return
    }
    setBusy(true)
    setCommentError(null)
    try {
      const c = await comment(p.id, text.trim())
      setP({ ...p, comments: [...p.comments, c] })
      setText('')
    } catch (e) {
      setCommentError(messageOf(e))
    } finally {
      setBusy(false)
    }
  }

  async function verify() {
    if (!p?.result) return
    setCheckError(null)
    try {
      setCheck(recount(p.result, await receipts(p.id), mine?.ballot ?? null))
    } catch (e) {
      setCheckError(messageOf(e))
    }
  }

  if (error)
    return (
      <PageShell>
        <EmptyState title={error.permanent ? '未找到该议题' : '加载失败'} description={error.message}>
          {error.permanent ? null : <Button onClick={() => void load()}>重试</Button>}
        </EmptyState>
      </PageShell>
    )
  if (!p)
    return (
      <PageShell>
        <LoadingBlock />
      </PageShell>
    )

  const resident = mine?.isResident === true
  const ballot = mine?.ballot ?? null
  const result = p.result
  const most = result ? Math.max(1, ...result.options.map((o) => o.votes)) : 1

  return (
    <PageShell className="cm-proposal-detail">
      <View className="mz-section mz-card cm-card">
        <View>
          <Text className={TAG[p.status]} data-testid="proposal-status">
            {p.statusLabel}
          </Text>
        </View>
        <Text className="cm-title">{p.title}</Text>
        <Text className="cm-hint">
          {p.author} · {when(p.createdAt)} 提出
        </Text>
        <Text className="cm-body">{p.body}</Text>
      </View>

      {p.status === 'voting' ? (
        <View className="mz-section mz-card cm-card" data-testid="vote">
          <Text className="cm-title">居民投票（已投{p.ballots}票）</Text>
          {ballot ? null : (
            <>
              {p.options.map((label, i) => (
                <Text
                  key={label}
                  className={`cm-option ${choice === i ? 'cm-option--on' : ''}`}
                  onClick={() => resident && setChoice(i)}
                >
                  {choice === i ? '● ' : '○ '}
                  {label}
                </Text>
              ))}
              {resident ? (
                <Button type="primary" block loading={busy} disabled={busy} onClick={() => void castVote()}>
                  投票
                </Button>
              ) : (
                <Text className="cm-warn">
                  只有本村/社区经确认的居民可以投票。请在村/社区页面申请登记，村/居委会确认后再投票。
                </Text>
              )}
              {voteError ? <Text className="cm-warn">{voteError}</Text> : null}
            </>
          )}
        </View>
      ) : null}

      {ballot ? (
        <View className="mz-section mz-card cm-receipt" data-testid="my-receipt">
          <Text className="cm-ok">{voted ?? '您已投票'}</Text>
          <Text className="cm-line">您的选择：{p.options[ballot.option]}</Text>
          <Text className="cm-line">回执码（请保存，用于核对您的选票已被计入）：</Text>
          <Text className="cm-code" selectable userSelect>
            {ballot.receipt}
          </Text>
          <Button
            size="small"
            onClick={() => void Taro.setClipboardData({ data: ballot.receipt }).catch(() => undefined)}
          >
            复制回执码
          </Button>
        </View>
      ) : null}

      {result ? (
        <View className="mz-section mz-card cm-card" data-testid="result">
          <Text className="cm-title">投票结果（共{result.total}票）</Text>
          <Text className="cm-hint">{when(result.closedAt)} 公布</Text>
          {result.options.map((o) => (
            <View key={o.index} className="cm-card cm-result-line" data-option={o.index}>
              <Text className="cm-line">
                {o.label}：{o.votes}票{result.total ? `（${Math.round((o.votes / result.total) * 100)}%）` : ''}
              </Text>
              <View className="cm-bar" style={{ width: `${Math.round((o.votes / most) * 100)}%` }} />
            </View>
          ))}
          <Text className="cm-line">回执清单的 SHA-256（公布值）：</Text>
          <Text className="cm-code" selectable userSelect data-testid="receipts-hash">
            {result.receiptsHash}
          </Text>
          <Button size="small" onClick={() => void verify()}>
            核对结果
          </Button>
          {checkError ? <Text className="cm-warn">{checkError}</Text> : null}
          {check ? (
            <View className="cm-card" data-testid="recount">
              <Text className={check.countsMatch ? 'cm-ok' : 'cm-warn'}>
                {check.countsMatch
                  ? `✓ 按回执清单逐张计票：${check.counted.map((n, i) => `${result.options[i].label}${n}票`).join('，')}，与公布的票数一致`
                  : '✗ 按回执清单计票与公布的票数不一致，请联系村/居委会或乡镇/街道'}
              </Text>
              <Text className={check.hashMatches ? 'cm-ok' : 'cm-warn'}>
                {check.hashMatches
                  ? '✓ 在本机计算的回执清单哈希与公布值一致'
                  : '✗ 回执清单哈希与公布值不一致，请联系村/居委会或乡镇/街道'}
              </Text>
              {check.mineFound === null ? null : (
                <Text className={check.mineFound ? 'cm-ok' : 'cm-warn'}>
                  {check.mineFound
                    ? `✓ 您的回执在清单中，记为「${result.options[ballot!.option].label}」`
                    : '✗ 清单中没有找到您的回执，请联系村/居委会或乡镇/街道'}
                </Text>
              )}
            </View>
          ) : null}
        </View>
      ) : null}

      <View className="mz-section mz-card cm-card" data-testid="comments">
        <Text className="cm-title">居民意见（{p.comments.length}）</Text>
        {p.comments.length === 0 ? <Text className="cm-hint">暂无意见</Text> : null}
        {p.comments.map((c) => (
          <View key={c.id} className="cm-card cm-comment">
            <Text className="cm-hint">
              {c.author} · {when(c.createdAt)}
            </Text>
            {c.hidden ? (
              <Text className="cm-hint">（该意见已被隐藏：{c.hiddenReason}）</Text>
            ) : (
              <Text className="cm-body">{c.body}</Text>
            )}
          </View>
        ))}
        {p.status !== 'closed' && resident ? (
          <>
            <Textarea
              className="cm-textarea"
              value={text}
              maxlength={1000}
              placeholder="发表您的意见（文明发言，与议题相关）"
              onInput={(e) => setText(e.detail.value)}
            />
            {commentError ? <Text className="cm-warn">{commentError}</Text> : null}
            <Button type="primary" loading={busy} disabled={busy} onClick={() => void send()}>
              发表意见
            </Button>
          </>
        ) : null}
        {p.status !== 'closed' && !resident ? (
          <Text className="cm-hint">本村/社区经确认的居民可以发表意见。</Text>
        ) : null}
      </View>
      <View className="mz-section cm-actions">
        <Button onClick={() => go(PAGES.community(p.code))}>查看本村/社区</Button>
      </View>
    </PageShell>
  )
}
