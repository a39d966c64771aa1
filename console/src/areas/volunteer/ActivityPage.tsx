import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { reason as reasonOf } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { beijing, volunteerApi, volunteerKeys } from './api';

const ACTIONS: Record<string, { action: string; label: string }[]> = {
  draft: [{ action: 'publish', label: '发布' }],
  published: [
    { action: 'start', label: '开始活动' },
    { action: 'cancel', label: '取消活动' },
  ],
  in_progress: [{ action: 'finish', label: '结束活动' }],
};

/** One activity: its state, sign-up review (reject with a reason), the on-site code, hours confirmation. */
export default function ActivityPage() {
  const id = Number(useParams().id);
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const activity = useQuery({ queryKey: volunteerKeys.activity(id), queryFn: () => volunteerApi.activity(id) });
  const signups = useQuery({
    queryKey: [...volunteerKeys.activity(id), 'signups'],
    queryFn: () => volunteerApi.signups(id),
  });
  const attendance = useQuery({
    queryKey: [...volunteerKeys.activity(id), 'attendance'],
    queryFn: () => volunteerApi.attendance(id),
  });
  const [asking, setAsking] = useState<{ title: string; run: (reason: string) => Promise<unknown> } | null>(null);
  const [text, setText] = useState('');
  const done = (what: string) => {
    message.success(what);
    client.invalidateQueries({ queryKey: volunteerKeys.all });
  };
  const run = useMutation({
    mutationFn: (fn: () => Promise<unknown>) => fn(),
    onSuccess: () => done('已办理'),
    onError: (err) => message.error(reasonOf(err)),
  });
  const withReason = (title: string, fn: (reason: string) => Promise<unknown>) => {
    setText('');
    setAsking({ title, run: fn });
  };

  return (
    <Async query={activity}>
      {({ activity: a }) => (
        <>
          <PageHeader
            title={a.title}
            sub={`${a.org?.name ?? ''} · ${beijing(a.startsAt)} 至 ${beijing(a.endsAt)} · ${a.address}`}
            extra={
              <Space>
                <Tag color="blue">{a.statusName}</Tag>
                {(ACTIONS[a.status] ?? []).map((x) => (
                  <Button
                    key={x.action}
                    onClick={() =>
                      x.action === 'cancel'
                        ? withReason('取消活动的理由', (r) => volunteerApi.transition(id, 'cancel', r))
                        : run.mutate(() => volunteerApi.transition(id, x.action))
                    }
                  >
                    {x.label}
                  </Button>
                ))}
                {a.status === 'published' || a.status === 'in_progress' ? (
                  <Link to={`/volunteer/activities/${id}/code`}>
                    <Button type="primary">现场签到码</Button>
                  </Link>
                ) : null}
              </Space>
            }
          />
          <Card title="报名审核" style={{ marginBottom: 16 }}>
            <Async query={signups}>
              {(data) =>
                data.items.length === 0 ? (
                  <EmptyState text="暂无报名" />
                ) : (
                  <Table
                    rowKey="id"
                    pagination={false}
                    dataSource={data.items}
                    columns={[
                      { title: '志愿者', render: (_, s) => `${s.volunteer.name}（${s.volunteer.number}）` },
                      { title: '状态', render: (_, s) => <Tag>{s.statusName}</Tag> },
                      { title: '理由', dataIndex: 'reason' },
                      {
                        title: '操作',
                        render: (_, s) => (
                          <Space>
                            {s.status === 'pending' ? (
                              <Button
                                size="small"
                                type="primary"
                                onClick={() => run.mutate(() => volunteerApi.decide(s.id, 'approve'))}
                              >
                                录用
                              </Button>
                            ) : null}
                            {['pending', 'waitlisted', 'approved'].includes(s.status) ? (
                              <Button
                                size="small"
                                onClick={() =>
                                  withReason('不予录用的理由', (r) => volunteerApi.decide(s.id, 'reject', r))
                                }
                              >
                                不录用
                              </Button>
                            ) : null}
                          </Space>
                        ),
                      },
                    ]}
                  />
                )
              }
            </Async>
          </Card>
          <Card title="签到签退与时长确认">
            <Async query={attendance}>
              {(data) =>
                data.items.length === 0 ? (
                  <EmptyState text="暂无签到记录" />
                ) : (
                  <Table
                    rowKey="id"
                    pagination={false}
                    dataSource={data.items}
                    columns={[
                      { title: '志愿者', render: (_, r) => `${r.volunteer.name}（${r.volunteer.number}）` },
                      { title: '签到', render: (_, r) => beijing(r.signedInAt) },
                      { title: '签退', render: (_, r) => beijing(r.signedOutAt) },
                      {
                        title: '时长（小时）',
                        render: (_, r) => (r.minutes === null ? '—' : (r.minutes / 60).toFixed(2)),
                      },
                      {
                        title: '状态',
                        render: (_, r) => (
                          <Space direction="vertical" size={0}>
                            <Tag>{r.statusName}</Tag>
                            {r.flagNames.map((f) => (
                              <Tag key={f} color="orange">
                                {f}
                              </Tag>
                            ))}
                          </Space>
                        ),
                      },
                      {
                        title: '操作',
                        render: (_, r) =>
                          r.status === 'signed_out' ? (
                            <Space>
                              <Button
                                size="small"
                                type="primary"
                                onClick={() =>
                                  r.needsReview
                                    ? withReason('确认异常记录的理由', (reason) => volunteerApi.confirm(r.id, reason))
                                    : run.mutate(() => volunteerApi.confirm(r.id))
                                }
                              >
                                确认时长
                              </Button>
                              <Button
                                size="small"
                                onClick={() =>
                                  withReason('不予确认的理由', (reason) => volunteerApi.reject(r.id, reason))
                                }
                              >
                                不予确认
                              </Button>
                            </Space>
                          ) : null,
                      },
                    ]}
                  />
                )
              }
            </Async>
          </Card>
          <Modal
            open={asking !== null}
            title={asking?.title}
            okText="提交"
            cancelText="取消"
            onCancel={() => setAsking(null)}
            onOk={() => {
              const fn = asking!.run;
              run.mutate(() => fn(text.trim()), { onSuccess: () => setAsking(null) });
            }}
          >
            <Input.TextArea rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder="请填写理由" />
          </Modal>
        </>
      )}
    </Async>
  );
}
