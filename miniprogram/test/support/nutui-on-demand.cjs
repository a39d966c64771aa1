// The real NutUI, loaded per component from its CommonJS build the way babel-plugin-import does
// in the Taro build (`import { Button } from '@nutui/nutui-react-taro'` → dist/.../button).
// Loading the whole library would pull in lottie and other parts that need a real browser.
const loaded = new Map()
module.exports = new Proxy(
  {},
  {
    get(_target, name) {
      if (typeof name !== 'string' || name === '__esModule' || name === 'then') return undefined
      if (!loaded.has(name)) {
        const mod = require(`@nutui/nutui-react-taro/dist/cjs/packages/${name.toLowerCase()}/index.js`)
        loaded.set(name, mod.default ?? mod[name])
      }
      return loaded.get(name)
    }
  }
)
