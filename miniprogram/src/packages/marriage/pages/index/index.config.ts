export default definePageConfig({
  navigationBarTitleText: '婚姻服务'
})
