export default definePageConfig({ navigationBarTitleText: '亲属绑定' })
