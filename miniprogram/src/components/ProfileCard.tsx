import { Image, Text, View } from '@tarojs/components'
import { iconDataUri } from '../assets/icons'
import type { User } from '../services/types'
import './ProfileCard.scss'

/** The citizen's card: masked name, ID number and phone as the server gives them. */
export function ProfileCard({ user }: { user: User }) {
  return (
    <View className="mz-profile" data-testid="profile-card">
      <View className="mz-profile__head">
        <View className="mz-profile__avatar">
          <Image className="mz-profile__avatar-img" src={iconDataUri('user')} />
        </View>
        <View className="mz-profile__who">
          <Text className="mz-profile__name">{user.name ?? '微信用户'}</Text>
          <Text className={`mz-profile__tag${user.realNamed ? ' mz-profile__tag--ok' : ''}`}>
            {user.realNamed ? '已实名认证' : '未实名认证'}
          </Text>
        </View>
      </View>
      <View className="mz-profile__rows">
        <View className="mz-profile__row">
          <Text className="mz-profile__key">身份证号</Text>
          <Text className="mz-profile__value" data-testid="profile-id">
            {user.idNumber ?? '未绑定'}
          </Text>
        </View>
        <View className="mz-profile__row">
          <Text className="mz-profile__key">手机号</Text>
          <Text className="mz-profile__value" data-testid="profile-phone">
            {user.phone ?? '未绑定'}
          </Text>
        </View>
      </View>
    </View>
  )
}
