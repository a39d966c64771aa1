import { ComingSoon } from '../../../../components/ComingSoon'

/** 社会组织 (subpackage packages/social-orgs): not online yet. */
export default function SocialOrgsIndexPage() {
  return <ComingSoon areaKey="social-orgs" />
}
