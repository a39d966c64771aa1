export default definePageConfig({
  navigationBarTitleText: '养老服务'
})
