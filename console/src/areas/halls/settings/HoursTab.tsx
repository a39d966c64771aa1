import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Alert, Button, Card, Checkbox, Form, Input, Space, Switch } from 'antd';
import { useState } from 'react';
import { reason } from '../../../app/api';
import { type Hall, hallKeys, hallsApi, type Sessions } from '../api';

const HHMM = /^([01]\d|2[0-3]):[0-5]\d$/;
const WEEKDAYS = ['周日', '周一', '周二', '周三', '周四', '周五', '周六'];

interface Values {
  name: string;
  address: string;
  phone: string;
  sessions: { start: string; end: string }[];
  closedWeekdays: number[];
  intro: string;
  active: boolean;
}

/** The gap between two sessions is the lunch break, told as such. */
export const lunchText = (s: Sessions) =>
  s.length >= 2
    ? `午休 ${s
        .map((x, i) => (i ? `${s[i - 1][1]}-${x[0]}` : ''))
        .filter(Boolean)
        .join('，')}`
    : '无午休';

/** Name, address, phone, opening sessions around the lunch break, weekly closing days. */
export function HoursTab({ hall }: { hall: Hall }) {
  const [form] = Form.useForm<Values>();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const sessions = (Form.useWatch('sessions', form) ?? []) as Values['sessions'];

  const save = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      await hallsApi.update(hall.id, {
        name: v.name,
        address: v.address,
        phone: v.phone || null,
        hours: v.sessions.map((s) => [s.start, s.end]),
        closedWeekdays: v.closedWeekdays,
        intro: v.intro || null,
        active: v.active,
      });
      await queryClient.invalidateQueries({ queryKey: hallKeys.one(hall.id) });
      message.success('已保存');
    } catch (err) {
      setError(reason(err));
    } finally {
      setBusy(false);
    }
  };

  const complete = sessions.every((s) => s && HHMM.test(s.start ?? '') && HHMM.test(s.end ?? ''));
  return (
    <Card>
      {error && <Alert type="error" showIcon title={error} className="form-alert" data-testid="hours-error" />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={save}
        requiredMark={false}
        style={{ maxWidth: 640 }}
        initialValues={{
          name: hall.name,
          address: hall.address,
          phone: hall.phone ?? '',
          sessions: hall.hours.map(([start, end]) => ({ start, end })),
          closedWeekdays: hall.closedWeekdays,
          intro: hall.intro ?? '',
          active: hall.active,
        }}
      >
        <Form.Item name="name" label="大厅名称" rules={[{ required: true, min: 2, message: '请填写大厅名称' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="address" label="地址" rules={[{ required: true, min: 2, message: '请填写地址' }]}>
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item name="phone" label="咨询电话" rules={[{ pattern: /^[0-9-]{5,20}$/, message: '电话号码格式不正确' }]}>
          <Input maxLength={20} />
        </Form.Item>
        <Form.Item
          label="办公时段"
          extra={complete ? lunchText(sessions.map((s) => [s.start, s.end])) : '时间格式为 HH:MM'}
        >
          <Form.List name="sessions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((f, i) => (
                  <Space key={f.key} align="baseline">
                    <Form.Item
                      name={[f.name, 'start']}
                      rules={[{ required: true, pattern: HHMM, message: '如 09:00' }]}
                    >
                      <Input placeholder="09:00" style={{ width: 90 }} data-testid={`session-${i}-start`} />
                    </Form.Item>
                    至
                    <Form.Item name={[f.name, 'end']} rules={[{ required: true, pattern: HHMM, message: '如 12:00' }]}>
                      <Input placeholder="12:00" style={{ width: 90 }} data-testid={`session-${i}-end`} />
                    </Form.Item>
                    {fields.length > 1 && <MinusCircleOutlined onClick={() => remove(f.name)} />}
                  </Space>
                ))}
                {fields.length < 3 && (
                  <Button type="dashed" onClick={() => add({ start: '', end: '' })} icon={<PlusOutlined />}>
                    添加时段（如下午）
                  </Button>
                )}
              </>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="closedWeekdays" label="每周固定不办公" extra="法定节假日和调休按国务院安排自动处理">
          <Checkbox.Group options={WEEKDAYS.map((label, value) => ({ label, value }))} />
        </Form.Item>
        <Form.Item name="intro" label="大厅介绍">
          <Input.TextArea rows={3} maxLength={2000} />
        </Form.Item>
        <Form.Item name="active" label="对外开放" valuePropName="checked" extra="关闭后群众在小程序中看不到本大厅">
          <Switch />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="hours-save">
          保存
        </Button>
      </Form>
    </Card>
  );
}
