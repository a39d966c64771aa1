import { Table, Tag } from 'antd';
import type { QueueItem } from './api';
import { LANE_TEXT, TICKET_STATUS } from './QueuePanel';

/** Today's numbers of the hall: who waits, who is at which window, what was finished. */
export function QueueList({ items, serviceNames }: { items: QueueItem[]; serviceNames: Map<string, string> }) {
  return (
    <Table<QueueItem>
      rowKey="id"
      size="small"
      dataSource={items}
      pagination={{ pageSize: 50, hideOnSinglePage: true }}
      locale={{ emptyText: '今天还没有人取号' }}
      data-testid="queue"
      columns={[
        { title: '号码', dataIndex: 'label', width: 80 },
        { title: '事项', dataIndex: 'serviceCode', render: (c: string) => serviceNames.get(c) ?? c },
        {
          title: '通道',
          dataIndex: 'lane',
          width: 70,
          render: (lane: QueueItem['lane']) => (
            <Tag color={lane === 'priority' ? 'volcano' : lane === 'booked' ? 'blue' : undefined}>
              {LANE_TEXT[lane]}
            </Tag>
          ),
        },
        { title: '状态', dataIndex: 'status', width: 80, render: (s: QueueItem['status']) => TICKET_STATUS[s] },
        { title: '窗口', dataIndex: 'windowNumber', width: 60, render: (n: string | null) => n ?? '—' },
      ]}
    />
  );
}
