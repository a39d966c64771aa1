import Taro from '@tarojs/taro'
import { areaIndexPath, type Area } from '../constants/areas'

/** Opens an area's subpackage entry page. */
export function openArea(area: Area): void {
  Taro.navigateTo({ url: areaIndexPath(area) }).catch(() => {
    Taro.showToast({ title: '页面打开失败，请稍后再试', icon: 'none' })
  })
}

export function goHome(): void {
  Taro.switchTab({ url: '/pages/index/index' }).catch(() => {})
}
