export default definePageConfig({
  navigationBarTitleText: '社会组织查询',
  onReachBottomDistance: 120
})
