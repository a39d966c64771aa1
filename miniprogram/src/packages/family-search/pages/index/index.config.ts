export default definePageConfig({
  navigationBarTitleText: '救助寻亲'
})
