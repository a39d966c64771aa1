import {
  FEE_UNITS,
  type FeeItemView,
  type FuneralBillView,
  HUIMIN_WAIVERS,
  type HuiminWaiver,
} from '@minzheng/contracts';
import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Card,
  Checkbox,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Row,
  Select,
  Space,
  Table,
  Tag,
} from 'antd';
import { useRef, useState } from 'react';
import { reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { funeralApi, yuan } from './api';

type Home = { place: { id: number; name: string }; fees: FeeItemView[] };

/**
 * 殡葬收费: open a family's bill (the deceased's name and the 惠民殡葬 waivers they qualify for) and
 * record charges by choosing items of the home's published fee list and a quantity — there is no
 * way to type a name or a price; the server prices each line from the list, applies the waivers and
 * answers the bill with 「您应付」. The claim code is shown once, to print on the family's bill.
 */
export default function BillsPage() {
  const homes = useQuery({ queryKey: ['funeral', 'homes'], queryFn: () => funeralApi.homes() });
  return (
    <>
      <PageHeader
        title="殡葬收费"
        sub="收费项目只能从公示收费目录中选择，价格以目录为准；惠民殡葬减免由系统自动计算。"
      />
      <Async query={homes}>
        {(data) =>
          data.items.length === 0 ? <EmptyState text="您的辖区内没有殡仪馆。" /> : <Bills homes={data.items} />
        }
      </Async>
    </>
  );
}

function Bills({ homes }: { homes: Home[] }) {
  const { message } = AntApp.useApp();
  const [bill, setBill] = useState<FuneralBillView | null>(null);
  const [claimCode, setClaimCode] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [findNo, setFindNo] = useState('');
  const [openForm] = Form.useForm<{ placeId: number; deceasedName: string; waivers: HuiminWaiver[] }>();

  const opened = useMutation({
    mutationFn: funeralApi.open,
    onSuccess: (r) => {
      setBill(r.bill);
      setClaimCode(r.claimCode);
      setError(null);
      openForm.resetFields();
      message.success(`已开立账单 ${r.bill.billNo}`);
    },
    onError: (err) => setError(reason(err)),
  });
  const found = useMutation({
    mutationFn: funeralApi.bill,
    onSuccess: (r) => {
      setBill(r.bill);
      setClaimCode(null);
      setError(null);
    },
    onError: (err) => setError(reason(err)),
  });

  return (
    <Row gutter={16}>
      <Col span={8}>
        <Card title="开立账单" size="small" style={{ marginBottom: 16 }}>
          <Form
            form={openForm}
            layout="vertical"
            initialValues={{ placeId: homes[0].place.id, waivers: [] }}
            onFinish={(v) => opened.mutate({ ...v, deceasedName: v.deceasedName.trim() })}
            data-testid="open-bill"
          >
            <Form.Item name="placeId" label="殡仪馆">
              <Select options={homes.map((h) => ({ value: h.place.id, label: h.place.name }))} />
            </Form.Item>
            <Form.Item
              name="deceasedName"
              label="逝者姓名"
              rules={[{ required: true, whitespace: true, message: '请填写逝者姓名' }]}
            >
              <Input maxLength={30} />
            </Form.Item>
            <Form.Item name="waivers" label="惠民殡葬减免（按逝者身份勾选）">
              <Checkbox.Group
                style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                options={Object.entries(HUIMIN_WAIVERS).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={opened.isPending} data-testid="submit-open">
              开立账单
            </Button>
          </Form>
        </Card>
        <Card title="查找账单" size="small">
          <Space.Compact style={{ width: '100%' }}>
            <Input
              placeholder="账单号，如 BZ20261206ABC123"
              value={findNo}
              onChange={(e) => setFindNo(e.target.value.trim().toUpperCase())}
              data-testid="find-bill-no"
            />
            <Button onClick={() => found.mutate(findNo)} disabled={!findNo} loading={found.isPending}>
              查找
            </Button>
          </Space.Compact>
        </Card>
      </Col>
      <Col span={16}>
        {error ? (
          <Alert type="error" showIcon message={error} style={{ marginBottom: 16 }} data-testid="bill-error" />
        ) : null}
        {bill ? (
          <BillCard
            bill={bill}
            claimCode={claimCode}
            fees={homes.find((h) => h.place.id === bill.place.id)?.fees ?? []}
            onChanged={setBill}
          />
        ) : (
          <Card>
            <EmptyState text="开立一份账单，或按账单号查找，然后登记收费。" />
          </Card>
        )}
      </Col>
    </Row>
  );
}

function BillCard({
  bill,
  claimCode,
  fees,
  onChanged,
}: {
  bill: FuneralBillView;
  claimCode: string | null;
  fees: FeeItemView[];
  onChanged(b: FuneralBillView): void;
}) {
  const { message } = AntApp.useApp();
  const [pending, setPending] = useState<{ key: number; itemCode: string; quantity: number }[]>([]);
  const nextKey = useRef(0);
  const [itemCode, setItemCode] = useState<string | undefined>();
  const [quantity, setQuantity] = useState<number>(1);
  const [error, setError] = useState<string | null>(null);
  const byCode = new Map(fees.map((f) => [f.code, f]));
  const charge = useMutation({
    mutationFn: () =>
      funeralApi.charge(
        bill.billNo,
        pending.map(({ itemCode, quantity }) => ({ itemCode, quantity })),
      ),
    onSuccess: (r) => {
      onChanged(r.bill);
      setPending([]);
      setError(null);
      message.success('已登记收费');
    },
    onError: (err) => setError(reason(err)),
  });

  return (
    <Card
      title={`账单 ${bill.billNo}`}
      size="small"
      data-testid="bill"
      extra={<span>价格举报电话 {bill.place.priceComplaintLine}</span>}
    >
      {claimCode ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={`家属查询码：${claimCode}`}
          description="请打印在账单上交给家属（只显示这一次），家属在小程序中凭账单号和查询码查看账单。"
          data-testid="claim-code"
        />
      ) : null}
      <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
        <Descriptions.Item label="殡仪馆">{bill.place.name}</Descriptions.Item>
        <Descriptions.Item label="逝者">{bill.deceasedName}</Descriptions.Item>
        <Descriptions.Item label="开立日期">{bill.issuedOn}</Descriptions.Item>
        <Descriptions.Item label="惠民减免">
          {bill.waivers.length ? bill.waivers.map((w) => <Tag key={w.kind}>{w.name}</Tag>) : '无'}
        </Descriptions.Item>
      </Descriptions>
      <Table
        size="small"
        rowKey="lineNo"
        pagination={false}
        dataSource={bill.lines}
        data-testid="bill-lines"
        locale={{ emptyText: '尚未登记收费' }}
        columns={[
          { title: '序号', dataIndex: 'lineNo', width: 56 },
          { title: '项目', dataIndex: 'name' },
          {
            title: '类别',
            dataIndex: 'feeClass',
            render: (c: string) => (c === 'basic' ? <Tag color="green">基本服务</Tag> : <Tag>选择性服务</Tag>),
          },
          { title: '单价', render: (_, l) => `${yuan(l.unitPriceCents)}/${l.unitName}` },
          { title: '数量', dataIndex: 'quantity' },
          { title: '金额', dataIndex: 'amountCents', render: yuan },
          { title: '减免', dataIndex: 'waivedCents', render: yuan },
          { title: '应付', dataIndex: 'payableCents', render: yuan },
        ]}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={5}>
              合计
            </Table.Summary.Cell>
            <Table.Summary.Cell index={1}>{yuan(bill.totalCents)}</Table.Summary.Cell>
            <Table.Summary.Cell index={2}>{yuan(bill.waivedCents)}</Table.Summary.Cell>
            <Table.Summary.Cell index={3}>
              <strong data-testid="payable">您应付 {yuan(bill.payableCents)}</strong>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <Card type="inner" size="small" title="登记收费" style={{ marginTop: 16 }}>
        {error ? (
          <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="charge-error" />
        ) : null}
        <Space wrap>
          <Select
            showSearch
            optionFilterProp="label"
            placeholder="从公示收费目录选择项目"
            style={{ width: 340 }}
            value={itemCode}
            onChange={setItemCode}
            options={fees.map((f) => ({
              value: f.code,
              label: `${f.name}（${f.feeClass === 'basic' ? '基本' : '选择性'}，${yuan(f.priceCents)}/${f.unitName}）`,
            }))}
            data-testid="fee-item"
          />
          <span data-testid="fee-quantity">
            <InputNumber
              min={1}
              max={999}
              precision={0}
              value={quantity}
              onChange={(v) => setQuantity(v ?? 1)}
              addonAfter={itemCode ? FEE_UNITS[byCode.get(itemCode)!.unit] : '数量'}
            />
          </span>
          <Button
            disabled={!itemCode}
            onClick={() => {
              setPending([...pending, { key: nextKey.current++, itemCode: itemCode!, quantity }]);
              setItemCode(undefined);
              setQuantity(1);
            }}
            data-testid="add-charge"
          >
            加入
          </Button>
        </Space>
        {pending.length ? (
          <ul data-testid="pending-charges" style={{ marginTop: 12 }}>
            {pending.map((c) => {
              const f = byCode.get(c.itemCode);
              return (
                <li key={c.key}>
                  {f?.name ?? c.itemCode} × {c.quantity}
                  {f?.unitName}
                  <Button type="link" size="small" onClick={() => setPending(pending.filter((x) => x.key !== c.key))}>
                    移除
                  </Button>
                </li>
              );
            })}
          </ul>
        ) : null}
        <div style={{ marginTop: 12 }}>
          <Button
            type="primary"
            disabled={!pending.length}
            loading={charge.isPending}
            onClick={() => charge.mutate()}
            data-testid="submit-charges"
          >
            登记到账单（{pending.length}项）
          </Button>
        </div>
      </Card>
    </Card>
  );
}
