import { ComingSoon } from '../../../../components/ComingSoon'

/** 婚姻服务 (subpackage packages/marriage): not online yet. */
export default function MarriageIndexPage() {
  return <ComingSoon areaKey="marriage" />
}
