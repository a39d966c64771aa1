import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Segmented, Statistic, Table } from 'antd';
import { type ReactNode, useState } from 'react';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { Chart, type ChartData } from '../stats/Chart';
import {
  assistanceAdminApi,
  type CaseAmounts,
  type CaseStatistics,
  type PaymentStatistics,
  type PaymentSums,
  paymentsApi,
} from './api';

function Panel({ title, testId, data, empty }: { title: string; testId: string; data: ChartData; empty: string }) {
  const [view, setView] = useState<'chart' | 'table'>('chart');
  let body: ReactNode;
  if (!data.categories.length) body = <EmptyState text={empty} />;
  else if (view === 'chart') body = <Chart data={data} testId={testId} height={280} />;
  else
    body = (
      <Table
        size="small"
        pagination={false}
        rowKey="key"
        data-testid={`${testId}-table`}
        columns={[
          { title: '项目', dataIndex: 'key' },
          ...data.series.map((s, i) => ({ title: s.name, dataIndex: `s${i}` })),
        ]}
        dataSource={data.categories.map((key, row) => ({
          key,
          ...Object.fromEntries(data.series.map((s, i) => [`s${i}`, s.data[row]])),
        }))}
      />
    );
  return (
    <Card
      title={title}
      data-testid={testId}
      style={{ marginBottom: 16 }}
      extra={
        <Segmented
          value={view}
          onChange={(v) => setView(v as 'chart' | 'table')}
          options={[
            { label: '图表', value: 'chart' },
            { label: '表格', value: 'table' },
          ]}
          data-testid={`${testId}-view`}
        />
      }
    >
      {body}
    </Card>
  );
}

const counts = (rows: { open: number; near: number; overdue: number }[]): ChartData['series'] => [
  { name: '在办', type: 'bar', data: rows.map((r) => r.open) },
  { name: '即将超期', type: 'bar', data: rows.map((r) => r.near) },
  { name: '已超期', type: 'bar', data: rows.map((r) => r.overdue) },
];
const yuanOf = (cents: number) => Math.round(cents) / 100;

/**
 * 救助统计: cases of my divisions by type, stage and county (在办 / 即将超期 / 已超期, from the
 * daily clock's roll-up), the amounts paid by month and county (from the 发放记录 of 低保 and 特困)
 * and the amounts granted by month and county; each as a chart or a table.
 */
export default function StatisticsPage() {
  const stats = useQuery({ queryKey: ['assistance', 'statistics'], queryFn: assistanceAdminApi.statistics });
  const amounts = useQuery({ queryKey: ['assistance', 'amounts'], queryFn: assistanceAdminApi.amounts });
  const paid = useQuery({ queryKey: ['assistance', 'payments', 'statistics'], queryFn: paymentsApi.statistics });
  const paidSeries = (rows: PaymentSums[]): ChartData['series'] => [
    { name: '已发放（元）', type: 'bar', data: rows.map((r) => yuanOf(r.paidCents)) },
    { name: '待发放（元）', type: 'bar', data: rows.map((r) => yuanOf(r.pendingCents)) },
    { name: '发放失败（元）', type: 'bar', data: rows.map((r) => yuanOf(r.failedCents)) },
    { name: '发放笔数', type: 'line', data: rows.map((r) => r.cases) },
  ];
  return (
    <>
      <PageHeader title="社会救助 · 统计" sub="仅含您所辖地区的案件；在办与超期数据每日更新。" />
      <Async query={stats}>
        {(s: CaseStatistics) => (
          <>
            <Row gutter={16} style={{ marginBottom: 16 }} data-testid="case-totals">
              <Col span={6}>
                <Card>
                  <Statistic title="在办案件" value={s.total.open} />
                </Card>
              </Col>
              <Col span={6}>
                <Card>
                  <Statistic title="即将超期" value={s.total.near} />
                </Card>
              </Col>
              <Col span={6}>
                <Card>
                  <Statistic title="已超期" value={s.total.overdue} valueStyle={{ color: '#cf1322' }} />
                </Card>
              </Col>
              <Col span={6}>
                <Card>
                  <Statistic title="统计日期" value={s.day ?? '尚未统计'} />
                </Card>
              </Col>
            </Row>
            <Panel
              title="按类别"
              testId="stats-type"
              empty="暂无在办案件"
              data={{ categories: s.byType.map((t) => t.typeName), series: counts(s.byType) }}
            />
            <Panel
              title="按办理环节"
              testId="stats-stage"
              empty="暂无在办案件"
              data={{ categories: s.byStage.map((t) => `${t.stageName}`), series: counts(s.byStage) }}
            />
            <Panel
              title="按区县"
              testId="stats-county"
              empty="暂无在办案件"
              data={{ categories: s.byCounty.map((t) => t.countyName), series: counts(s.byCounty) }}
            />
          </>
        )}
      </Async>
      <Async query={paid}>
        {(a: PaymentStatistics) => (
          <>
            <Panel
              title={`发放金额（低保、特困，按月份，元；${a.from}至${a.to}）`}
              testId="stats-paid-month"
              empty="暂无发放记录"
              data={{ categories: a.months.map((m) => m.month), series: paidSeries(a.months) }}
            />
            <Panel
              title="发放金额（低保、特困，按区县，元）"
              testId="stats-paid-county"
              empty="暂无发放记录"
              data={{ categories: a.counties.map((c) => c.countyName), series: paidSeries(a.counties) }}
            />
          </>
        )}
      </Async>
      <Async query={amounts}>
        {(a: CaseAmounts) => (
          <>
            <Panel
              title="批准金额（按批准月份，元）"
              testId="stats-amount-month"
              empty="暂无批准的救助"
              data={{
                categories: a.byMonth.map((m) => m.month),
                series: [
                  { name: '批准金额（元）', type: 'bar', data: a.byMonth.map((m) => yuanOf(m.amountCents)) },
                  { name: '批准件数', type: 'line', data: a.byMonth.map((m) => m.cases) },
                ],
              }}
            />
            <Panel
              title="批准金额（按区县，元）"
              testId="stats-amount-county"
              empty="暂无批准的救助"
              data={{
                categories: a.byCounty.map((c) => c.countyName),
                series: [
                  { name: '批准金额（元）', type: 'bar', data: a.byCounty.map((c) => yuanOf(c.amountCents)) },
                  { name: '批准件数', type: 'bar', data: a.byCounty.map((c) => c.cases) },
                ],
              }}
            />
          </>
        )}
      </Async>
    </>
  );
}
