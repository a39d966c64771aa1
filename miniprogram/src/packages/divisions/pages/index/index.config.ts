export default definePageConfig({
  navigationBarTitleText: '区划地名'
})
