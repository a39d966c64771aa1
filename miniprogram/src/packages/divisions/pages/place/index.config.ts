export default definePageConfig({
  navigationBarTitleText: '标准地名'
})
