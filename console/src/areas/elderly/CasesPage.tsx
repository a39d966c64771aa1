import { CARE_LEVEL_NAMES, CARE_LEVELS, ELDERLY_CASE_TYPE_NAMES, ELDERLY_CASE_TYPES } from '@minzheng/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Drawer, Form, Input, InputNumber, Select, Space, Table, Tag, message } from 'antd';
import { useState } from 'react';
import { api, reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState, Loading } from '../../app/states';
import type { CaseAction, InboxItem, StaffCase } from '../assistance/api';

const TYPES = [
  { value: ELDERLY_CASE_TYPES.ageAllowance, label: ELDERLY_CASE_TYPE_NAMES.ageAllowance },
  { value: ELDERLY_CASE_TYPES.serviceSubsidy, label: ELDERLY_CASE_TYPE_NAMES.serviceSubsidy },
];
const yuan = (cents: number | null) => (cents === null ? '—' : `${(cents / 100).toLocaleString('zh-CN')} 元/月`);

/**
 * 养老补贴审核 (elderly_officer): the engine's inbox of 高龄津贴 and 养老服务补贴 cases in this
 * account's divisions, by due date; one case's steps and the actions this account may take.
 */
export default function CasesPage() {
  const [type, setType] = useState<string>(ELDERLY_CASE_TYPES.ageAllowance);
  const [open, setOpen] = useState<number | null>(null);
  const query = useQuery({
    queryKey: ['elderly', 'inbox', type],
    queryFn: () =>
      api<{ items: InboxItem[]; total: number }>('/api/staff/cases/inbox', { query: { type, pageSize: 50 } }),
  });
  return (
    <>
      <PageHeader title="养老补贴审核" sub="高龄津贴（群众一键确认）与养老服务补贴申请，按法定时限办理" />
      <Card
        extra={
          <Select value={type} onChange={setType} options={TYPES} style={{ width: 180 }} data-testid="case-type" />
        }
      >
        <Async query={query}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState text="暂无待办案件。" />
            ) : (
              <Table<InboxItem>
                rowKey="id"
                data-testid="elderly-inbox"
                dataSource={data.items}
                pagination={false}
                columns={[
                  { title: '编号', dataIndex: 'number' },
                  { title: '申请', dataIndex: 'title' },
                  { title: '环节', dataIndex: 'stageName' },
                  {
                    title: '办理时限',
                    dataIndex: 'dueOn',
                    render: (d: string | null, c) =>
                      d ? (
                        <Tag color={c.flag === 'overdue' ? 'red' : c.flag === 'near' ? 'orange' : 'blue'}>{d}</Tag>
                      ) : (
                        '—'
                      ),
                  },
                  {
                    title: '操作',
                    key: 'open',
                    render: (_: unknown, c) => (
                      <Button type="link" onClick={() => setOpen(c.id)} data-testid={`open-${c.number}`}>
                        办理
                      </Button>
                    ),
                  },
                ]}
              />
            )
          }
        </Async>
      </Card>
      <CaseDrawer id={open} onClose={() => setOpen(null)} />
    </>
  );
}

/** One case of the elderly case types: its steps and this account's actions (amount or level forms). */
export function CaseDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [acting, setActing] = useState<CaseAction | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<{ amountYuan?: number; level?: string; opinion?: string }>();
  const query = useQuery({
    queryKey: ['elderly', 'case', id],
    queryFn: () => api<Omit<StaffCase, 'application'>>(`/api/staff/cases/${id}`),
    enabled: id !== null,
  });
  const c = query.data;
  const needsAmount = (a: CaseAction) => Boolean(a.form?.properties?.amountCents);
  const needsLevel = (a: CaseAction) => Boolean(a.form?.properties?.level);

  const submit = async () => {
    if (!c || !acting) return;
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setError(null);
    try {
      await api(`/api/staff/cases/${c.case.id}/actions/${acting.key}`, {
        method: 'POST',
        body: {
          form: needsAmount(acting)
            ? { amountCents: Math.round((v.amountYuan ?? 0) * 100) }
            : needsLevel(acting)
              ? { level: v.level }
              : {},
          opinion: v.opinion || undefined,
          version: c.case.version,
        },
      });
      message.success(`已办理：${acting.name}`);
      setActing(null);
      form.resetFields();
      await queryClient.invalidateQueries({ queryKey: ['elderly'] });
    } catch (err) {
      setError(reason(err));
    }
  };

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={600}
      title={c ? `${c.case.typeName} · ${c.case.number}` : '案件'}
      destroyOnHidden
    >
      {query.isPending ? <Loading /> : null}
      {c ? (
        <Space direction="vertical" style={{ width: '100%' }} data-testid="elderly-case">
          <div>
            {c.case.title} · <Tag>{c.current.stageName}</Tag> {c.case.statusName}
            {c.case.amountCents !== null ? ` · 月发放 ${yuan(c.case.amountCents)}` : ''}
          </div>
          {c.current.basis ? <div style={{ color: '#888' }}>{c.current.basis}</div> : null}
          <Space wrap data-testid="case-actions">
            {c.actions.map((a) => (
              <Button key={a.key} type={acting?.key === a.key ? 'primary' : 'default'} onClick={() => setActing(a)}>
                {a.name}
              </Button>
            ))}
          </Space>
          {acting ? (
            <Card size="small" title={acting.name}>
              {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
              <Form form={form} layout="vertical">
                {needsAmount(acting) ? (
                  <Form.Item
                    name="amountYuan"
                    label="每月补贴金额（元）"
                    rules={[{ required: true, message: '请填写金额' }]}
                  >
                    <InputNumber min={0.01} precision={2} />
                  </Form.Item>
                ) : null}
                {needsLevel(acting) ? (
                  <Form.Item
                    name="level"
                    label="评估结果等级"
                    rules={[{ required: true, message: '请选择评估结果等级' }]}
                  >
                    <Select
                      data-testid="level"
                      options={CARE_LEVELS.map((l) => ({ value: l, label: CARE_LEVEL_NAMES[l] }))}
                      style={{ width: 200 }}
                    />
                  </Form.Item>
                ) : null}
                <Form.Item
                  name="opinion"
                  label="办理意见"
                  rules={
                    acting.opinion === 'required'
                      ? [{ required: true, whitespace: true, message: '请填写办理意见' }]
                      : []
                  }
                >
                  <Input.TextArea rows={3} maxLength={2000} />
                </Form.Item>
                <Button type="primary" onClick={submit} data-testid="submit-action">
                  确定
                </Button>
              </Form>
            </Card>
          ) : null}
          <Card size="small" title="办理经过">
            {c.steps.map((s) => (
              <div key={s.seq}>
                {new Date(s.at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })} · {s.organName} {s.person} ·{' '}
                {s.actionName}
                {s.opinion ? `：${s.opinion}` : ''}
              </div>
            ))}
          </Card>
        </Space>
      ) : null}
    </Drawer>
  );
}
