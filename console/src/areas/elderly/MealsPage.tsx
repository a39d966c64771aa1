import { MEAL_SLOT_NAMES, MEAL_SLOTS, type MealOrderView, type MealSlot } from '@minzheng/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Empty, Input, InputNumber, Select, Space, Table, message } from 'antd';
import { useEffect, useState } from 'react';
import { reason } from '../../app/api';
import { beijingToday } from '../../app/beijing';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { type DayOrders, elderlyApi, type MenuInput, mealsApi, yuan } from './api';

const DEFAULT_CUTOFF: Record<MealSlot, string> = { breakfast: '18:00', lunch: '09:30', dinner: '14:30' };

interface Row {
  serve: boolean;
  dishes: string;
  priceYuan: number | null;
  portions: number | null;
  cutoff: string;
}

/**
 * 助餐管理 (elderly_staff): a station's meals of one day (dishes, price, portions, the cutoff —
 * the same day's time, Beijing) and, below, that day's orders: diners masked, the subsidy the
 * server applied and what each pays, with totals per meal. Reading the list is audited.
 */
export default function MealsPage() {
  const places = useQuery({ queryKey: ['elderly', 'places', 'meal'], queryFn: () => elderlyApi.places(1) });
  const stations = (places.data?.items ?? []).filter((p) => p.kind !== 'institution');
  const [placeId, setPlaceId] = useState<number | null>(null);
  const [day, setDay] = useState(beijingToday());
  useEffect(() => {
    if (placeId === null && stations.length) setPlaceId(stations[0].id);
  }, [placeId, stations]);

  return (
    <>
      <PageHeader title="助餐管理" sub="发布每日菜单，查看当天订餐名单；补贴由系统按当地规则计算" />
      <Card style={{ marginBottom: 16 }}>
        <Space wrap>
          <span>助餐点</span>
          <Select
            data-testid="meal-place"
            style={{ width: 280 }}
            value={placeId ?? undefined}
            onChange={setPlaceId}
            loading={places.isPending}
            options={stations.map((p) => ({ value: p.id, label: p.name }))}
            notFoundContent="辖区内暂无社区养老服务站或助餐点"
          />
          <span>日期</span>
          <Input
            type="date"
            value={day}
            onChange={(e) => setDay(e.target.value)}
            data-testid="meal-day"
            style={{ width: 160 }}
          />
        </Space>
      </Card>
      {placeId === null ? (
        places.isPending ? null : (
          <Card>
            <EmptyState text="您的辖区内暂无社区养老服务站或助餐点。" />
          </Card>
        )
      ) : (
        <>
          <MenuCard placeId={placeId} day={day} />
          <OrdersCard placeId={placeId} day={day} />
        </>
      )}
    </>
  );
}

function MenuCard({ placeId, day }: { placeId: number; day: string }) {
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: ['elderly', 'menu', placeId, day], queryFn: () => mealsApi.menu(placeId, day) });
  const [rows, setRows] = useState<Record<MealSlot, Row> | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!query.data) return;
    const next = {} as Record<MealSlot, Row>;
    for (const slot of MEAL_SLOTS) {
      const m = query.data.items.find((x) => x.slot === slot);
      const cutoff = m ? new Date(new Date(m.cutoffAt).getTime() + 8 * 3600_000).toISOString().slice(11, 16) : '';
      next[slot] = m
        ? { serve: true, dishes: m.dishes, priceYuan: m.priceCents / 100, portions: m.portions, cutoff }
        : { serve: false, dishes: '', priceYuan: null, portions: null, cutoff: DEFAULT_CUTOFF[slot] };
    }
    setRows(next);
    setError(null);
  }, [query.data]);

  const set = (slot: MealSlot, patch: Partial<Row>) =>
    setRows((r) => (r ? { ...r, [slot]: { ...r[slot], ...patch } } : r));
  const save = async () => {
    if (!rows) return;
    const meals: MenuInput[] = [];
    for (const slot of MEAL_SLOTS) {
      const r = rows[slot];
      if (!r.serve) continue;
      if (!r.dishes.trim() || r.priceYuan === null || r.portions === null) {
        setError(`请填写${MEAL_SLOT_NAMES[slot]}的菜品、价格和份数`);
        return;
      }
      meals.push({
        slot,
        dishes: r.dishes.trim(),
        priceCents: Math.round(r.priceYuan * 100),
        portions: r.portions,
        cutoff: r.cutoff,
      });
    }
    setSaving(true);
    setError(null);
    try {
      await mealsApi.saveMenu(placeId, day, meals);
      message.success('菜单已保存');
      await queryClient.invalidateQueries({ queryKey: ['elderly', 'menu', placeId, day] });
    } catch (err) {
      setError(reason(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Card title={`${day} 菜单`} style={{ marginBottom: 16 }} data-testid="menu-card">
      <Async query={query}>
        {() =>
          rows ? (
            <Space direction="vertical" style={{ width: '100%' }}>
              {error ? <Alert type="error" showIcon message={error} data-testid="menu-error" /> : null}
              {MEAL_SLOTS.map((slot) => (
                <Space key={slot} wrap data-testid={`menu-${slot}`}>
                  <Checkbox checked={rows[slot].serve} onChange={(e) => set(slot, { serve: e.target.checked })}>
                    {MEAL_SLOT_NAMES[slot]}
                  </Checkbox>
                  <Input
                    placeholder="菜品，如：红烧鸡块、清炒西兰花、米饭"
                    style={{ width: 320 }}
                    value={rows[slot].dishes}
                    disabled={!rows[slot].serve}
                    onChange={(e) => set(slot, { dishes: e.target.value })}
                    data-testid={`dishes-${slot}`}
                  />
                  <InputNumber
                    addonAfter="元/份"
                    min={0}
                    precision={2}
                    value={rows[slot].priceYuan}
                    disabled={!rows[slot].serve}
                    onChange={(v) => set(slot, { priceYuan: v })}
                    data-testid={`price-${slot}`}
                  />
                  <InputNumber
                    addonAfter="份"
                    min={1}
                    precision={0}
                    value={rows[slot].portions}
                    disabled={!rows[slot].serve}
                    onChange={(v) => set(slot, { portions: v })}
                    data-testid={`portions-${slot}`}
                  />
                  <span>截止</span>
                  <Input
                    type="time"
                    style={{ width: 120 }}
                    value={rows[slot].cutoff}
                    disabled={!rows[slot].serve}
                    onChange={(e) => set(slot, { cutoff: e.target.value })}
                    data-testid={`cutoff-${slot}`}
                  />
                </Space>
              ))}
              <Button type="primary" loading={saving} onClick={save} data-testid="save-menu">
                保存菜单
              </Button>
            </Space>
          ) : null
        }
      </Async>
    </Card>
  );
}

function OrdersCard({ placeId, day }: { placeId: number; day: string }) {
  const query = useQuery({
    queryKey: ['elderly', 'menu', placeId, day, 'orders'],
    queryFn: () => mealsApi.orders(placeId, day),
  });
  return (
    <Card
      title={`${day} 订餐名单`}
      data-testid="orders-card"
      extra={
        <Button onClick={() => query.refetch()} loading={query.isFetching} data-testid="refresh-orders">
          刷新
        </Button>
      }
    >
      <Async query={query}>
        {(data) => (
          <Space direction="vertical" style={{ width: '100%' }}>
            <PickupBox placeId={placeId} day={day} slots={data.totals} onDone={() => query.refetch()} />
            <Table
              rowKey="slot"
              size="small"
              pagination={false}
              data-testid="meal-totals"
              dataSource={data.totals}
              locale={{ emptyText: <Empty description="当天未发布菜单" /> }}
              columns={[
                { title: '餐次', dataIndex: 'slotName' },
                { title: '供应', dataIndex: 'portions' },
                { title: '已订', dataIndex: 'ordered' },
                { title: '已取', dataIndex: 'pickedUp' },
                { title: '补贴合计', dataIndex: 'subsidyCents', render: (c: number) => yuan(c) },
                { title: '应收合计', dataIndex: 'payCents', render: (c: number) => yuan(c) },
              ]}
            />
            <Table<MealOrderView>
              rowKey="id"
              size="small"
              data-testid="meal-orders"
              dataSource={data.items}
              pagination={{ pageSize: 50 }}
              locale={{ emptyText: <Empty description="当天暂无订餐" /> }}
              columns={[
                { title: '餐次', dataIndex: 'slotName' },
                { title: '用餐人', dataIndex: 'dinerName' },
                { title: '家属代订', dataIndex: 'forFamily', render: (f: boolean) => (f ? '是' : '') },
                { title: '原价', dataIndex: 'priceCents', render: (c: number) => yuan(c) },
                { title: '补贴', dataIndex: 'subsidyCents', render: (c: number) => yuan(c) },
                { title: '应付', dataIndex: 'payCents', render: (c: number) => yuan(c) },
                {
                  title: '取餐',
                  dataIndex: 'pickedUpAt',
                  render: (at: string | null) => (at ? `已取 ${beijingTime(at)}` : '未取'),
                },
              ]}
            />
          </Space>
        )}
      </Async>
    </Card>
  );
}

const beijingTime = (iso: string) =>
  new Date(iso).toLocaleTimeString('zh-CN', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit' });

/**
 * 核验取餐码: the counter scans the QR in the elder's (or the family's) app — a scanner types it
 * and presses Enter — or types the code; the server accepts it once, for this meal only.
 */
function PickupBox(props: { placeId: number; day: string; slots: DayOrders['totals']; onDone(): void }) {
  const [slot, setSlot] = useState<MealSlot | undefined>(undefined);
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ ok: boolean; text: string } | null>(null);
  const chosen = slot ?? props.slots[0]?.slot;
  if (!props.slots.length) return null;
  const verify = async () => {
    if (!chosen || !code.trim()) {
      setResult({ ok: false, text: '请扫描或输入取餐码' });
      return;
    }
    setBusy(true);
    try {
      const done = await mealsApi.pickup(props.placeId, { code: code.trim(), day: props.day, slot: chosen });
      setResult({ ok: true, text: `核验通过：${done.slotName} · ${done.dinerName} · 应付 ${yuan(done.payCents)}` });
      setCode('');
      props.onDone();
    } catch (err) {
      setResult({ ok: false, text: reason(err) });
    } finally {
      setBusy(false);
    }
  };
  return (
    <Card size="small" title="核验取餐码" data-testid="pickup-box">
      <Space wrap>
        <Select
          data-testid="pickup-slot"
          style={{ width: 120 }}
          value={chosen}
          onChange={setSlot}
          options={props.slots.map((t) => ({ value: t.slot, label: t.slotName }))}
        />
        <Input
          data-testid="pickup-code"
          style={{ width: 240 }}
          placeholder="扫描老人出示的取餐二维码，或输入取餐码"
          value={code}
          onChange={(e) => setCode(e.target.value)}
          onPressEnter={verify}
          autoFocus
        />
        <Button type="primary" onClick={verify} loading={busy} data-testid="pickup-verify">
          核验
        </Button>
      </Space>
      {result ? (
        <Alert
          style={{ marginTop: 8 }}
          type={result.ok ? 'success' : 'error'}
          showIcon
          message={result.text}
          data-testid="pickup-result"
        />
      ) : null}
    </Card>
  );
}
