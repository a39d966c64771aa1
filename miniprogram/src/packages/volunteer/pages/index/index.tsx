import { ComingSoon } from '../../../../components/ComingSoon'

/** 志愿服务 (subpackage packages/volunteer): not online yet. */
export default function VolunteerIndexPage() {
  return <ComingSoon areaKey="volunteer" />
}
