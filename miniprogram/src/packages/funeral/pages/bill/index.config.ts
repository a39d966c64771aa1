export default definePageConfig({
  navigationBarTitleText: '殡葬服务账单'
})
