import { useQuery } from '@tanstack/react-query';
import { Button, Card, DatePicker, message, Segmented, Space, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { api, download, reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { Chart, type ChartData } from './Chart';

function Panel({
  title,
  name,
  range,
  toChart,
}: {
  title: string;
  name: 'bookings' | 'queue' | 'complaints';
  range: { from: string; to: string };
  toChart: (data: never) => ChartData;
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
      data-testid={`stats-${name}`}
      extra={
        <Space>
          <Segmented
            value={view}
            onChange={(v) => setView(v as 'chart' | 'table')}
            options={[
              { label: '图表', value: 'chart' },
              { label: '表格', value: 'table' },
            ]}
            data-testid={`stats-${name}-view`}
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
          if (view === 'chart') return <Chart data={chart} testId={`stats-${name}`} />;
          return (
            <Table
              size="small"
              pagination={false}
              rowKey="key"
              data-testid={`stats-${name}-table`}
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
type Queue = {
  halls: Array<{ hallName: string; called: number; medianMinutes: number | null; p90Minutes: number | null }>;
};
type Complaints = {
  days: Array<{ date: string; submitted: number; accepted: number; answered: number; rejected: number }>;
};

/** 统计分析: the numbers of one's own halls and region, from the server's roll-ups. */
export default function StatsPage() {
  const [dates, setDates] = useState<[Dayjs, Dayjs]>([dayjs().subtract(29, 'day'), dayjs()]);
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
    </>
  );
}
