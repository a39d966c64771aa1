import { ComingSoon } from '../../../../components/ComingSoon'

/** 社会工作 (subpackage packages/social-work): not online yet. */
export default function SocialWorkIndexPage() {
  return <ComingSoon areaKey="social-work" />
}
