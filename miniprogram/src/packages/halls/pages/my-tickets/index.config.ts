export default definePageConfig({ navigationBarTitleText: '我的取号' })
