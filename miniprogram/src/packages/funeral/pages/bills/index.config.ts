export default definePageConfig({
  navigationBarTitleText: '我的殡葬账单'
})
