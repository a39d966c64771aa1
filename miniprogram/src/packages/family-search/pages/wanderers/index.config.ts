export default definePageConfig({
  navigationBarTitleText: '易走失人员登记'
})
