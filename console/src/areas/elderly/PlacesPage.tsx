import { CARE_LEVEL_NAMES, CARE_LEVELS } from '@minzheng/contracts';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Checkbox, Drawer, Form, Input, InputNumber, Space, Table, Tag, message } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState, Loading } from '../../app/states';
import { elderlyApi, type StaffPlace, type StaffPlaceDetail, yuan } from './api';

/**
 * 机构床位与收费: the places in this account's divisions; 更新 opens the place's beds, free beds,
 * levels accepted, hours and fee list, saved as one change (the server refuses a stale copy).
 */
export default function PlacesPage() {
  const [page, setPage] = useState(1);
  const [editing, setEditing] = useState<number | null>(null);
  const query = useQuery({ queryKey: ['elderly', 'places', page], queryFn: () => elderlyApi.places(page) });
  return (
    <>
      <PageHeader title="机构床位与收费" sub="空床和价格及时更新，群众在小程序中查找养老机构时看到的就是这里的信息" />
      <Card>
        <Async query={query}>
          {(data) =>
            data.items.length === 0 ? (
              <EmptyState text="您的辖区内暂无养老机构或服务站。" />
            ) : (
              <Table<StaffPlace>
                rowKey="id"
                data-testid="places"
                dataSource={data.items}
                pagination={{ current: page, pageSize: 20, total: data.total, onChange: setPage }}
                columns={[
                  { title: '名称', dataIndex: 'name' },
                  { title: '类型', dataIndex: 'kindName' },
                  { title: '床位', dataIndex: 'beds' },
                  {
                    title: '空余床位',
                    dataIndex: 'vacancies',
                    render: (v: number) => (v > 0 ? <Tag color="green">{v}</Tag> : <Tag>无</Tag>),
                  },
                  { title: '月费起', dataIndex: 'priceFromCents', render: (c: number) => yuan(c) },
                  {
                    title: '更新于',
                    dataIndex: 'updatedAt',
                    render: (t: string) => new Date(t).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }),
                  },
                  {
                    title: '操作',
                    key: 'edit',
                    render: (_: unknown, p) => (
                      <Button type="link" onClick={() => setEditing(p.id)} data-testid={`edit-${p.id}`}>
                        更新
                      </Button>
                    ),
                  },
                ]}
              />
            )
          }
        </Async>
      </Card>
      <EditDrawer id={editing} onClose={() => setEditing(null)} />
    </>
  );
}

interface FormValues {
  beds: number;
  vacancies: number;
  careLevels: string[];
  hours: string;
  fees: { item: string; unit: string; priceYuan: number; note?: string }[];
}

function EditDrawer({ id, onClose }: { id: number | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [stale, setStale] = useState(false);
  const [saving, setSaving] = useState(false);
  // The copy the form was filled from. A save carries its version, never a newer one read in the
  // background: a refetch must not turn the clerk's edit of an old copy into a silent overwrite of
  // someone else's change, nor replace what they are typing.
  const [filledFrom, setFilledFrom] = useState<StaffPlaceDetail | null>(null);
  const query = useQuery({
    queryKey: ['elderly', 'place', id],
    queryFn: () => elderlyApi.place(id!),
    enabled: id !== null,
    refetchOnWindowFocus: false,
  });
  const place: StaffPlaceDetail | undefined = query.data;

  const fill = (p: StaffPlaceDetail) => {
    form.setFieldsValue({
      beds: p.beds,
      vacancies: p.vacancies,
      careLevels: p.careLevels,
      hours: p.hours,
      fees: p.fees.map((f) => ({ item: f.item, unit: f.unit, priceYuan: f.priceCents / 100, note: f.note })),
    });
    setFilledFrom(p);
    setError(null);
    setStale(false);
  };

  // Filled once each time the drawer opens, from a copy read now (not one cached from before).
  useEffect(() => {
    if (id === null) setFilledFrom(null);
    else if (place && place.id === id && !query.isFetching && filledFrom === null) fill(place);
  });

  // After a refusal for a stale copy: read the current one and fill the form again.
  const reload = async () => {
    const { data } = await query.refetch();
    if (data) fill(data);
  };

  const save = async () => {
    if (!filledFrom) return;
    // A field at fault shows its own message; nothing is sent.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    setError(null);
    try {
      await elderlyApi.update(filledFrom.id, {
        version: filledFrom.version,
        beds: v.beds,
        vacancies: v.vacancies,
        careLevels: v.careLevels as never,
        hours: v.hours,
        fees: v.fees.map((f) => ({
          item: f.item,
          unit: f.unit,
          priceCents: Math.round(f.priceYuan * 100),
          note: f.note ?? '',
        })),
      });
      message.success('已更新，群众查询时立即可见');
      await queryClient.invalidateQueries({ queryKey: ['elderly'] });
      onClose();
    } catch (err) {
      setError(reason(err));
      setStale(err instanceof ApiError && err.code === 'STALE_VERSION');
    } finally {
      setSaving(false);
    }
  };

  return (
    <Drawer
      open={id !== null}
      onClose={onClose}
      width={640}
      title={place ? `更新：${place.name}` : '更新'}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={saving} onClick={save} data-testid="save-place">
            保存
          </Button>
        </Space>
      }
    >
      {query.isPending ? <Loading /> : null}
      {error ? (
        <Alert
          type="error"
          showIcon
          message={error}
          style={{ marginBottom: 16 }}
          data-testid="save-error"
          action={
            stale ? (
              <Button size="small" onClick={reload} data-testid="reload-place">
                载入最新信息
              </Button>
            ) : undefined
          }
        />
      ) : null}
      {place ? (
        <Form form={form} layout="vertical" data-testid="place-form">
          <Space size="large">
            <Form.Item name="beds" label="床位总数" rules={[{ required: true, message: '请填写床位总数' }]}>
              <InputNumber min={0} precision={0} />
            </Form.Item>
            <Form.Item
              name="vacancies"
              label="空余床位"
              dependencies={['beds']}
              rules={[
                { required: true, message: '请填写空余床位数' },
                ({ getFieldValue }) => ({
                  validator: (_, value: number) =>
                    value > getFieldValue('beds')
                      ? Promise.reject(new Error('空余床位数不能超过床位总数'))
                      : Promise.resolve(),
                }),
              ]}
            >
              <InputNumber min={0} precision={0} />
            </Form.Item>
          </Space>
          <Form.Item
            name="careLevels"
            label="可接收的老人能力等级"
            rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个可接收的能力等级' }]}
          >
            <Checkbox.Group options={CARE_LEVELS.map((l) => ({ value: l, label: CARE_LEVEL_NAMES[l] }))} />
          </Form.Item>
          <Form.Item
            name="hours"
            label="服务时间"
            rules={[{ required: true, whitespace: true, message: '请填写服务时间' }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.List name="fees">
            {(fields, { add, remove }) => (
              <Card size="small" title="收费清单" data-testid="fees">
                {fields.map((field) => (
                  <Space key={field.key} align="baseline" wrap>
                    <Form.Item
                      name={[field.name, 'item']}
                      rules={[{ required: true, whitespace: true, message: '请填写收费项目' }]}
                    >
                      <Input placeholder="收费项目" maxLength={60} style={{ width: 160 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'priceYuan']} rules={[{ required: true, message: '请填写价格' }]}>
                      <InputNumber placeholder="价格（元）" min={0} precision={2} style={{ width: 120 }} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'unit']}
                      rules={[{ required: true, whitespace: true, message: '请填写单位' }]}
                    >
                      <Input placeholder="单位，如 元/月" maxLength={20} style={{ width: 100 }} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'note']}>
                      <Input placeholder="说明（可选）" maxLength={200} style={{ width: 140 }} />
                    </Form.Item>
                    <MinusCircleOutlined aria-label="删除此项" onClick={() => remove(field.name)} />
                  </Space>
                ))}
                <Button type="dashed" block icon={<PlusOutlined />} onClick={() => add({ unit: '元/月' })}>
                  添加收费项目
                </Button>
              </Card>
            )}
          </Form.List>
        </Form>
      ) : null}
    </Drawer>
  );
}
