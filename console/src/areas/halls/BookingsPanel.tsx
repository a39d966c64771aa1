import type { BookingStatus } from '@minzheng/contracts';
import { DownloadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, DatePicker, Input, Popconfirm, Space, Table, Tag } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { download, reason } from '../../app/api';
import { ErrorState } from '../../app/states';
import { beijingToday } from '../../app/beijing';
import { type DeskBooking, hallKeys, hallsApi } from './api';

const STATUS_COLOR: Record<BookingStatus, string> = {
  confirmed: 'blue',
  checked_in: 'green',
  completed: 'default',
  no_show: 'orange',
  cancelled: 'default',
  awaiting_partner: 'gold',
  lapsed: 'default',
};

/** 今日预约: the day's list with search, one click to check in, mark 未到场 or 办结; the Excel list. */
export function BookingsPanel({ hallId }: { hallId: number }) {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [date, setDate] = useState(beijingToday());
  const [search, setSearch] = useState('');
  const query = useQuery({
    queryKey: hallKeys.bookings(hallId, date),
    queryFn: () => hallsApi.bookings(hallId, date),
    refetchInterval: 60_000,
  });
  const act = useMutation({
    mutationFn: ({ code, action }: { code: string; action: 'check-in' | 'no-show' | 'complete' }) =>
      action === 'check-in'
        ? hallsApi.checkIn(hallId, code)
        : action === 'no-show'
          ? hallsApi.noShow(hallId, code)
          : hallsApi.complete(hallId, code),
    onSuccess: (_, { action }) => {
      message.success({ 'check-in': '已签到', 'no-show': '已标记未到场', complete: '已办结' }[action]);
      queryClient.invalidateQueries({ queryKey: ['halls', hallId] });
    },
    onError: (err) => message.error(reason(err)),
  });
  const [exporting, setExporting] = useState(false);
  const exportDay = async () => {
    setExporting(true);
    try {
      await download(`/api/staff/halls/${hallId}/bookings.xlsx`, `预约名单-${date}.xlsx`, { date });
    } catch (err) {
      message.error(reason(err));
    } finally {
      setExporting(false);
    }
  };

  const words = search.trim().toUpperCase();
  const rows = (query.data?.items ?? []).filter(
    (b) =>
      !words ||
      b.code.includes(words) ||
      b.serviceName.toUpperCase().includes(words) ||
      (b.booker?.name ?? '').includes(search.trim()) ||
      (b.partner?.name ?? '').includes(search.trim()),
  );
  const isToday = date === beijingToday();

  return (
    <>
      <Space wrap className="desk-toolbar">
        <DatePicker
          value={dayjs(date)}
          onChange={(d) => d && setDate(d.format('YYYY-MM-DD'))}
          allowClear={false}
          data-testid="bookings-date"
        />
        <Input.Search
          placeholder="预约码、姓名或事项"
          allowClear
          onChange={(e) => setSearch(e.target.value)}
          style={{ width: 200 }}
          data-testid="bookings-search"
        />
        <Button icon={<DownloadOutlined />} loading={exporting} onClick={exportDay} data-testid="bookings-export">
          导出 Excel
        </Button>
      </Space>
      {query.error ? (
        <ErrorState error={query.error} retry={() => query.refetch()} />
      ) : (
        <Table<DeskBooking>
          rowKey="code"
          size="small"
          loading={query.isPending}
          dataSource={rows}
          pagination={false}
          scroll={{ x: 620 }}
          data-testid="bookings"
          locale={{ emptyText: search ? '没有符合条件的预约' : `${isToday ? '今天' : date}没有预约` }}
          columns={[
            { title: '时段', dataIndex: 'time', width: 100 },
            { title: '预约码', dataIndex: 'code', width: 96 },
            {
              title: '事项',
              dataIndex: 'serviceName',
              width: 150,
              ellipsis: true,
              render: (name: string, b) => `${name}${b.visit === 2 ? '（第二次到场）' : ''}`,
            },
            {
              title: '预约人',
              key: 'people',
              width: 90,
              render: (_, b) => [b.booker?.name, b.partner?.name].filter(Boolean).join('、') || '—',
            },
            {
              title: '状态',
              dataIndex: 'statusText',
              width: 84,
              render: (text: string, b) => <Tag color={STATUS_COLOR[b.status]}>{text}</Tag>,
            },
            {
              title: '',
              key: 'actions',
              width: 130,
              render: (_, b) => (
                <Space size={0}>
                  {b.status === 'confirmed' && isToday && (
                    <Button type="link" size="small" onClick={() => act.mutate({ code: b.code, action: 'check-in' })}>
                      签到
                    </Button>
                  )}
                  {b.status === 'confirmed' && date <= beijingToday() && (
                    <Popconfirm
                      title="标记为未到场？"
                      description="将通知预约人；多次未到场会暂停其预约资格。"
                      onConfirm={() => act.mutate({ code: b.code, action: 'no-show' })}
                    >
                      <Button type="link" size="small" danger>
                        未到场
                      </Button>
                    </Popconfirm>
                  )}
                  {b.status === 'checked_in' && (
                    <Button type="link" size="small" onClick={() => act.mutate({ code: b.code, action: 'complete' })}>
                      办结
                    </Button>
                  )}
                </Space>
              ),
            },
          ]}
        />
      )}
    </>
  );
}
