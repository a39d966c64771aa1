import { ELDERLY_CASE_TYPES } from '@minzheng/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Input, InputNumber, Select, Space, Table, Tag, message } from 'antd';
import { useEffect, useState } from 'react';
import { api, reason } from '../../app/api';
import { beijingToday } from '../../app/beijing';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import type { InboxItem } from '../assistance/api';
import { elderlyApi, mealsApi } from './api';
import { CaseDrawer } from './CasesPage';

const tomorrow = () => new Date(Date.parse(`${beijingToday()}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/**
 * 能力评估 (elderly_staff of an assessment organization): open a day's half-day slots, then the
 * engine's inbox of bookings in this account's divisions: 确认预约, then 录入评估结果 (the level)
 * or 未到场.
 */
export default function AssessmentsPage() {
  const [open, setOpen] = useState<number | null>(null);
  const inbox = useQuery({
    queryKey: ['elderly', 'inbox', ELDERLY_CASE_TYPES.assessment],
    queryFn: () =>
      api<{ items: InboxItem[]; total: number }>('/api/staff/cases/inbox', {
        query: { type: ELDERLY_CASE_TYPES.assessment, pageSize: 50 },
      }),
  });
  return (
    <>
      <PageHeader title="能力评估" sub="开放评估时段，确认群众的预约，评估后录入能力等级（GB/T 42195）" />
      <SlotsCard />
      <Card title="评估预约" data-testid="assessment-inbox-card">
        <Async query={inbox}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState text="暂无待办的评估预约。" />
            ) : (
              <Table<InboxItem>
                rowKey="id"
                data-testid="assessment-inbox"
                dataSource={data.items}
                pagination={false}
                columns={[
                  { title: '编号', dataIndex: 'number' },
                  { title: '预约', dataIndex: 'title' },
                  { title: '环节', dataIndex: 'stageName', render: (s: string) => <Tag>{s}</Tag> },
                  { title: '办理时限', dataIndex: 'dueOn', render: (d: string | null) => d ?? '—' },
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

function SlotsCard() {
  const queryClient = useQueryClient();
  const places = useQuery({ queryKey: ['elderly', 'places', 'assessment'], queryFn: () => elderlyApi.places(1) });
  const [placeId, setPlaceId] = useState<number | null>(null);
  const [day, setDay] = useState(tomorrow());
  const [am, setAm] = useState<number | null>(4);
  const [pm, setPm] = useState<number | null>(4);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const items = places.data?.items ?? [];
  useEffect(() => {
    if (placeId === null && items.length) setPlaceId(items[0].id);
  }, [placeId, items]);

  const save = async () => {
    if (placeId === null) return;
    setError(null);
    setSaved(null);
    try {
      const res = await mealsApi.saveSlots(placeId, day, [
        { period: 'am', capacity: am ?? 0 },
        { period: 'pm', capacity: pm ?? 0 },
      ]);
      const text = res.items.map((s) => `${s.periodName}${s.capacity}人（余${s.remaining}）`).join('，');
      setSaved(`${day}：${text}`);
      message.success('评估时段已保存');
      await queryClient.invalidateQueries({ queryKey: ['elderly', 'inbox'] });
    } catch (err) {
      setError(reason(err));
    }
  };

  return (
    <Card title="开放评估时段" style={{ marginBottom: 16 }} data-testid="slots-card">
      <Space direction="vertical">
        {error ? <Alert type="error" showIcon message={error} data-testid="slots-error" /> : null}
        {saved ? <Alert type="success" showIcon message={saved} data-testid="slots-saved" /> : null}
        <Space wrap>
          <Select
            data-testid="slot-place"
            style={{ width: 280 }}
            value={placeId ?? undefined}
            onChange={setPlaceId}
            loading={places.isPending}
            options={items.map((p) => ({ value: p.id, label: p.name }))}
            notFoundContent="辖区内暂无机构"
          />
          <Input
            type="date"
            value={day}
            onChange={(e) => setDay(e.target.value)}
            data-testid="slot-day"
            style={{ width: 160 }}
          />
          <InputNumber
            addonBefore="上午"
            addonAfter="人"
            min={0}
            precision={0}
            value={am}
            onChange={setAm}
            data-testid="slot-am"
          />
          <InputNumber
            addonBefore="下午"
            addonAfter="人"
            min={0}
            precision={0}
            value={pm}
            onChange={setPm}
            data-testid="slot-pm"
          />
          <Button type="primary" onClick={save} disabled={placeId === null} data-testid="save-slots">
            保存时段
          </Button>
        </Space>
      </Space>
    </Card>
  );
}
