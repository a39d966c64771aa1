import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Drawer, Empty, List, Popconfirm, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { FAMILY_SEARCH_STATUS_LABELS, type FamilySearchStatus } from '@minzheng/contracts';
import { reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { STATUS_COLORS, type StationNotice, beijing, familyApi, familyKeys } from './api';

const TABS = [
  { value: 'all', label: '全部' },
  ...(Object.entries(FAMILY_SEARCH_STATUS_LABELS) as [FamilySearchStatus, string][]).map(([value, label]) => ({
    value,
    label,
  })),
];
/** Moves that end a case: asked twice. */
const CLOSING: FamilySearchStatus[] = ['reunited', 'placed'];

/** 寻亲公告: the station's notices with their leads, moved along open → lead → verified → reunited or placed. */
export default function NoticesPage() {
  const [status, setStatus] = useState('all');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<StationNotice | null>(null);
  const s = status === 'all' ? undefined : status;
  const query = useQuery({
    queryKey: familyKeys.notices(s, page),
    queryFn: () => familyApi.notices(s, page),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title="救助寻亲 · 寻亲公告"
        sub="已团聚的公告从公开检索中撤下并删除照片；已团聚、已安置即结案，不能再变更。"
      />
      <Segmented
        options={TABS}
        value={status}
        onChange={(v) => {
          setStatus(String(v));
          setPage(1);
        }}
        style={{ marginBottom: 16 }}
        data-testid="notice-status"
      />
      <Async query={query}>
        {({ items, hasMore }) =>
          items.length === 0 ? (
            <EmptyState text="暂无寻亲公告" />
          ) : (
            <Table<StationNotice>
              rowKey="id"
              dataSource={items}
              pagination={{
                current: page,
                pageSize: 20,
                total: (page - 1) * 20 + items.length + (hasMore ? 1 : 0),
                onChange: setPage,
              }}
              onRow={(n) => ({ 'data-testid': `notice-${n.id}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: '编号', dataIndex: 'id', width: 70 },
                {
                  title: '受助人员',
                  render: (_, n) => (
                    <Button type="link" onClick={() => setOpen(n)} style={{ padding: 0 }}>
                      {n.sexLabel}，{n.ageRange}
                      {n.accent ? `，${n.accent}` : ''}
                    </Button>
                  ),
                },
                { title: '发现', render: (_, n) => `${n.foundDate} ${n.foundPlace}` },
                { title: '线索', dataIndex: 'leads', width: 70 },
                {
                  title: '状态',
                  width: 100,
                  render: (_, n) => <Tag color={STATUS_COLORS[n.status]}>{n.statusLabel}</Tag>,
                },
                { title: '更新时间', width: 170, render: (_, n) => beijing(n.updatedAt) },
                { title: '跟进', render: (_, n) => <Moves notice={n} /> },
              ]}
            />
          )
        }
      </Async>
      <LeadsDrawer notice={open} onClose={() => setOpen(null)} />
    </>
  );
}

function Moves({ notice }: { notice: StationNotice }) {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [busy, setBusy] = useState(false);
  const move = async (to: FamilySearchStatus, label: string) => {
    setBusy(true);
    try {
      await familyApi.setStatus(notice.id, to);
      message.success(`已改为「${label}」`);
      await queryClient.invalidateQueries({ queryKey: ['family-search'] });
    } catch (err) {
      message.error(reason(err));
    } finally {
      setBusy(false);
    }
  };
  if (!notice.next.length) return <span style={{ color: '#999' }}>已结案</span>;
  return (
    <Space size={4} wrap>
      {notice.next.map(({ status, label }) =>
        CLOSING.includes(status) ? (
          <Popconfirm
            key={status}
            title={`确认结案为「${label}」？`}
            description={status === 'reunited' ? '公告将从公开检索中撤下，照片将被删除。' : '结案后不能再变更。'}
            okText="确认结案"
            cancelText="取消"
            onConfirm={() => move(status, label)}
          >
            <Button size="small" danger={status === 'placed'} type="primary" disabled={busy}>
              {label}
            </Button>
          </Popconfirm>
        ) : (
          <Button key={status} size="small" disabled={busy} onClick={() => move(status, label)}>
            改为{label}
          </Button>
        ),
      )}
    </Space>
  );
}

function LeadsDrawer({ notice, onClose }: { notice: StationNotice | null; onClose: () => void }) {
  const query = useQuery({
    queryKey: familyKeys.leads(notice?.id ?? 0),
    queryFn: () => familyApi.leadsOf(notice!.id),
    enabled: notice !== null,
  });
  return (
    <Drawer open={notice !== null} onClose={onClose} width={560} title="公告线索" destroyOnHidden>
      {notice && (
        <>
          <p>
            {notice.sexLabel}，{notice.ageRange}，{notice.foundDate}发现于{notice.foundPlace}
            {notice.features ? `；特征：${notice.features}` : ''}
          </p>
          <Async query={query}>
            {({ items }) =>
              items.length === 0 ? (
                <Empty description="暂无线索" />
              ) : (
                <List
                  dataSource={items}
                  renderItem={(l) => (
                    <List.Item data-testid="notice-lead">
                      <List.Item.Meta title={`${l.name}（实名）· ${beijing(l.createdAt)}`} description={l.content} />
                    </List.Item>
                  )}
                />
              )
            }
          </Async>
        </>
      )}
    </Drawer>
  );
}
