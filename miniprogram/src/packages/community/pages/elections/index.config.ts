export default definePageConfig({
  navigationBarTitleText: '换届选举'
})
