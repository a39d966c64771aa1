import { useInfiniteQuery } from '@tanstack/react-query';
import { Button, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { ErrorState, Loading } from '../../app/states';

interface AuditEntry {
  id: number;
  at: string;
  actor: { type: string; id: string | null; username?: string; displayName?: string };
  action: string;
  target: { type: string; id: string | null } | null;
  detail: Record<string, unknown> | null;
  ip: string | null;
  requestId: string | null;
}
interface Filter {
  actor?: string;
  targetType?: string;
  targetId?: string;
  action?: string;
  from?: string;
  to?: string;
}

/** Plain names of the actions an administrator looks for most; any other shows its code. */
const ACTION_NAMES: Record<string, string> = {
  'staff.login': '登录',
  'staff.login_failed': '登录失败',
  'staff.logout': '退出登录',
  'staff.locked': '账号锁定',
  'staff.create': '新建账号',
  'staff.update': '修改账号',
  'staff.disable': '停用账号',
  'staff.enable': '启用账号',
  'staff.unlock': '解锁账号',
  'staff.reset_password': '重置密码',
  'staff.password_changed': '修改密码',
  'citizen.lookup': '按身份证号查询群众',
  'audit.read': '查阅审计日志',
  'social_org.create': '登记社会组织',
  'social_org.update': '修改社会组织',
  'social_org.import': '批量导入社会组织',
  'social_org.export': '导出社会组织名录',
  'social_org.inspection.add': '登记年检年报',
  'social_org.penalty.add': '登记行政处罚',
  'social_org.rating.add': '登记评估等级',
  'social_org.illegal.publish': '发布涉嫌非法社会组织',
  'social_org.complaint.accept': '受理投诉',
  'social_org.complaint.answer': '答复投诉',
  'social_org.complaint.reject': '不予受理投诉',
  'social_org.complaint.read_contact': '查看投诉人联系方式',
  'notice.broadcast.compose': '撰写群发通知',
  'notice.broadcast.approve': '批准群发通知',
  'notice.broadcast.reject': '退回群发通知',
  'notice.broadcast.cancel': '取消群发通知',
  'bookings.check_in': '预约签到',
  'bookings.no_show': '标记未到场',
  'bookings.export': '导出预约名单',
  'hall.update': '修改大厅设置',
  'hall.windows': '修改窗口',
};
/** Filters by action: a prefix finds the whole family. */
const ACTION_FILTERS = [
  { value: 'staff.', label: '账号与登录' },
  { value: 'citizen.lookup', label: '查询群众' },
  { value: 'social_org.', label: '社会组织' },
  { value: 'social_org.complaint.', label: '社会组织投诉' },
  { value: 'notice.', label: '群发通知' },
  { value: 'bookings.', label: '预约' },
  { value: 'hall.', label: '服务大厅' },
  { value: 'queue.', label: '叫号' },
  { value: 'assistance.', label: '社会救助' },
  { value: 'mp.', label: '公众号' },
  { value: 'matrix.', label: '矩阵' },
  { value: 'audit.read', label: '查阅审计日志' },
];

const actorText = (a: AuditEntry['actor']) => {
  if (a.type === 'staff') return a.username ? `${a.displayName || a.username}（${a.username}）` : `工作人员 #${a.id}`;
  if (a.type === 'citizen') return `群众 #${a.id}`;
  return a.id ? `系统（${a.id}）` : '系统';
};

/** The audit trail: who read or changed what, filtered by person, record, action and date. */
export default function AuditPage() {
  const [form] = Form.useForm<Filter>();
  const [filter, setFilter] = useState<Filter>({});
  const query = useInfiniteQuery({
    queryKey: ['audit', filter],
    initialPageParam: undefined as number | undefined,
    queryFn: ({ pageParam }) =>
      api<{ items: AuditEntry[]; nextBefore: number | null }>('/api/staff/audit-logs', {
        query: { ...filter, before: pageParam, pageSize: 50 },
      }),
    getNextPageParam: (last) => last.nextBefore ?? undefined,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.values(filter).some(Boolean);

  return (
    <>
      <PageHeader title="审计日志" sub="工作人员的每一次修改、对个人信息的每一次查阅都记录在此；查阅本页同样被记录。" />
      <Form<Filter>
        form={form}
        layout="inline"
        style={{ marginBottom: 16, rowGap: 8 }}
        onFinish={(v) =>
          setFilter(Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined && x !== '')) as Filter)
        }
        data-testid="audit-filters"
      >
        <Form.Item name="actor">
          <Input placeholder="人员（用户名）" allowClear style={{ width: 150 }} data-testid="audit-actor" />
        </Form.Item>
        <Form.Item name="action">
          <Select placeholder="操作" allowClear options={ACTION_FILTERS} style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="targetType">
          <Input placeholder="记录类型，如 staff" allowClear style={{ width: 160 }} data-testid="audit-target-type" />
        </Form.Item>
        <Form.Item name="targetId">
          <Input placeholder="记录编号" allowClear style={{ width: 150 }} data-testid="audit-target-id" />
        </Form.Item>
        <Form.Item name="from">
          <Input type="date" aria-label="开始日期" style={{ width: 150 }} />
        </Form.Item>
        <Form.Item name="to">
          <Input type="date" aria-label="结束日期" style={{ width: 150 }} />
        </Form.Item>
        <Space>
          <Button type="primary" htmlType="submit" data-testid="audit-search">
            查询
          </Button>
          <Button
            onClick={() => {
              form.resetFields();
              setFilter({});
            }}
          >
            清除
          </Button>
        </Space>
      </Form>
      {query.isPending ? (
        <Loading />
      ) : query.error && !items.length ? (
        <ErrorState error={query.error} retry={() => query.refetch()} />
      ) : (
        <>
          <Table<AuditEntry>
            rowKey="id"
            size="small"
            data-testid="audit"
            dataSource={items}
            pagination={false}
            locale={{ emptyText: filtered ? '没有符合条件的记录' : '暂无审计记录' }}
            scroll={{ x: 1000 }}
            columns={[
              {
                title: '时间',
                dataIndex: 'at',
                width: 170,
                render: (at: string) => new Date(at).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }),
              },
              { title: '人员', dataIndex: 'actor', width: 200, render: actorText },
              {
                title: '操作',
                dataIndex: 'action',
                width: 190,
                render: (a: string) => (
                  <span title={a}>
                    {ACTION_NAMES[a] ?? a}
                    {a.endsWith('read') || a.includes('read_') || a === 'citizen.lookup' ? (
                      <Tag style={{ marginLeft: 6 }}>查阅</Tag>
                    ) : null}
                  </span>
                ),
              },
              {
                title: '记录',
                dataIndex: 'target',
                width: 200,
                render: (t: AuditEntry['target']) => (t ? `${t.type} #${t.id}` : '—'),
              },
              {
                title: '详情',
                dataIndex: 'detail',
                render: (d: AuditEntry['detail']) =>
                  d ? (
                    <Typography.Paragraph
                      ellipsis={{ rows: 2, expandable: true, symbol: '展开' }}
                      style={{ marginBottom: 0, fontFamily: 'monospace', fontSize: 12 }}
                    >
                      {JSON.stringify(d)}
                    </Typography.Paragraph>
                  ) : (
                    '—'
                  ),
              },
              { title: 'IP', dataIndex: 'ip', width: 130, render: (ip) => ip ?? '—' },
            ]}
          />
          {query.error && <ErrorState error={query.error} retry={() => query.fetchNextPage()} />}
          <div style={{ textAlign: 'center', marginTop: 16 }}>
            {query.hasNextPage ? (
              <Button loading={query.isFetchingNextPage} onClick={() => query.fetchNextPage()} data-testid="audit-more">
                加载更早的记录
              </Button>
            ) : items.length ? (
              <Typography.Text type="secondary">没有更早的记录了</Typography.Text>
            ) : null}
          </div>
        </>
      )}
    </>
  );
}
