export default definePageConfig({
  navigationBarTitleText: '民政服务'
})
