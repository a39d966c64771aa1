import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Form, Input, InputNumber, Radio, Select, Space, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { type BroadcastData, noticeKeys, noticesApi, type Segment } from './api';
import { PhoneFrame } from './PhoneFrame';

type Values = BroadcastData & {
  kind: Segment['kind'];
  divisionCode?: string;
  hallId?: number;
  scene?: string;
  tag?: string;
  link?: string;
};

/** The segment the form describes, or null while it is incomplete. */
function segmentOf(v: Partial<Values>): Segment | null {
  switch (v.kind) {
    case 'all':
      return { kind: 'all' };
    case 'region':
      return v.divisionCode && /^(\d{2}|\d{4}|\d{6}|\d{9})$/.test(v.divisionCode)
        ? { kind: 'region', divisionCode: v.divisionCode }
        : null;
    case 'hall':
      return v.hallId ? { kind: 'hall', hallId: v.hallId } : null;
    case 'scene':
      return v.scene ? { kind: 'scene', scene: v.scene } : null;
    case 'tag':
      return v.tag?.trim()
        ? { kind: 'tag', tag: v.tag.trim(), ...(v.divisionCode ? { divisionCode: v.divisionCode } : {}) }
        : null;
    default:
      return null;
  }
}

/** An editor composes a broadcast: who it reaches (counted as it is chosen) and how it looks on a phone. */
export default function ComposePage() {
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const values = (Form.useWatch([], form) ?? {}) as Partial<Values>;
  const segment = segmentOf(values);
  const [debounced, setDebounced] = useState<Segment | null>(null);
  const key = JSON.stringify(segment);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(segment), 300);
    return () => clearTimeout(t);
  }, [key]);
  const count = useQuery({
    queryKey: ['notices', 'preview', debounced],
    queryFn: () => noticesApi.preview(debounced!),
    enabled: debounced !== null,
    retry: false,
  });
  const scenes = useQuery({
    queryKey: noticeKeys.scenes,
    queryFn: noticesApi.scenes,
    enabled: values.kind === 'scene',
  });
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async (v: Values) => {
    const s = segmentOf(v);
    if (!s) return;
    setSaving(true);
    setError(null);
    try {
      const { broadcast } = await noticesApi.compose({
        templateKey: 'notices.broadcast',
        data: { title: v.title, content: v.content, date: v.date },
        link: v.link || undefined,
        segment: s,
      });
      navigate(`/notices/broadcasts/${broadcast.id}`);
    } catch (err) {
      setError(reason(err));
      if (err instanceof ApiError && err.fields)
        form.setFields(
          Object.entries(err.fields)
            .filter(([name]) => ['title', 'content', 'date', 'link'].includes(name))
            .map(([name, e]) => ({ name: name as keyof Values, errors: [e] })),
        );
    } finally {
      setSaving(false);
    }
  };

  return (
    <>
      <PageHeader title="撰写群发通知" sub="提交后进入待审核，由撰写人以外的审核人批准后发送。" />
      <div className="compose">
        <Form<Values>
          form={form}
          layout="vertical"
          className="compose__form"
          initialValues={{ kind: 'region' }}
          onFinish={submit}
          data-testid="compose-form"
        >
          {error && <Alert type="error" showIcon className="form-alert" message={error} data-testid="compose-error" />}
          <Form.Item name="kind" label="推送对象">
            <Radio.Group
              options={[
                { value: 'region', label: '按地区' },
                { value: 'hall', label: '按大厅' },
                { value: 'scene', label: '按二维码' },
                { value: 'tag', label: '按标签' },
                { value: 'all', label: '全部关注者' },
              ]}
              optionType="button"
            />
          </Form.Item>
          {(values.kind === 'region' || values.kind === 'tag') && (
            <Form.Item
              name="divisionCode"
              label={values.kind === 'tag' ? '限定地区（选填）' : '地区代码'}
              rules={[
                { required: values.kind === 'region', message: '请填写地区代码' },
                { pattern: /^(\d{2}|\d{4}|\d{6}|\d{9})$/, message: '地区代码应为2、4、6或9位数字' },
              ]}
            >
              <Input placeholder="如 110105（朝阳区）" maxLength={9} data-testid="compose-division" />
            </Form.Item>
          )}
          {values.kind === 'hall' && (
            <Form.Item name="hallId" label="大厅编号" rules={[{ required: true, message: '请填写大厅编号' }]}>
              <InputNumber min={1} precision={0} />
            </Form.Item>
          )}
          {values.kind === 'scene' && (
            <Form.Item name="scene" label="二维码" rules={[{ required: true, message: '请选择二维码' }]}>
              <Select
                loading={scenes.isPending}
                placeholder="选择带参数二维码（关注时扫的码）"
                options={(scenes.data?.items ?? []).map((s) => ({ value: s.scene, label: `${s.title}（${s.scene}）` }))}
                notFoundContent={scenes.error ? reason(scenes.error) : '暂无二维码'}
              />
            </Form.Item>
          )}
          {values.kind === 'tag' && (
            <Form.Item name="tag" label="标签" rules={[{ required: true, whitespace: true, message: '请填写标签' }]}>
              <Input maxLength={30} />
            </Form.Item>
          )}
          <div style={{ marginBottom: 16 }} data-testid="compose-count">
            {!segment ? (
              <Typography.Text type="secondary">选择推送对象后显示覆盖人数</Typography.Text>
            ) : count.isFetching ? (
              <Typography.Text type="secondary">正在计算人数…</Typography.Text>
            ) : count.error ? (
              <Typography.Text type="danger">{reason(count.error)}</Typography.Text>
            ) : count.data ? (
              <Typography.Text strong>将发送给 {count.data.count} 位关注者</Typography.Text>
            ) : null}
          </div>
          <Form.Item
            name="title"
            label="通知标题"
            extra="微信模板消息最多显示20个字"
            rules={[{ required: true, whitespace: true, message: '请填写通知标题' }]}
          >
            <Input maxLength={100} data-testid="compose-title" />
          </Form.Item>
          <Form.Item
            name="content"
            label="通知内容"
            extra="超过20个字的部分在微信中以省略号代替，完整内容见小程序「消息」"
            rules={[{ required: true, whitespace: true, message: '请填写通知内容' }]}
          >
            <Input.TextArea rows={3} maxLength={500} showCount data-testid="compose-content" />
          </Form.Item>
          <Form.Item
            name="date"
            label="时间"
            rules={[{ required: true, whitespace: true, message: '请填写时间' }]}
            extra="如：2026-12-10 09:00"
          >
            <Input maxLength={32} data-testid="compose-date" />
          </Form.Item>
          <Form.Item
            name="link"
            label="小程序页面（选填）"
            rules={[{ pattern: /^\/?[A-Za-z0-9_/-]{1,200}(\?\S{0,200})?$/, message: '链接页面无效' }]}
          >
            <Input placeholder="/packages/assistance/pages/index/index" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="compose-submit">
              提交审核
            </Button>
            <Button onClick={() => navigate('/notices/broadcasts')}>取消</Button>
          </Space>
        </Form>
        <PhoneFrame data={values} link={values.link} />
      </div>
    </>
  );
}
