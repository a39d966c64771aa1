import { View } from '@tarojs/components'
// the same module NutUI's icons read their settings from (deep path: no need to load every icon)
import { configure } from '@nutui/icons-react-taro/dist/es/icons/configure.js'

/**
 * NutUI icons render an <i> by default, which the mini-program templates (without
 * @tarojs/plugin-html) cannot show: draw them as a <View> instead.
 */
configure({ tag: View as unknown as string })
