import { App as AntApp, Button, Card, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { PasswordForm } from './PasswordForm';
import { useSession } from './session';

/** Before anything else: an account with a one-time or reset password sets its own. */
export function ForcedPasswordChange() {
  const session = useSession();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  return (
    <div className="signin">
      <Card className="signin__card signin__card--wide" data-testid="forced-password">
        <Typography.Title level={4}>请先设置新密码</Typography.Title>
        <Typography.Paragraph type="secondary">
          您的密码是初始密码或由管理员重置的临时密码，设置您自己的新密码后才能继续使用工作台。
        </Typography.Paragraph>
        <PasswordForm
          onDone={(r) => {
            session.passwordChanged(r);
            message.success('密码已修改');
            navigate('/', { replace: true });
          }}
        />
        <Button type="link" className="signin__other" onClick={() => session.signOut()}>
          退出登录
        </Button>
      </Card>
    </div>
  );
}
