export default definePageConfig({ navigationBarTitleText: '助餐订餐' })
