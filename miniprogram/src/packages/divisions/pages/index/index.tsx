import type { DivisionView, PlaceNameListItem } from '@minzheng/contracts'
import { Button } from '@nutui/nutui-react-taro'
import { Input, Text, View } from '@tarojs/components'
import Taro from '@tarojs/taro'
import { useState } from 'react'
import { EmptyState } from '../../../../components/EmptyState'
import { HotlineCard } from '../../../../components/HotlineCard'
import { LoadingBlock } from '../../../../components/LoadingBlock'
import { PageShell } from '../../../../components/PageShell'
import { messageOf } from '../../../../services/errors'
import { lookupDivision, searchPlaceNames } from '../../../../services/place-names'
import type { Division } from '../../../../services/types'
import { DivisionPicker } from '../../../../components/DivisionPicker'
import './index.scss'

/** 区划地名 (subpackage packages/divisions): browse divisions, look up a code (abolished ones too), search standard names. */
export default function DivisionsIndexPage() {
  const [chosen, setChosen] = useState<Division[] | null>(null)
  const [code, setCode] = useState('')
  const [division, setDivision] = useState<DivisionView | null>(null)
  const [codeError, setCodeError] = useState<string | null>(null)
  const [q, setQ] = useState('')
  const [names, setNames] = useState<PlaceNameListItem[] | null>(null)
  const [namesError, setNamesError] = useState<string | null>(null)
  const [busy, setBusy] = useState<'code' | 'names' | null>(null)

  const lookup = async () => {
    setDivision(null)
    setCodeError(null)
    if (!/^(\d{6}|\d{9}|\d{12})$/.test(code.trim())) {
      setCodeError('请输入6、9或12位数字的区划代码')
      return
    }
    setBusy('code')
    try {
      setDivision(await lookupDivision(code.trim()))
    } catch (e) {
      setCodeError(messageOf(e))
    } finally {
      setBusy(null)
    }
  }
  const search = async () => {
    setNames(null)
    setNamesError(null)
    if (!q.trim()) {
      setNamesError('请输入地名或拼音的开头')
      return
    }
    setBusy('names')
    try {
      setNames((await searchPlaceNames(q.trim())).items)
    } catch (e) {
      setNamesError(messageOf(e))
    } finally {
      setBusy(null)
    }
  }

  return (
    <PageShell className="mz-divisions">
      <View className="mz-section">
        <View className="mz-section-title">区划代码查询</View>
        <Input
          className="mz-divisions__input"
          type="number"
          placeholder="输入6、9或12位区划代码，如 110103"
          value={code}
          onInput={(e) => setCode(e.detail.value)}
        />
        <Button size="small" type="primary" onClick={() => void lookup()}>
          查询
        </Button>
        {busy === 'code' ? <LoadingBlock /> : null}
        {codeError ? <Text className="mz-divisions__error">{codeError}</Text> : null}
        {division ? (
          <View className="mz-card mz-divisions__result" data-testid="division-lookup">
            <Text className="mz-divisions__full">{division.fullName}</Text>
            <Text className="mz-muted">
              {division.levelLabel} · {division.statusLabel}
            </Text>
            {division.status === 'abolished' ? (
              <Text>
                {division.abolishedOn} 起撤销，现属：
                {division.successors.map((s) => `${s.fullName}（${s.code}）`).join('、')}
              </Text>
            ) : null}
          </View>
        ) : null}
      </View>
      <View className="mz-section">
        <View className="mz-section-title">标准地名检索</View>
        <Input
          className="mz-divisions__input"
          placeholder="输入地名或拼音开头，如 天安 或 tiananmen"
          value={q}
          onInput={(e) => setQ(e.detail.value)}
        />
        <Button size="small" type="primary" onClick={() => void search()}>
          检索
        </Button>
        {busy === 'names' ? <LoadingBlock /> : null}
        {namesError ? (
          <EmptyState title="检索失败" description={namesError}>
            <Button size="small" onClick={() => void search()}>
              重试
            </Button>
          </EmptyState>
        ) : null}
        {names && names.length === 0 ? (
          <EmptyState title="没有找到该地名" description="请换一个开头的字或拼音" />
        ) : null}
        {names?.map((n) => (
          <View
            key={n.id}
            className="mz-card mz-divisions__result"
            data-testid="place-name"
            onClick={() => void Taro.navigateTo({ url: `/packages/divisions/pages/place/index?id=${n.id}` })}
          >
            <Text className="mz-divisions__full">
              {n.name} {n.pinyin}
            </Text>
            <Text className="mz-muted">
              {n.categoryLabel} · {n.divisionName}
            </Text>
          </View>
        ))}
      </View>
      <View className="mz-section">
        <View className="mz-section-title">行政区划查询</View>
        <DivisionPicker onChoose={setChosen} />
      </View>
      {chosen ? (
        <View className="mz-section mz-card mz-divisions__result" data-testid="division-result">
          <Text className="mz-muted">已选择</Text>
          <Text className="mz-divisions__full">{chosen.map((d) => d.name).join(' / ')}</Text>
          <Text className="mz-muted">区划代码：{chosen[chosen.length - 1].code}</Text>
        </View>
      ) : null}
      <View className="mz-section">
        <HotlineCard />
      </View>
    </PageShell>
  )
}
