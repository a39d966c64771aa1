/// <reference types="@tarojs/taro" />

declare module '*.png'
declare module '*.gif'
declare module '*.jpg'
declare module '*.jpeg'
declare module '*.svg'
declare module '*.css'
declare module '*.scss'

declare namespace NodeJS {
  interface ProcessEnv {
    NODE_ENV: 'development' | 'production' | 'test'
    /** 当前构建的平台 */
    TARO_ENV: 'weapp' | 'h5' | string
    TARO_APP_ID: string
    /** API base of the weapp build ('' for H5: same origin). */
    TARO_APP_API_BASE?: string
  }
}

declare module '@nutui/icons-react-taro/dist/es/icons/configure.js' {
  export function configure(config: {
    tag?: string
    classPrefix?: string
    useSvg?: boolean
    fontClassName?: string
  }): void
}
