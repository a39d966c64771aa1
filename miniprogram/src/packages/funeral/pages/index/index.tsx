import { ComingSoon } from '../../../../components/ComingSoon'

/** 殡葬服务 (subpackage packages/funeral): not online yet. */
export default function FuneralIndexPage() {
  return <ComingSoon areaKey="funeral" />
}
