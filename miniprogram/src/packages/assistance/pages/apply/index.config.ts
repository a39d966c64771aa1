export default definePageConfig({ navigationBarTitleText: '申请社会救助' })
