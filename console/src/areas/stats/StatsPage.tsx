import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, message, Segmented, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, download, reason } from '../../app/api';
import { DELIVERY_CHANNEL_LABELS } from '@minzheng/contracts';
import { beijingToday } from '../../app/beijing';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { Chart, type ChartData } from './Chart';

function Panel({
  title,
  name,
  range,
  toChart,
  id = name,
  note,
}: {
  title: string;
  name: 'bookings' | 'queue' | 'complaints' | 'notices' | 'followers';
  range: { from: string; to: string };
  toChart: (data: never) => ChartData;
  /** Two panels may read one dashboard (the queue by hall and by hour). */
  id?: string;
  /** What the numbers mean, under the chart. */
  note?: string;
}) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  const query = useQuery({
    queryKey: ['stats', name, range.from, range.to],
    queryFn: () => api(`/api/staff/stats/${name}`, { query: range }),
  });
  const excel = () =>
    download(`/api/staff/stats/${name}`, `${title}.xlsx`, { ...range, format: 'xlsx' }).catch((err) =>
      message.error(reason(err)),
    );
  return (
    <Card
      title={title}
      data-testid={`stats-${id}`}
      extra={
        <Space>
          <Segmented
            value={view}
            onChange={(v) => setView(v as 'chart' | 'table')}
            options={[
              { label: '图表', value: 'chart' },
              { label: '表格', value: 'table' },
            ]}
            data-testid={`stats-${id}-view`}
          />
          <Button onClick={excel}>下载 Excel</Button>
        </Space>
      }
      style={{ marginBottom: 16 }}
    >
      <Async query={query}>
        {(data) => {
          const chart = toChart(data as never);
          if (!chart.categories.length) return <EmptyState text="所选期间暂无数据" />;
          const noteLine = note && <div style={{ color: '#666', marginTop: 8 }}>{note}</div>;
          if (view === 'chart')
            return (
              <>
                <Chart data={chart} testId={`stats-${id}`} />
                {noteLine}
              </>
            );
          return (
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              data-testid={`stats-${id}-table`}
              footer={note ? () => note : undefined}
              columns={[
                { title: '项目', dataIndex: 'key' },
                ...chart.series.map((s, i) => ({ title: s.name, dataIndex: `s${i}` })),
              ]}
              dataSource={chart.categories.map((key, row) => ({
                key,
                ...Object.fromEntries(chart.series.map((s, i) => [`s${i}`, s.data[row] ?? '—'])),
              }))}
            />
          );
        }}
      </Async>
    </Card>
  );
}

type Bookings = {
  halls: Array<{ hallName: string; made: number; cancelled: number; noShow: number; noShowRate: number | null }>;
};
type Wait = { called: number; medianMinutes: number | null; p90Minutes: number | null };
type Queue = {
  halls: Array<{ hallName: string } & Wait>;
  hours: Array<{ hour: number } & Wait>;
};
type Notices = {
  channels: Array<{
    channel: keyof typeof DELIVERY_CHANNEL_LABELS;
    sent: number;
    delivered: number;
    failed: number;
    rate: number | null;
  }>;
};
type Followers = { days: Array<{ date: string; followed: number; unfollowed: number; following: number }> };
type Complaints = {
  days: Array<{ date: string; submitted: number; accepted: number; answered: number; rejected: number }>;
};

/** 统计分析: the numbers of one's own halls and region, from the server's roll-ups. */
export default function StatsPage() {
  const [dates, setDates] = useState<[Dayjs, Dayjs]>(() => {
    const today = dayjs(beijingToday());
    return [today.subtract(29, 'day'), today];
  });
  const range = { from: dates[0].format('YYYY-MM-DD'), to: dates[1].format('YYYY-MM-DD') };
  return (
    <>
      <PageHeader
        title="统计分析"
        sub="仅含您所辖大厅与地区的数据"
        extra={
          <DatePicker.RangePicker
            value={dates}
            allowClear={false}
            onChange={(v) => v?.[0] && v[1] && setDates([v[0], v[1]])}
            data-testid="stats-range"
          />
        }
      />
      <Panel
        title="预约（按大厅）"
        name="bookings"
        range={range}
        toChart={(d: Bookings) => ({
          categories: d.halls.map((h) => h.hallName),
          series: [
            { name: '预约', type: 'bar', data: d.halls.map((h) => h.made) },
            { name: '取消', type: 'bar', data: d.halls.map((h) => h.cancelled) },
            { name: '未到场', type: 'bar', data: d.halls.map((h) => h.noShow) },
          ],
        })}
      />
      <Panel
        title="排队等候（分钟）"
        name="queue"
        range={range}
        toChart={(d: Queue) => ({
          categories: d.halls.map((h) => h.hallName),
          series: [
            { name: '叫号数', type: 'bar', data: d.halls.map((h) => h.called) },
            { name: '等候中位数', type: 'bar', data: d.halls.map((h) => h.medianMinutes) },
            { name: '等候90%分位', type: 'bar', data: d.halls.map((h) => h.p90Minutes) },
          ],
        })}
      />
      <Panel
        title="排队等候（按时段，分钟）"
        name="queue"
        id="queue-hours"
        range={range}
        toChart={(d: Queue) => ({
          categories: d.hours.map((h) => `${h.hour}:00`),
          series: [
            { name: '叫号数', type: 'bar', data: d.hours.map((h) => h.called) },
            { name: '等候中位数', type: 'line', data: d.hours.map((h) => h.medianMinutes) },
            { name: '等候90%分位', type: 'line', data: d.hours.map((h) => h.p90Minutes) },
          ],
        })}
      />
      <Panel
        title="投诉办理（按日）"
        name="complaints"
        range={range}
        toChart={(d: Complaints) => ({
          categories: d.days.map((x) => x.date),
          series: [
            { name: '新收', type: 'line', data: d.days.map((x) => x.submitted) },
            { name: '受理', type: 'line', data: d.days.map((x) => x.accepted) },
            { name: '答复', type: 'line', data: d.days.map((x) => x.answered) },
            { name: '不予受理', type: 'line', data: d.days.map((x) => x.rejected) },
          ],
        })}
      />
      <Panel
        title="通知送达（按渠道）"
        name="notices"
        range={range}
        note="公众号消息的成功率为已送达占已知结果（已送达+失败）的比例；小程序订阅消息没有送达回执，成功率为微信已接收的比例。通知属全平台，仅全国范围的账号可见。"
        toChart={(d: Notices) => {
          const used = d.channels.filter((c) => c.sent + c.delivered + c.failed > 0);
          return {
            // The rate rides on the label: on the counts' axis a percentage would be a sliver.
            categories: used.map(
              (c) => `${DELIVERY_CHANNEL_LABELS[c.channel]}（成功率 ${c.rate === null ? '—' : `${c.rate}%`}）`,
            ),
            series: [
              { name: '已发送', type: 'bar', data: used.map((c) => c.sent) },
              { name: '已送达', type: 'bar', data: used.map((c) => c.delivered) },
              { name: '失败', type: 'bar', data: used.map((c) => c.failed) },
            ],
          };
        }}
      />
      <Panel
        title="公众号关注人数（按日）"
        name="followers"
        range={range}
        note="关注人数为每日结束时的人数；经大厅二维码关注的计入该大厅及所在地区。"
        toChart={(d: Followers) =>
          d.days.some((x) => x.following || x.followed || x.unfollowed)
            ? {
                categories: d.days.map((x) => x.date),
                series: [
                  { name: '关注人数', type: 'line', data: d.days.map((x) => x.following) },
                  { name: '新关注', type: 'bar', data: d.days.map((x) => x.followed) },
                  { name: '取消关注', type: 'bar', data: d.days.map((x) => x.unfollowed) },
                ],
              }
            : { categories: [], series: [] }
        }
      />
    </>
  );
}
