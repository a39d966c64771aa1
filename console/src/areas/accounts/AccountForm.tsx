import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Checkbox, Drawer, Form, Input, Select, Space, Switch } from 'antd';
import { useEffect, useState } from 'react';
import { api, ApiError, reason } from '../../app/api';
import { ALL_ROLES, ROLE_NAMES } from '../../app/roles';
import type { StaffRole } from '../../app/types';
import type { NewAccount, StaffAccount } from './api';

interface FormValues {
  username: string;
  displayName: string;
  roles: StaffRole[];
  nationwide: boolean;
  divisions: string[];
  halls: number[];
}

const DIVISION = /^(\d{2}|\d{4}|\d{6}|\d{9}|\d{12})$/;

/**
 * New account or changes to one: name, roles, and scope — division-code prefixes (11 北京市,
 * 1101 市辖区, 110105 朝阳区; nationwide covers all) and individual halls.
 */
export function AccountForm({
  account,
  open,
  onClose,
  onSave,
}: {
  account: StaffAccount | null;
  open: boolean;
  onClose: () => void;
  onSave: (values: NewAccount) => Promise<void>;
}) {
  const [form] = Form.useForm<FormValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const halls = useQuery({
    queryKey: ['halls'],
    queryFn: () => api<{ items: { id: number; name: string }[] }>('/api/staff/halls'),
    enabled: open,
  });
  const nationwide = Form.useWatch('nationwide', form);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (account)
      form.setFieldsValue({
        username: account.username,
        displayName: account.displayName,
        roles: account.roles,
        nationwide: account.scope.divisions.includes(''),
        divisions: account.scope.divisions.filter((d) => d !== ''),
        halls: account.scope.halls,
      });
  }, [open, account]);

  const onFinish = async (v: FormValues) => {
    setBusy(true);
    setError(null);
    try {
      await onSave({
        username: v.username,
        displayName: v.displayName,
        roles: v.roles,
        scope: { divisions: v.nationwide ? [''] : (v.divisions ?? []), halls: v.halls ?? [] },
      });
    } catch (err) {
      setError(reason(err));
      if (err instanceof ApiError && err.fields)
        form.setFields(Object.entries(err.fields).map(([name, msg]) => ({ name, errors: [msg] })) as never);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer
      title={account ? `编辑账号：${account.username}` : '新建账号'}
      open={open}
      onClose={onClose}
      size={480}
      destroyOnHidden
      extra={
        <Space>
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={busy} onClick={() => form.submit()} data-testid="account-save">
            保存
          </Button>
        </Space>
      }
    >
      {error && <Alert type="error" showIcon title={error} className="form-alert" data-testid="account-error" />}
      <Form
        form={form}
        layout="vertical"
        onFinish={onFinish}
        requiredMark={false}
        initialValues={{ roles: [], nationwide: false, divisions: [], halls: [] }}
      >
        <Form.Item
          name="username"
          label="用户名"
          rules={[
            { required: true, message: '请填写用户名' },
            { pattern: /^[a-z][a-z0-9_.-]{2,31}$/, message: '用户名为3-32位小写字母、数字或 _ . -，以字母开头' },
          ]}
        >
          <Input disabled={Boolean(account)} placeholder="如 hall.chaoyang2" data-testid="account-username" />
        </Form.Item>
        <Form.Item name="displayName" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
          <Input maxLength={32} data-testid="account-name" />
        </Form.Item>
        <Form.Item name="roles" label="角色" rules={[{ required: true, message: '至少选择一个角色' }]}>
          <Checkbox.Group
            options={ALL_ROLES.map((r) => ({ value: r, label: ROLE_NAMES[r] }))}
            data-testid="account-roles"
          />
        </Form.Item>
        <Form.Item name="nationwide" label="管辖范围" valuePropName="checked" extra="全国：可查看和处理所有地区的记录">
          <Switch checkedChildren="全国" unCheckedChildren="按地区" />
        </Form.Item>
        {!nationwide && (
          <Form.Item
            name="divisions"
            label="行政区划代码前缀"
            extra="输入后回车，如 11（北京市）、110105（朝阳区）、110105001（建外街道）、110105001024（村/社区）"
            rules={[
              {
                validator: (_, v: string[] = []) =>
                  v.every((d) => DIVISION.test(d))
                    ? Promise.resolve()
                    : Promise.reject(new Error('区划前缀应为2、4、6、9或12位数字')),
              },
            ]}
          >
            <Select mode="tags" open={false} tokenSeparators={[',', '，', ' ']} data-testid="account-divisions" />
          </Form.Item>
        )}
        <Form.Item name="halls" label="另可负责的服务大厅" extra="在上面的地区之外，单独指定的大厅">
          <Select
            mode="multiple"
            loading={halls.isPending}
            optionFilterProp="label"
            options={(halls.data?.items ?? []).map((h) => ({ value: h.id, label: h.name }))}
            notFoundContent={halls.error ? reason(halls.error) : '暂无服务大厅'}
          />
        </Form.Item>
        {!account && (
          <Alert
            type="info"
            showIcon
            title="保存后系统生成一次性密码，仅显示一次；对方首次登录时须设置自己的新密码。"
          />
        )}
      </Form>
    </Drawer>
  );
}
