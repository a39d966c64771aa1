export default definePageConfig({
  navigationBarTitleText: '居务/村务公开'
})
