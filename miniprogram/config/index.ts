import path from 'node:path'
import { defineConfig, type UserConfigExport } from '@tarojs/cli'
import TsconfigPathsPlugin from 'tsconfig-paths-webpack-plugin'
import devConfig from './dev'
import prodConfig from './prod'

const isH5 = process.env.TARO_ENV === 'h5'

/**
 * API base: the H5 build is served by the server itself, so it calls the API same-origin ('').
 * The weapp build calls TARO_APP_API_BASE (default: the local server).
 */
const apiBase = isH5 ? '' : process.env.TARO_APP_API_BASE || 'http://localhost:3000'

/** The shared contracts workspace (TypeScript source, linked into node_modules): compiled like src. */
const contracts = path.resolve(__dirname, '..', '..', 'contracts')

/** NutUI is drawn for a 375 px design, our own styles for 750 px. */
function designWidth(input?: { file?: string }): number {
  const file = input?.file?.replace(/\\+/g, '/') ?? ''
  return file.includes('@nutui') ? 375 : 750
}

export default defineConfig<'webpack5'>(async (merge) => {
  const baseConfig: UserConfigExport<'webpack5'> = {
    projectName: 'minzheng',
    date: '2026-11-29',
    designWidth: designWidth as unknown as number,
    deviceRatio: {
      640: 2.34 / 2,
      750: 1,
      375: 2,
      828: 1.81 / 2
    },
    sourceRoot: 'src',
    outputRoot: isH5 ? 'dist-h5' : 'dist',
    plugins: [],
    env: {
      TARO_APP_API_BASE: JSON.stringify(apiBase)
    },
    defineConstants: {},
    copy: { patterns: [], options: {} },
    framework: 'react',
    compiler: {
      type: 'webpack5',
      prebundle: { enable: false }
    },
    cache: { enable: false },
    mini: {
      postcss: {
        pxtransform: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' }
        }
      },
      optimizeMainPackage: { enable: true },
      compile: { include: [contracts] },
      miniCssExtractPluginOption: { ignoreOrder: true },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
      }
    },
    h5: {
      publicPath: '/',
      staticDirectory: 'static',
      compile: { include: [contracts] },
      router: { mode: 'hash' },
      output: {
        filename: 'js/[name].[contenthash:8].js',
        chunkFilename: 'js/[name].[contenthash:8].js'
      },
      imageUrlLoaderOption: { name: 'static/images/[name].[contenthash:8][ext]' },
      miniCssExtractPluginOption: {
        ignoreOrder: true,
        filename: 'css/[name].[contenthash:8].css',
        chunkFilename: 'css/[name].[contenthash:8].css'
      },
      postcss: {
        autoprefixer: { enable: true, config: {} },
        cssModules: {
          enable: false,
          config: { namingPattern: 'module', generateScopedName: '[name]__[local]___[hash:base64:5]' }
        }
      },
      webpackChain(chain) {
        chain.resolve.plugin('tsconfig-paths').use(TsconfigPathsPlugin)
        // React + Taro's H5 runtime make a ~400 KB entry; warn only well above that
        chain.performance.maxAssetSize(512 * 1024).maxEntrypointSize(640 * 1024)
      }
    }
  }

  if (process.env.NODE_ENV === 'development') {
    return merge({}, baseConfig, devConfig)
  }
  return merge({}, baseConfig, prodConfig)
})
