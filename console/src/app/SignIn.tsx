import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { reason } from './api';
import { useSession } from './session';

/** Staff sign in with the account an administrator gave them (lockout and rate limit are the server's). */
export function SignIn() {
  const session = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const from = (location.state as { from?: string } | null)?.from;
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  if (session.staff && !busy) return <Navigate to={from ?? '/'} replace />;

  const onFinish = async (v: { username: string; password: string }) => {
    setBusy(true);
    setError(null);
    try {
      const staff = await session.signIn(v.username.trim(), v.password);
      navigate(staff.mustChangePassword ? '/account/password' : (from ?? '/'), { replace: true });
    } catch (err) {
      setError(reason(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="signin">
      <Card className="signin__card">
        <div className="signin__title">
          <img src={`${import.meta.env.BASE_URL}emblem.svg`} alt="" width={40} height={40} />
          <Typography.Title level={3}>民政服务工作台</Typography.Title>
        </div>
        {session.endedBecause && !error && (
          <Alert type="info" showIcon title={session.endedBecause} className="signin__alert" />
        )}
        {error && <Alert type="error" showIcon title={error} className="signin__alert" data-testid="signin-error" />}
        <Form layout="vertical" onFinish={onFinish} requiredMark={false} size="large">
          <Form.Item name="username" label="用户名" rules={[{ required: true, message: '请输入用户名' }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="username" />
          </Form.Item>
          <Form.Item name="password" label="密码" rules={[{ required: true, message: '请输入密码' }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="signin">
            登录
          </Button>
        </Form>
        <Typography.Paragraph type="secondary" className="signin__hint">
          忘记密码请联系系统管理员重置。连续输错 5 次密码，账号将锁定 15 分钟。
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
