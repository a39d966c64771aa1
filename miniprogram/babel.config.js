// babel-preset-taro: https://docs.taro.zone/docs/next/babel-config
// babel-plugin-import loads each NutUI component (and its CSS) on its own, keeping packages small.
module.exports = {
  presets: [['taro', { framework: 'react', ts: true, compiler: 'webpack5' }]],
  plugins: [
    [
      'import',
      {
        libraryName: '@nutui/nutui-react-taro',
        camel2DashComponentName: false,
        customName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}`,
        customStyleName: (name) => `@nutui/nutui-react-taro/dist/es/packages/${name.toLowerCase()}/style/css`
      },
      'nutui-react-taro'
    ]
  ]
}
