export default definePageConfig({
  navigationBarTitleText: '社会救助'
})
