import { PlusOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { download, reason } from '../../../app/api';
import { ErrorState } from '../../../app/states';
import { type EntryCode, type HallWindow, hallKeys, hallsApi } from '../api';
import { useServiceNames } from '../useHall';

/**
 * The codes on the hall's wall: one for the hall, a window or a service; each downloads as a PNG
 * (mini-program code and public-account QR) and can be withdrawn alone (a poster taken down).
 */
export function EntryCodesTab({ hallId, windows }: { hallId: number; windows: HallWindow[] }) {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const { names } = useServiceNames();
  const [windowNumber, setWindowNumber] = useState<string | undefined>();
  const [serviceCode, setServiceCode] = useState<string | undefined>();
  const query = useQuery({ queryKey: hallKeys.entryCodes(hallId), queryFn: () => hallsApi.entryCodes(hallId) });
  const refresh = () => queryClient.invalidateQueries({ queryKey: hallKeys.entryCodes(hallId) });
  const create = useMutation({
    mutationFn: () => hallsApi.createEntryCode(hallId, { windowNumber, serviceCode }),
    onSuccess: () => {
      refresh();
      message.success('二维码已生成');
    },
    onError: (err) => message.error(reason(err)),
  });
  const withdraw = useMutation({
    mutationFn: (id: number) => hallsApi.withdrawEntryCode(hallId, id),
    onSuccess: () => {
      refresh();
      message.success('二维码已撤回，扫码将提示已失效');
    },
    onError: (err) => message.error(reason(err)),
  });
  const get = async (e: EntryCode, kind: 'wxacode' | 'mp-qrcode') => {
    try {
      await download(
        `/api/staff/halls/${hallId}/entry-codes/${e.id}/${kind}.png`,
        `hall-${hallId}-code-${e.id}-${kind === 'wxacode' ? 'miniprogram' : 'public-account'}.png`,
      );
    } catch (err) {
      message.error(reason(err));
    }
  };
  const services = [...new Set(windows.flatMap((w) => w.serviceCodes))];

  return (
    <Card>
      <Space wrap className="desk-toolbar">
        <Select
          allowClear
          placeholder="整个大厅（可选窗口）"
          style={{ width: 200 }}
          value={windowNumber}
          onChange={setWindowNumber}
          options={windows.map((w) => ({ value: w.number, label: `${w.number} 号窗口 · ${w.name}` }))}
        />
        <Select
          allowClear
          placeholder="全部事项（可选事项）"
          style={{ width: 200 }}
          value={serviceCode}
          onChange={setServiceCode}
          options={services.map((c) => ({ value: c, label: names.get(c) ?? c }))}
        />
        <Button type="primary" icon={<PlusOutlined />} loading={create.isPending} onClick={() => create.mutate()}>
          生成二维码
        </Button>
      </Space>
      {query.error ? (
        <ErrorState error={query.error} retry={() => query.refetch()} />
      ) : (
        <Table<EntryCode>
          rowKey="id"
          size="small"
          loading={query.isPending}
          dataSource={query.data?.items ?? []}
          pagination={false}
          locale={{ emptyText: '还没有二维码' }}
          data-testid="entry-codes"
          columns={[
            { title: '编号', dataIndex: 'id', width: 60 },
            {
              title: '位置',
              key: 'where',
              render: (_, e) =>
                [
                  e.windowNumber ? `${e.windowNumber} 号窗口` : '整个大厅',
                  e.serviceCode ? (names.get(e.serviceCode) ?? e.serviceCode) : null,
                ]
                  .filter(Boolean)
                  .join(' · '),
            },
            { title: '生成时间', dataIndex: 'createdAt', render: (t: string) => new Date(t).toLocaleString('zh-CN') },
            {
              title: '状态',
              dataIndex: 'withdrawn',
              width: 80,
              render: (w: boolean) => (w ? <Tag>已撤回</Tag> : <Tag color="green">有效</Tag>),
            },
            {
              title: '',
              key: 'actions',
              width: 280,
              render: (_, e) =>
                e.withdrawn ? null : (
                  <Space size={0}>
                    <Button type="link" size="small" onClick={() => get(e, 'wxacode')}>
                      下载小程序码
                    </Button>
                    <Button type="link" size="small" onClick={() => get(e, 'mp-qrcode')}>
                      下载公众号二维码
                    </Button>
                    <Popconfirm
                      title="撤回此二维码？"
                      description="撤回后扫码将提示已失效，无法恢复。"
                      onConfirm={() => withdraw.mutate(e.id)}
                    >
                      <Button type="link" size="small" danger>
                        撤回
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
            },
          ]}
        />
      )}
    </Card>
  );
}
