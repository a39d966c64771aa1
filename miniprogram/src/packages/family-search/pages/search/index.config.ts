export default definePageConfig({
  navigationBarTitleText: '寻找走失家人'
})
