import { App as AntApp, Card } from 'antd';
import { PasswordForm } from '../../app/PasswordForm';
import { PageHeader } from '../../app/PageHeader';
import { useSession } from '../../app/session';

export default function ChangePasswordPage() {
  const session = useSession();
  const { message } = AntApp.useApp();
  return (
    <>
      <PageHeader title="修改密码" />
      <Card className="narrow-card">
        <PasswordForm
          onDone={(r) => {
            session.passwordChanged(r);
            message.success('密码已修改，下次登录请使用新密码');
          }}
        />
      </Card>
    </>
  );
}
