/**
 * Mocha setup for page tests: a jsdom window, style imports ignored, and @tarojs/taro and
 * @tarojs/components redirected to the small doubles in ./doubles. NutUI is the real library
 * (its CommonJS build), drawn with those doubles.
 */
import 'global-jsdom/register'
import Module from 'node:module'
import path from 'node:path'

process.env.TARO_ENV = process.env.TARO_ENV || 'weapp'
process.env.TARO_APP_API_BASE = 'http://api.test'

for (const ext of ['.css', '.scss', '.sass', '.less']) {
  ;(require as any).extensions[ext] = () => undefined
}

const redirects: Record<string, string> = {
  '@tarojs/taro': path.join(__dirname, 'doubles/taro.ts'),
  '@tarojs/components': path.join(__dirname, 'doubles/components.tsx'),
  '@nutui/nutui-react-taro': path.join(__dirname, 'support/nutui-on-demand.cjs')
}

const M = Module as any
const resolve = M._resolveFilename
M._resolveFilename = function (request: string, ...rest: unknown[]) {
  return resolve.call(this, redirects[request] ?? request, ...rest)
}

// React 18: tell it updates are wrapped in act() by testing-library
;(globalThis as any).IS_REACT_ACT_ENVIRONMENT = true

// NutUI's icons set a vendor style React warns about; that noise hides real warnings
const consoleError = console.error
console.error = (...args: unknown[]) => {
  if (typeof args[0] === 'string' && args[0].includes('Unsupported style property')) return
  consoleError(...args)
}
