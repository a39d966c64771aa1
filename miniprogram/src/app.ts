import type { PropsWithChildren } from 'react'
import { createElement } from 'react'
import { AppProviders } from './components/AppProviders'
import './nutui-setup'
import './app.scss'

/** The app: providers around every page (长辈模式, region settings, silent login on launch). */
function App({ children }: PropsWithChildren) {
  return createElement(AppProviders, null, children)
}

export default App
