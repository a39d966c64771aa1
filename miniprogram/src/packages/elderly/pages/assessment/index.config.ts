export default definePageConfig({ navigationBarTitleText: '能力评估' })
