import { ComingSoon } from '../../../../components/ComingSoon'

/** 救助寻亲 (subpackage packages/family-search): not online yet. */
export default function FamilySearchIndexPage() {
  return <ComingSoon areaKey="family-search" />
}
