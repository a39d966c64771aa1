export default definePageConfig({
  navigationBarTitleText: '身后一件事'
})
