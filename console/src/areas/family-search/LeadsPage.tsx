import { useQuery } from '@tanstack/react-query';
import { Table, Tag } from 'antd';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { type InboxLead, STATUS_COLORS, beijing, familyApi, familyKeys } from './api';

/** 线索收件箱: leads on the station's notices still being followed up, newest first (names masked). */
export default function LeadsPage() {
  const query = useQuery({ queryKey: familyKeys.inbox(), queryFn: familyApi.inbox, refetchInterval: 60_000 });
  return (
    <>
      <PageHeader
        title="救助寻亲 · 线索收件箱"
        sub="线索均由实名用户提供，姓名已脱敏；查看线索会记入审计日志。请在「寻亲公告」中跟进状态。"
      />
      <Async query={query}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState text="暂无待跟进的线索" />
          ) : (
            <Table<InboxLead>
              rowKey="id"
              dataSource={items}
              pagination={false}
              onRow={() => ({ 'data-testid': 'inbox-lead' }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: '时间', width: 170, render: (_, l) => beijing(l.createdAt) },
                { title: '提供人', dataIndex: 'name', width: 90 },
                { title: '线索内容', dataIndex: 'content' },
                { title: '公告', render: (_, l) => `#${l.noticeId} ${l.notice}` },
                {
                  title: '公告状态',
                  width: 100,
                  render: (_, l) => <Tag color={STATUS_COLORS[l.noticeStatus]}>{l.noticeStatusLabel}</Tag>,
                },
              ]}
            />
          )
        }
      </Async>
    </>
  );
}
