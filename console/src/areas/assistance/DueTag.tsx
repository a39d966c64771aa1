import { Tag } from 'antd';
import type { Flag } from './api';

/** A deadline as it is: the date, 暂定 when provisional, and 即将超期 / 已超期 marks. */
export function Due({
  dueOn,
  provisional,
  flag,
  daysLeft,
}: {
  dueOn: string | null;
  provisional: boolean;
  flag: Flag;
  daysLeft: number | null;
}) {
  if (!dueOn) return <span>—</span>;
  return (
    <span data-testid="due">
      {dueOn}
      {provisional && <Tag style={{ marginLeft: 6 }}>暂定</Tag>}
      {flag === 'overdue' && (
        <Tag color="red" style={{ marginLeft: 6 }}>
          已超期
        </Tag>
      )}
      {flag === 'near' && (
        <Tag color="orange" style={{ marginLeft: 6 }}>
          即将超期{daysLeft !== null ? `（剩${daysLeft}个工作日）` : ''}
        </Tag>
      )}
    </span>
  );
}
