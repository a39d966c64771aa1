export default definePageConfig({
  navigationBarTitleText: '议事协商'
})
