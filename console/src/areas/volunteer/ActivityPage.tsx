import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Form, Input, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { reason as reasonOf } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { ActivityForm } from './ActivityForm';
import { BEIJING_INPUT, beijing, fromBeijingInput, volunteerApi, volunteerKeys } from './api';

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
  const hours = useQuery({
    queryKey: [...volunteerKeys.activity(id), 'hours'],
    queryFn: () => volunteerApi.hours(id),
  });
  const [editing, setEditing] = useState(false);
  const [entering, setEntering] = useState(false);
  const [manualForm] = Form.useForm<{ volunteerNumber: string; startAt: string; endAt: string; reason: string }>();
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
  const roster = useMutation({
    mutationFn: () => volunteerApi.roster(id),
    onSuccess: () => message.success('报名名单已下载（姓名、证件号已脱敏）'),
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
                {a.status === 'draft' ? <Button onClick={() => setEditing(true)}>修改</Button> : null}
                {a.status === 'in_progress' || a.status === 'finished' ? (
                  <Button
                    onClick={() => {
                      manualForm.resetFields();
                      setEntering(true);
                    }}
                  >
                    补录时长
                  </Button>
                ) : null}
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
          <Card
            title="报名审核"
            style={{ marginBottom: 16 }}
            extra={
              <Button
                loading={roster.isPending}
                onClick={() => roster.mutate()}
                disabled={(signups.data?.items.length ?? 0) === 0}
              >
                下载报名名单（Excel）
              </Button>
            }
          >
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
          <Card title="服务时长记录" style={{ marginTop: 16 }}>
            <Async query={hours}>
              {(data) =>
                data.items.length === 0 ? (
                  <EmptyState text="暂无已计入的时长" />
                ) : (
                  <Table
                    rowKey="id"
                    pagination={false}
                    dataSource={data.items}
                    data-testid="hours-ledger"
                    columns={[
                      { title: '志愿者', render: (_, e) => `${e.volunteer.name}（${e.volunteer.number}）` },
                      { title: '时间', render: (_, e) => `${beijing(e.startAt)} 至 ${beijing(e.endAt)}` },
                      { title: '时长（小时）', dataIndex: 'hours' },
                      {
                        title: '来源',
                        render: (_, e) => <Tag color={e.manual ? 'red' : undefined}>{e.kindName}</Tag>,
                      },
                      { title: '理由', render: (_, e) => e.reason ?? '—' },
                    ]}
                  />
                )
              }
            </Async>
          </Card>
          {editing ? <ActivityForm open activity={a} onClose={() => setEditing(false)} /> : null}
          <Modal
            open={entering}
            title="补录服务时长"
            okText="补录"
            cancelText="取消"
            onCancel={() => setEntering(false)}
            onOk={() => manualForm.submit()}
            confirmLoading={run.isPending}
          >
            <p>补录的时长在志愿者记录和证明上均标注「补录」，并记入审计。</p>
            <Form
              form={manualForm}
              layout="vertical"
              data-testid="manual-form"
              onFinish={(v) =>
                run.mutate(
                  () =>
                    volunteerApi.manualHours(id, {
                      volunteerNumber: v.volunteerNumber.trim(),
                      startAt: fromBeijingInput(v.startAt),
                      endAt: fromBeijingInput(v.endAt),
                      reason: v.reason.trim(),
                    }),
                  { onSuccess: () => setEntering(false) },
                )
              }
            >
              <Form.Item
                name="volunteerNumber"
                label="志愿者编号"
                rules={[{ required: true, message: '请填写志愿者编号' }]}
              >
                <Input placeholder="ZY2026…" />
              </Form.Item>
              <Form.Item
                name="startAt"
                label="开始时间（北京时间）"
                rules={[{ required: true, pattern: BEIJING_INPUT, message: '请按「2026-12-20 09:00」格式填写' }]}
              >
                <Input placeholder="2026-12-20 09:00" />
              </Form.Item>
              <Form.Item
                name="endAt"
                label="结束时间（北京时间）"
                rules={[{ required: true, pattern: BEIJING_INPUT, message: '请按「2026-12-20 12:00」格式填写' }]}
              >
                <Input placeholder="2026-12-20 12:00" />
              </Form.Item>
              <Form.Item
                name="reason"
                label="补录理由"
                rules={[{ required: true, min: 2, whitespace: true, message: '请填写补录理由（至少2个字）' }]}
              >
                <Input.TextArea rows={2} maxLength={200} />
              </Form.Item>
            </Form>
          </Modal>
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
