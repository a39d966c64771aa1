export default definePageConfig({
  navigationBarTitleText: '收费目录'
})
