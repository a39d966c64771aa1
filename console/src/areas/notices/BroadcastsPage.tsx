import { PlusOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Table, Tag } from 'antd';
import { Link } from 'react-router';
import { PageHeader } from '../../app/PageHeader';
import { canUse } from '../../app/roles';
import { useStaff } from '../../app/session';
import { Async, EmptyState } from '../../app/states';
import { BROADCAST_STATUSES, type Broadcast, noticeKeys, noticesApi, segmentText } from './api';

/** The latest broadcasts of one's scope, those waiting for approval first in mind. */
export default function BroadcastsPage() {
  const staff = useStaff();
  const query = useQuery({ queryKey: noticeKeys.list, queryFn: noticesApi.list, refetchInterval: 10_000 });
  const mayCompose = canUse(staff.roles, ['editor']);
  return (
    <>
      <PageHeader
        title="群发通知"
        sub="编辑撰写后须由另一位审核人批准才会发送；发送中可随时取消。"
        extra={
          mayCompose && (
            <Link to="/notices/broadcasts/new">
              <Button type="primary" icon={<PlusOutlined />} data-testid="broadcast-new">
                撰写群发
              </Button>
            </Link>
          )
        }
      />
      <Async query={query}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState text="暂无群发通知" />
          ) : (
            <Table<Broadcast>
              rowKey="id"
              data-testid="broadcasts"
              dataSource={items}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                {
                  title: '标题',
                  key: 'title',
                  render: (_, b) => <Link to={`/notices/broadcasts/${b.id}`}>{b.data.title}</Link>,
                },
                { title: '推送对象', key: 'segment', render: (_, b) => segmentText(b.segment) },
                {
                  title: '状态',
                  dataIndex: 'status',
                  width: 100,
                  render: (s: Broadcast['status']) => (
                    <Tag color={BROADCAST_STATUSES[s].color}>{BROADCAST_STATUSES[s].name}</Tag>
                  ),
                },
                {
                  title: '送达 / 人数',
                  key: 'progress',
                  width: 120,
                  render: (_, b) => `${b.counts.delivered} / ${b.recipients}`,
                },
                {
                  title: '撰写时间',
                  dataIndex: 'createdAt',
                  width: 180,
                  render: (at: string) => new Date(at).toLocaleString('zh-CN'),
                },
              ]}
            />
          )
        }
      </Async>
    </>
  );
}
