import { useQuery } from '@tanstack/react-query';
import { Button, Typography } from 'antd';
import { Link, useParams } from 'react-router';
import { ErrorState, Loading } from '../../app/states';
import { volunteerApi } from './api';

/**
 * The on-site code, full screen: a new QR every 20 s (each valid 60 s), so a photo sent to
 * someone at home stops working within a minute. Only its hash is kept on the server.
 */
export default function CodeScreen() {
  const id = Number(useParams().id);
  const code = useQuery({
    queryKey: ['volunteer', 'code', id],
    queryFn: () => volunteerApi.code(id),
    refetchInterval: 20_000,
    refetchIntervalInBackground: true,
    gcTime: 0,
  });
  if (code.isPending) return <Loading tip="正在生成签到码…" />;
  if (code.error || !code.data) return <ErrorState error={code.error} retry={() => code.refetch()} />;
  return (
    <div
      style={{
        position: 'fixed',
        inset: 0,
        background: '#fff',
        zIndex: 1000,
        display: 'flex',
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'center',
        gap: 16,
      }}
      data-testid="code-screen"
    >
      <Typography.Title level={2}>扫码签到 / 签退</Typography.Title>
      <img src={code.data.qr} alt="现场签到码" style={{ width: 'min(70vh, 80vw)', height: 'min(70vh, 80vw)' }} />
      <Typography.Text type="secondary">
        二维码每 20 秒自动更新，截图转发无效 · 第 {code.data.version} 版
      </Typography.Text>
      <Typography.Text copyable style={{ fontSize: 12 }} data-testid="code-text">
        {code.data.code}
      </Typography.Text>
      <Link to={`/volunteer/activities/${id}`}>
        <Button>退出全屏</Button>
      </Link>
    </div>
  );
}
