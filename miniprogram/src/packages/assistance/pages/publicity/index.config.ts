export default definePageConfig({ navigationBarTitleText: '救助公示' })
