export default definePageConfig({ navigationBarTitleText: '婚姻知识' })
