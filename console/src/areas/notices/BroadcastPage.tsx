import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Descriptions,
  Input,
  Modal,
  Popconfirm,
  Progress,
  Segmented,
  Space,
  Statistic,
  Table,
  Tag,
} from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { canUse } from '../../app/roles';
import { useStaff } from '../../app/session';
import { Async } from '../../app/states';
import {
  BROADCAST_STATUSES,
  type Broadcast,
  FAILURE_CLASSES,
  noticeKeys,
  noticesApi,
  OUTBOX_STATUSES,
  type OutboxRow,
  type OutboxStatus,
  segmentText,
} from './api';
import { PhoneFrame } from './PhoneFrame';

/** One broadcast: what it says and to whom, approval, live delivery counts, cancel, and its outbox. */
export default function BroadcastPage() {
  const id = Number(useParams().id);
  const staff = useStaff();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const query = useQuery({
    queryKey: noticeKeys.one(id),
    queryFn: () => noticesApi.get(id),
    // Live counts while it goes out, and after: a message WeChat took (已发送) is delivered or
    // fails only when WeChat reports back, seconds to minutes later.
    refetchInterval: (q) => {
      const b = q.state.data?.broadcast;
      if (b?.status === 'sending') return 2000;
      return b && b.counts.sent > 0 ? 5000 : false;
    },
  });
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [rejecting, setRejecting] = useState(false);
  const [rejectReason, setRejectReason] = useState('');

  const act = async (run: () => Promise<{ broadcast: Broadcast }>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      const r = await run();
      queryClient.setQueryData(noticeKeys.one(id), r);
      queryClient.invalidateQueries({ queryKey: ['notices'] });
      message.success(done);
      return true;
    } catch (err) {
      setError(reason(err));
      return false;
    } finally {
      setBusy(false);
    }
  };

  return (
    <Async query={query}>
      {({ broadcast: b }) => {
        const status = BROADCAST_STATUSES[b.status];
        const approver = canUse(staff.roles, ['approver']);
        const finished = b.counts.delivered + b.counts.failed + b.counts.cancelled;
        return (
          <>
            <PageHeader
              title={
                <>
                  {b.data.title}{' '}
                  <Tag color={status.color} data-testid="broadcast-status">
                    {status.name}
                  </Tag>
                </>
              }
              sub={
                <>
                  <Link to="/notices/broadcasts">群发通知</Link> · {segmentText(b.segment)} · 撰写于{' '}
                  {new Date(b.createdAt).toLocaleString('zh-CN')}
                  {b.createdBy === staff.id ? '（我撰写的）' : ''}
                </>
              }
              extra={
                <Space>
                  {b.status === 'pending' && approver && (
                    <>
                      <Button
                        type="primary"
                        loading={busy}
                        onClick={() => act(() => noticesApi.approve(id), '已批准，开始发送')}
                        data-testid="broadcast-approve"
                      >
                        批准发送
                      </Button>
                      <Button onClick={() => setRejecting(true)}>退回</Button>
                    </>
                  )}
                  {(b.status === 'pending' || b.status === 'sending') && (
                    <Popconfirm
                      title="取消这次群发？"
                      description="尚未发出的通知将不再发送。"
                      okText="取消群发"
                      cancelText="不取消"
                      onConfirm={() => act(() => noticesApi.cancel(id), '已取消')}
                    >
                      <Button danger data-testid="broadcast-cancel">
                        取消群发
                      </Button>
                    </Popconfirm>
                  )}
                </Space>
              }
            />
            {error && (
              <Alert type="error" showIcon className="form-alert" message={error} data-testid="broadcast-error" />
            )}
            {b.status === 'rejected' && b.reason && (
              <Alert type="warning" showIcon className="form-alert" message={`退回原因：${b.reason}`} />
            )}
            <div className="compose">
              <div style={{ flex: 1, minWidth: 420 }}>
                <Card size="small" title="发送情况" style={{ marginBottom: 16 }}>
                  <div className="counts" data-testid="broadcast-counts">
                    <Statistic title="推送人数" value={b.recipients} />
                    <Statistic title="排队/发送中" value={b.counts.queued} />
                    <Statistic title="已送达" value={b.counts.delivered} valueStyle={{ color: '#389e0d' }} />
                    <Statistic
                      title="失败"
                      value={b.counts.failed}
                      valueStyle={{ color: b.counts.failed ? '#cf1322' : undefined }}
                    />
                    <Statistic title="已取消" value={b.counts.cancelled} />
                  </div>
                  {b.status !== 'pending' && b.status !== 'rejected' && (
                    <Progress percent={b.recipients ? Math.round((finished / b.recipients) * 100) : 0} />
                  )}
                </Card>
                <Card size="small" title="通知内容" style={{ marginBottom: 16 }}>
                  <Descriptions column={1} size="small">
                    <Descriptions.Item label="标题">{b.data.title}</Descriptions.Item>
                    <Descriptions.Item label="内容">{b.data.content}</Descriptions.Item>
                    <Descriptions.Item label="时间">{b.data.date}</Descriptions.Item>
                    <Descriptions.Item label="小程序页面">{b.link ?? '—'}</Descriptions.Item>
                  </Descriptions>
                </Card>
                {b.status !== 'pending' && b.status !== 'rejected' && <Outbox id={id} />}
              </div>
              <PhoneFrame data={b.data} link={b.link ?? undefined} />
            </div>
            <Modal
              open={rejecting}
              title="退回群发通知"
              okText="退回"
              cancelText="取消"
              confirmLoading={busy}
              onCancel={() => setRejecting(false)}
              onOk={async () => {
                if (await act(() => noticesApi.reject(id, rejectReason), '已退回')) setRejecting(false);
              }}
            >
              <Input.TextArea
                rows={3}
                maxLength={200}
                placeholder="退回原因，撰写人可见"
                value={rejectReason}
                onChange={(e) => setRejectReason(e.target.value)}
              />
            </Modal>
          </>
        );
      }}
    </Async>
  );
}

/** Each recipient's row of the outbox: its WeChat status, and why a failure failed. */
function Outbox({ id }: { id: number }) {
  const [status, setStatus] = useState<OutboxStatus | 'all'>('all');
  const [page, setPage] = useState(1);
  const s = status === 'all' ? undefined : status;
  const query = useQuery({
    queryKey: noticeKeys.outbox(id, s, page),
    queryFn: () => noticesApi.outbox(id, s, page),
    placeholderData: keepPreviousData,
    refetchInterval: 5000,
  });
  return (
    <Card size="small" title="发送记录">
      <Segmented
        value={status}
        onChange={(v) => {
          setStatus(v as OutboxStatus | 'all');
          setPage(1);
        }}
        options={[
          { value: 'all', label: '全部' },
          ...Object.entries(OUTBOX_STATUSES).map(([value, label]) => ({ value, label })),
        ]}
        style={{ marginBottom: 12 }}
        data-testid="outbox-status"
      />
      <Async query={query}>
        {({ items, total }) => (
          <Table<OutboxRow>
            rowKey="id"
            size="small"
            data-testid="outbox"
            dataSource={items}
            locale={{ emptyText: '暂无发送记录' }}
            pagination={{ current: page, pageSize: 20, total, onChange: setPage, hideOnSinglePage: true }}
            columns={[
              { title: '关注者', dataIndex: 'openid', width: 130 },
              {
                title: '微信状态',
                dataIndex: 'status',
                width: 90,
                render: (st: OutboxStatus) => (
                  <Tag color={st === 'delivered' ? 'green' : st === 'failed' ? 'red' : 'default'}>
                    {OUTBOX_STATUSES[st]}
                  </Tag>
                ),
              },
              {
                title: '失败原因',
                key: 'failure',
                render: (_, r) =>
                  r.failureClass ? (
                    <span data-testid="failure-class">
                      {FAILURE_CLASSES[r.failureClass]}
                      {r.reason ? `：${r.reason}` : ''}
                    </span>
                  ) : (
                    (r.reason ?? '')
                  ),
              },
              { title: '尝试次数', dataIndex: 'attempts', width: 80 },
              { title: '微信消息号', dataIndex: 'msgid', width: 180, render: (m) => m ?? '—' },
            ]}
          />
        )}
      </Async>
    </Card>
  );
}
