export default definePageConfig({ navigationBarTitleText: '我的救助申请' })
