import { ComingSoon } from '../../../../components/ComingSoon'

/** 社区治理 (subpackage packages/community): not online yet. */
export default function CommunityIndexPage() {
  return <ComingSoon areaKey="community" />
}
