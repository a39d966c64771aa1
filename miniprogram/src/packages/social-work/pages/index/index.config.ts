export default definePageConfig({
  navigationBarTitleText: '社会工作'
})
