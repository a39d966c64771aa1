export default definePageConfig({
  navigationBarTitleText: '云祭扫'
})
