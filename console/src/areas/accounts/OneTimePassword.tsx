import { Alert, Modal, Typography } from 'antd';

/** The generated password, shown once: the console keeps no copy. */
export function OneTimePassword({
  value,
  onClose,
}: {
  value: { username: string; password: string } | null;
  onClose: () => void;
}) {
  return (
    <Modal
      open={Boolean(value)}
      title="一次性密码"
      onOk={onClose}
      onCancel={onClose}
      cancelButtonProps={{ style: { display: 'none' } }}
      okText="我已记下"
      maskClosable={false}
      destroyOnHidden
    >
      {value && (
        <>
          <p>
            账号 <b>{value.username}</b> 的一次性密码：
          </p>
          <Typography.Paragraph copyable className="one-time-password" data-testid="one-time-password">
            {value.password}
          </Typography.Paragraph>
          <Alert
            type="warning"
            showIcon
            title="此密码只显示这一次，请当面或通过安全渠道交给本人。对方登录后须立即设置自己的新密码。"
          />
        </>
      )}
    </Modal>
  );
}
