export default definePageConfig({
  navigationBarTitleText: '社会组织动态',
  onReachBottomDistance: 120
})
