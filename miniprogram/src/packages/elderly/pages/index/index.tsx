import { ComingSoon } from '../../../../components/ComingSoon'

/** 养老服务 (subpackage packages/elderly): not online yet. */
export default function ElderlyIndexPage() {
  return <ComingSoon areaKey="elderly" />
}
