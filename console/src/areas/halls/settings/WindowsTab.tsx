import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Alert, Button, Card, Form, Input, Select, Switch, Table } from 'antd';
import { useState } from 'react';
import { reason } from '../../../app/api';
import { type HallWindow, hallKeys, hallsApi } from '../api';
import { useServiceNames } from '../useHall';

/** The hall's windows: number, name, which services each handles, whether it is the priority lane. */
export function WindowsTab({ hallId, windows }: { hallId: number; windows: HallWindow[] }) {
  const [form] = Form.useForm<{ windows: HallWindow[] }>();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const { items } = useServiceNames();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const save = async (v: { windows: HallWindow[] }) => {
    setBusy(true);
    setError(null);
    try {
      await hallsApi.setWindows(
        hallId,
        (v.windows ?? []).map((w) => ({ ...w, priorityLane: Boolean(w.priorityLane) })),
      );
      await queryClient.invalidateQueries({ queryKey: hallKeys.one(hallId) });
      message.success('窗口已保存');
    } catch (err) {
      setError(reason(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Card>
      {error && <Alert type="error" showIcon title={error} className="form-alert" />}
      <Form form={form} onFinish={save} initialValues={{ windows }}>
        <Form.List name="windows">
          {(fields, { add, remove }) => (
            <>
              <Table
                size="small"
                pagination={false}
                dataSource={fields}
                rowKey="key"
                locale={{ emptyText: '还没有窗口' }}
                columns={[
                  {
                    title: '窗口号',
                    width: 100,
                    render: (_, f) => (
                      <Form.Item
                        name={[f.name, 'number']}
                        rules={[{ required: true, pattern: /^[A-Za-z0-9]{1,8}$/, message: '1-8位字母或数字' }]}
                        noStyle={false}
                        style={{ margin: 0 }}
                      >
                        <Input />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '名称',
                    width: 180,
                    render: (_, f) => (
                      <Form.Item
                        name={[f.name, 'name']}
                        rules={[{ required: true, message: '请填写名称' }]}
                        style={{ margin: 0 }}
                      >
                        <Input maxLength={60} />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '办理事项',
                    render: (_, f) => (
                      <Form.Item
                        name={[f.name, 'serviceCodes']}
                        rules={[{ required: true, message: '至少一项' }]}
                        style={{ margin: 0 }}
                      >
                        <Select
                          mode="multiple"
                          optionFilterProp="label"
                          options={items.map((s) => ({ value: s.code, label: s.name }))}
                        />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '优先窗口',
                    width: 90,
                    render: (_, f) => (
                      <Form.Item name={[f.name, 'priorityLane']} valuePropName="checked" style={{ margin: 0 }}>
                        <Switch size="small" />
                      </Form.Item>
                    ),
                  },
                  {
                    title: '',
                    width: 40,
                    render: (_, f) => <Button type="text" icon={<DeleteOutlined />} onClick={() => remove(f.name)} />,
                  },
                ]}
              />
              <Button
                type="dashed"
                icon={<PlusOutlined />}
                style={{ marginTop: 12 }}
                onClick={() =>
                  add({ number: String(fields.length + 1), name: '', serviceCodes: [], priorityLane: false })
                }
              >
                添加窗口
              </Button>
            </>
          )}
        </Form.List>
        <div style={{ marginTop: 16 }}>
          <Button type="primary" htmlType="submit" loading={busy}>
            保存窗口
          </Button>
        </div>
      </Form>
    </Card>
  );
}
