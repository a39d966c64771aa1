import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import { api, reason } from './api';
import type { Staff } from './types';

/** The same rule the server keeps for staff passwords. */
export const PASSWORD_RULES = [
  { required: true, message: '请输入新密码' },
  { min: 12, message: '密码至少12位' },
  {
    validator: (_: unknown, v: string) =>
      !v || (/[A-Za-z]/.test(v) && /\d/.test(v))
        ? Promise.resolve()
        : Promise.reject(new Error('密码须同时包含字母和数字')),
  },
];

export interface PasswordChanged {
  token?: string;
  expiresAt?: string;
  staff?: Staff;
}

/**
 * Old password, new password twice; the server says why when it refuses (and ends the account's
 * other sessions, answering with a new token for this one).
 */
export function PasswordForm({ onDone }: { onDone: (r: PasswordChanged) => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm();

  const onFinish = async (v: { oldPassword: string; newPassword: string }) => {
    setBusy(true);
    setError(null);
    try {
      const r = await api<PasswordChanged>('/api/staff/me/password', {
        method: 'POST',
        body: { oldPassword: v.oldPassword, newPassword: v.newPassword },
      });
      form.resetFields();
      onDone(r ?? {});
    } catch (err) {
      setError(reason(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Form form={form} layout="vertical" onFinish={onFinish} requiredMark={false} className="password-form">
      {error && <Alert type="error" showIcon title={error} className="form-alert" data-testid="password-error" />}
      <Form.Item name="oldPassword" label="原密码" rules={[{ required: true, message: '请输入原密码' }]}>
        <Input.Password autoComplete="current-password" data-testid="old-password" />
      </Form.Item>
      <Form.Item name="newPassword" label="新密码" rules={PASSWORD_RULES} extra="至少12位，须同时包含字母和数字">
        <Input.Password autoComplete="new-password" data-testid="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label="再次输入新密码"
        dependencies={['newPassword']}
        rules={[
          { required: true, message: '请再次输入新密码' },
          ({ getFieldValue }) => ({
            validator: (_, v) =>
              !v || v === getFieldValue('newPassword')
                ? Promise.resolve()
                : Promise.reject(new Error('两次输入的新密码不一致')),
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid="confirm-password" />
      </Form.Item>
      <Button type="primary" htmlType="submit" loading={busy} data-testid="save-password">
        修改密码
      </Button>
    </Form>
  );
}
