import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Alert, Button, Card, Descriptions, Popconfirm, Space, Typography } from 'antd';
import { useState } from 'react';
import { reason } from '../../../app/api';
import { ErrorState, Loading } from '../../../app/states';
import { hallKeys, hallsApi } from '../api';

/**
 * The TV display's address: a token made here, shown once inside the address's fragment (so it
 * never reaches a server log). Making a new one retires the old; withdrawing stops every screen.
 */
export function DisplayTab({ hallId }: { hallId: number }) {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [address, setAddress] = useState<string | null>(null);
  const query = useQuery({ queryKey: hallKeys.displayToken(hallId), queryFn: () => hallsApi.displayToken(hallId) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: hallKeys.displayToken(hallId) });
  const rotate = useMutation({
    mutationFn: () => hallsApi.rotateDisplayToken(hallId),
    onSuccess: (r) => {
      setAddress(`${window.location.origin}/console/halls/${hallId}/display#token=${r.token}`);
      refresh();
    },
    onError: (err) => message.error(reason(err)),
  });
  const withdraw = useMutation({
    mutationFn: () => hallsApi.withdrawDisplayToken(hallId),
    onSuccess: () => {
      setAddress(null);
      refresh();
      message.success('叫号屏地址已停用');
    },
    onError: (err) => message.error(reason(err)),
  });
  if (query.isPending) return <Loading />;
  if (query.error) return <ErrorState error={query.error} retry={() => query.refetch()} />;
  const { set, setAt } = query.data;
  return (
    <Card>
      <Descriptions column={1} size="small" style={{ maxWidth: 640 }}>
        <Descriptions.Item label="状态">
          {set ? `已设置（${new Date(setAt!).toLocaleString('zh-CN')}）` : '未设置'}
        </Descriptions.Item>
        <Descriptions.Item label="用法">
          在大厅电视所连接的电脑上用浏览器打开叫号屏地址，点击「开始」即全屏显示并语音叫号。电视无需登录。
        </Descriptions.Item>
      </Descriptions>
      {address && (
        <Alert
          type="success"
          showIcon
          className="form-alert"
          title="叫号屏地址（只显示这一次，请在电视电脑上打开）"
          description={
            <Space direction="vertical">
              <Typography.Text copyable code data-testid="display-address">
                {address}
              </Typography.Text>
              <a href={address} target="_blank" rel="noreferrer">
                在新窗口打开
              </a>
            </Space>
          }
        />
      )}
      <Space>
        <Button type="primary" loading={rotate.isPending} onClick={() => rotate.mutate()} data-testid="display-rotate">
          {set ? '更换叫号屏地址' : '生成叫号屏地址'}
        </Button>
        {set && (
          <Popconfirm
            title="停用叫号屏地址？"
            description="所有正在显示的叫号屏将停止更新。"
            onConfirm={() => withdraw.mutate()}
          >
            <Button danger>停用</Button>
          </Popconfirm>
        )}
      </Space>
      {set && !address && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12 }}>
          更换后原地址立即失效，需在电视电脑上打开新地址。
        </Typography.Paragraph>
      )}
    </Card>
  );
}
