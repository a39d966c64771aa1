import { useMutation, useQuery } from '@tanstack/react-query';
import {
  Alert,
  Button,
  Card,
  Col,
  Descriptions,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Row,
  Select,
  Space,
} from 'antd';
import { useState } from 'react';
import { reason } from '../../app/api';
import { beijingToday } from '../../app/beijing';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { type CheckIn, funeralApi, type GreenVisit } from './api';

/**
 * 祭扫核验 at a cemetery's gate: scan a pass (a scanner types MZ-JS:<code> and Enter) or type its
 * code; the server admits each pass once, on its day (a second scan is refused with the time of
 * the first). 绿色通道: book an elderly (60+) or disabled visitor in person, from the seats each
 * hour holds back for them, and read or print the pass code for them.
 */
export default function GatePage() {
  const [code, setCode] = useState('');
  const [result, setResult] = useState<CheckIn | null>(null);
  const [error, setError] = useState<string | null>(null);
  const check = useMutation({
    mutationFn: funeralApi.checkIn,
    onSuccess: (r) => {
      setResult(r.checkIn);
      setError(null);
      setCode('');
    },
    onError: (err) => {
      setResult(null);
      setError(reason(err));
      setCode('');
    },
  });
  return (
    <>
      <PageHeader title="祭扫核验" sub="扫描群众出示的预约码或手工输入预约码；每个预约只能入园一次。" />
      <Row gutter={16}>
        <Col span={10}>
          <Card title="入园核验" size="small" style={{ marginBottom: 16 }}>
            <Space.Compact style={{ width: '100%' }}>
              <Input
                autoFocus
                placeholder="扫描或输入预约码"
                value={code}
                onChange={(e) => setCode(e.target.value)}
                onPressEnter={() => code.trim() && check.mutate(code.trim())}
                data-testid="pass-code"
              />
              <Button
                type="primary"
                disabled={!code.trim()}
                loading={check.isPending}
                onClick={() => check.mutate(code.trim())}
                data-testid="check-in"
              >
                核验
              </Button>
            </Space.Compact>
            {error ? (
              <Alert
                type="error"
                showIcon
                message="不予入园"
                description={error}
                style={{ marginTop: 16 }}
                data-testid="check-error"
              />
            ) : null}
            {result ? (
              <Result
                status="success"
                title={`核验通过，请放行 ${result.persons} 人`}
                subTitle={`${result.place.name} · ${result.date} ${result.start}—${result.end}`}
                extra={
                  <Descriptions size="small" column={1}>
                    <Descriptions.Item label="预约码">{result.code}</Descriptions.Item>
                    <Descriptions.Item label="祭扫对象">{result.deceasedName}</Descriptions.Item>
                    {result.green ? <Descriptions.Item label="绿色通道">{result.green}</Descriptions.Item> : null}
                  </Descriptions>
                }
                data-testid="check-ok"
              />
            ) : null}
          </Card>
        </Col>
        <Col span={14}>
          <GreenChannel />
        </Col>
      </Row>
    </>
  );
}

type GreenForm = {
  placeId: number;
  date: string;
  slotId: number;
  visitorName: string;
  idNumber: string;
  reason: 'elderly' | 'disabled';
  deceasedName: string;
  companions: number;
};

function GreenChannel() {
  const cemeteries = useQuery({ queryKey: ['funeral', 'cemeteries'], queryFn: () => funeralApi.homes('cemetery') });
  return (
    <Card title="绿色通道预约" size="small">
      <Async query={cemeteries}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState text="您的辖区内没有公墓。" />
          ) : (
            <GreenForm places={data.items.map((i) => i.place)} />
          )
        }
      </Async>
    </Card>
  );
}

function GreenForm({ places }: { places: { id: number; name: string }[] }) {
  const [form] = Form.useForm<GreenForm>();
  const placeId = Form.useWatch('placeId', form) ?? places[0].id;
  const date = Form.useWatch('date', form) ?? beijingToday();
  const [booked, setBooked] = useState<GreenVisit | null>(null);
  const [error, setError] = useState<string | null>(null);
  const slots = useQuery({
    queryKey: ['funeral', 'slots', placeId, date],
    queryFn: () => funeralApi.slots(placeId, date),
    enabled: /^\d{4}-\d{2}-\d{2}$/.test(date),
  });
  const book = useMutation({
    mutationFn: ({ placeId: _p, date: _d, ...body }: GreenForm) => funeralApi.green(body),
    onSuccess: (r) => {
      setBooked(r.visit);
      setError(null);
      form.resetFields(['visitorName', 'idNumber', 'deceasedName', 'companions', 'slotId']);
      slots.refetch();
    },
    onError: (err) => setError(reason(err)),
  });
  return (
    <Form
      form={form}
      layout="vertical"
      initialValues={{ placeId: places[0].id, date: beijingToday(), reason: 'elderly', companions: 0 }}
      onFinish={(v) => book.mutate(v)}
      data-testid="green-form"
    >
      <Space wrap>
        <Form.Item name="placeId" label="公墓">
          <Select style={{ width: 220 }} options={places.map((p) => ({ value: p.id, label: p.name }))} />
        </Form.Item>
        <Form.Item
          name="date"
          label="日期"
          rules={[{ pattern: /^\d{4}-\d{2}-\d{2}$/, message: '日期格式如 2026-04-05' }]}
        >
          <Input style={{ width: 140 }} placeholder="2026-04-05" data-testid="green-date" />
        </Form.Item>
      </Space>
      <Form.Item name="slotId" label="时段" rules={[{ required: true, message: '请选择时段' }]}>
        <Select
          placeholder={slots.data?.items.length === 0 ? '该日未开放祭扫时段' : '请选择时段'}
          loading={slots.isFetching}
          options={(slots.data?.items ?? []).map((s) => ({
            value: s.id,
            label: `${s.start}—${s.end}　绿色通道余${s.greenRemaining}　普通余${s.remaining}`,
            disabled: s.greenRemaining + s.remaining === 0,
          }))}
          data-testid="green-slot"
        />
      </Form.Item>
      <Space wrap>
        <Form.Item
          name="visitorName"
          label="祭扫人姓名"
          rules={[{ required: true, whitespace: true, message: '请填写祭扫人姓名' }]}
        >
          <Input style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="idNumber" label="身份证号" rules={[{ required: true, message: '请填写身份证号' }]}>
          <Input style={{ width: 220 }} maxLength={18} />
        </Form.Item>
        <Form.Item name="reason" label="类别">
          <Radio.Group
            options={[
              { value: 'elderly', label: '60周岁以上老年人' },
              { value: 'disabled', label: '残疾人（已查验残疾人证）' },
            ]}
          />
        </Form.Item>
      </Space>
      <Space wrap>
        <Form.Item
          name="deceasedName"
          label="逝者姓名"
          rules={[{ required: true, whitespace: true, message: '请填写逝者姓名' }]}
        >
          <Input style={{ width: 140 }} />
        </Form.Item>
        <Form.Item name="companions" label="随行人数（最多4人）">
          <InputNumber min={0} max={4} precision={0} />
        </Form.Item>
      </Space>
      {error ? (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="green-error" />
      ) : null}
      {booked ? (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 12 }}
          message={`已预约：${booked.visitorName}（${booked.reasonName}）${booked.date} ${booked.start}—${booked.end}，共${booked.persons}人`}
          description={`预约码 ${booked.code}，请告知或打印交给祭扫人，入园时出示。`}
          data-testid="green-ok"
        />
      ) : null}
      <Button type="primary" htmlType="submit" loading={book.isPending} data-testid="submit-green">
        绿色通道预约
      </Button>
    </Form>
  );
}
