import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { reason as reasonOf } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { beijing, socialWorkApi, socialWorkKeys } from './api';

const STATUSES = [
  { value: '', label: '全部' },
  { value: 'submitted', label: '待受理' },
  { value: 'assigned', label: '已安排社工' },
  { value: 'in_service', label: '服务中' },
  { value: 'closed', label: '已结案' },
];

/** 求助收件箱: the requests of the stations in scope; assign one of the station's own workers. */
export default function InboxPage() {
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [status, setStatus] = useState('submitted');
  const query = useQuery({
    queryKey: socialWorkKeys.inbox(status),
    queryFn: () => socialWorkApi.inbox(status || undefined),
  });
  const workers = useQuery({ queryKey: socialWorkKeys.workers(false), queryFn: () => socialWorkApi.workers(false) });
  const assign = useMutation({
    mutationFn: ({ requestId, workerId }: { requestId: number; workerId: number }) =>
      socialWorkApi.assign(requestId, workerId),
    onSuccess: () => {
      message.success('已分派，求助人将收到通知');
      client.invalidateQueries({ queryKey: socialWorkKeys.all });
    },
    onError: (err) => message.error(reasonOf(err)),
  });
  return (
    <>
      <PageHeader
        title="社会工作 · 求助收件箱"
        sub="居民按所在乡镇（街道）提交的求助，由本站分派社工；联系方式在列表中隐去部分数字。"
        extra={<Select value={status} onChange={setStatus} options={STATUSES} style={{ width: 140 }} />}
      />
      <Async query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState text="暂无求助" />
          ) : (
            <Table
              rowKey="id"
              dataSource={data.items}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              data-testid="sw-inbox"
              columns={[
                { title: '编号', dataIndex: 'number' },
                { title: '类别', dataIndex: 'categoryName' },
                { title: '社工站', dataIndex: 'stationName' },
                { title: '求助内容', dataIndex: 'description', ellipsis: true },
                { title: '联系人', render: (_, r) => `${r.contactName} ${r.phone}` },
                { title: '提交时间', render: (_, r) => beijing(r.createdAt) },
                { title: '状态', render: (_, r) => <Tag>{r.statusName}</Tag> },
                {
                  title: '社工',
                  render: (_, r) =>
                    r.status === 'closed' ? (
                      (r.workerName ?? '—')
                    ) : (
                      <Select
                        placeholder="分派社工"
                        style={{ width: 150 }}
                        value={r.workerId ?? undefined}
                        data-testid={`sw-assign-${r.id}`}
                        options={(workers.data?.items ?? [])
                          .filter((w) => w.stationId === r.stationId)
                          .map((w) => ({ value: w.id, label: `${w.name}（${w.levelName}）` }))}
                        onChange={(workerId: number) => assign.mutate({ requestId: r.id, workerId })}
                      />
                    ),
                },
              ]}
            />
          )
        }
      </Async>
    </>
  );
}
