export default definePageConfig({
  navigationBarTitleText: '矩阵成员'
})
