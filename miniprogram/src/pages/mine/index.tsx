import { Button } from '@nutui/nutui-react-taro'
import { Text, View } from '@tarojs/components'
import { ElderlySwitch } from '../../components/ElderlySwitch'
import { EmptyState } from '../../components/EmptyState'
import { HotlineCard } from '../../components/HotlineCard'
import { IdentityForm } from '../../components/IdentityForm'
import { LoadingBlock } from '../../components/LoadingBlock'
import { MyRecords } from '../../components/MyRecords'
import { PageShell } from '../../components/PageShell'
import { PhoneBinding } from '../../components/PhoneBinding'
import { ProfileCard } from '../../components/ProfileCard'
import { useAuth } from '../../hooks/auth'
import './index.scss'

/** 我的: profile, my records (预约, 取号, 投诉, 关注, 通知设置), 实名认证, 绑定手机号, 长辈模式. */
export default function MinePage() {
  const { status, user, error, setUser, retry } = useAuth()

  return (
    <PageShell className="mz-mine">
      {status === 'loading' && !user ? <LoadingBlock text="正在登录…" /> : null}

      {status === 'error' && !user ? (
        <View className="mz-section mz-card">
          <EmptyState icon="user" title="登录失败" description={error ?? '请稍后再试'}>
            <Button type="primary" onClick={() => void retry()}>
              重新登录
            </Button>
          </EmptyState>
        </View>
      ) : null}

      {user ? (
        <>
          <ProfileCard user={user} />

          <View className="mz-section mz-card">
            <MyRecords />
          </View>

          {!user.realNamed ? (
            <View className="mz-section mz-card">
              <View className="mz-section-title">实名认证</View>
              <Text className="mz-muted">实名认证后可在线办理民政业务，信息仅用于身份核验。</Text>
              <IdentityForm onBound={setUser} />
            </View>
          ) : null}

          {!user.phoneBound ? (
            <View className="mz-section mz-card">
              <View className="mz-section-title">绑定手机号</View>
              <PhoneBinding onBound={setUser} />
            </View>
          ) : null}
        </>
      ) : null}

      <View className="mz-section mz-card">
        <ElderlySwitch />
      </View>

      <View className="mz-section">
        <HotlineCard />
      </View>
    </PageShell>
  )
}
