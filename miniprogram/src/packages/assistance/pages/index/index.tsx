import { ComingSoon } from '../../../../components/ComingSoon'

/** 社会救助 (subpackage packages/assistance): not online yet. */
export default function AssistanceIndexPage() {
  return <ComingSoon areaKey="assistance" />
}
