import type { PropsWithChildren } from 'react'
import Taro from '@tarojs/taro'
import { createElement } from 'react'
import { AppProviders } from './components/AppProviders'
import './nutui-setup'
import './app.scss'

/** An unknown address (a mistyped or outdated link) opens a page that says so, not the previous page. */
const NOT_FOUND_PAGE = '/packages/misc/pages/not-found/index'
Taro.onPageNotFound?.(() => {
  Taro.redirectTo({ url: NOT_FOUND_PAGE }).catch(() => Taro.reLaunch({ url: NOT_FOUND_PAGE }).catch(() => {}))
})

/** The app: providers around every page (长辈模式, region settings, silent login on launch). */
function App({ children }: PropsWithChildren) {
  return createElement(AppProviders, null, children)
}

export default App
