export default definePageConfig({
  navigationBarTitleText: '志愿服务组织'
})
