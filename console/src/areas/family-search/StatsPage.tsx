import { useQuery } from '@tanstack/react-query';
import { Card, Col, DatePicker, Row, Statistic, Table } from 'antd';
import dayjs from 'dayjs';
import { useState } from 'react';
import { beijingToday } from '../../app/beijing';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { type FamilyStats, wandererApi } from './api';

/** 救助寻亲统计: notices found in the range by status, reunions per month, median days in care, by county. */
export default function StatsPage() {
  const today = beijingToday();
  const [range, setRange] = useState<[string, string]>([dayjs(today).subtract(365, 'day').format('YYYY-MM-DD'), today]);
  const query = useQuery({
    queryKey: ['family-search', 'stats', ...range],
    queryFn: () => wandererApi.stats(range[0], range[1]),
  });
  return (
    <>
      <PageHeader title="救助寻亲 · 统计" sub="按发现日期统计本站辖区的寻亲公告；在站天数为发现日至标记团聚之日。" />
      <DatePicker.RangePicker
        style={{ marginBottom: 16 }}
        value={[dayjs(range[0]), dayjs(range[1])]}
        allowClear={false}
        onChange={(v) => v?.[0] && v[1] && setRange([v[0].format('YYYY-MM-DD'), v[1].format('YYYY-MM-DD')])}
      />
      <Async query={query}>
        {(s: FamilyStats) =>
          s.total === 0 ? (
            <EmptyState text="该时段暂无寻亲公告" />
          ) : (
            <>
              <Row gutter={16} style={{ marginBottom: 16 }}>
                <Col span={6}>
                  <Card size="small">
                    <Statistic title="公告总数" value={s.total} />
                  </Card>
                </Col>
                {s.byStatus.map((b) => (
                  <Col span={3} key={b.status}>
                    <Card size="small" data-testid={`stat-${b.status}`}>
                      <Statistic title={b.label} value={b.count} />
                    </Card>
                  </Col>
                ))}
                <Col span={3}>
                  <Card size="small">
                    <Statistic title="在站天数中位数" value={s.medianDaysToReunion ?? '—'} suffix="天" />
                  </Card>
                </Col>
              </Row>
              <Row gutter={16}>
                <Col span={10}>
                  <Card size="small" title="每月结案">
                    <Table
                      rowKey="month"
                      size="small"
                      pagination={false}
                      dataSource={s.byMonth}
                      columns={[
                        { title: '月份', dataIndex: 'month' },
                        { title: '团聚', dataIndex: 'reunited' },
                        { title: '安置', dataIndex: 'placed' },
                      ]}
                    />
                  </Card>
                </Col>
                <Col span={14}>
                  <Card size="small" title="按发现地县区">
                    <Table
                      rowKey="divisionCode"
                      size="small"
                      pagination={false}
                      dataSource={s.byRegion}
                      columns={[
                        { title: '区划代码', dataIndex: 'divisionCode' },
                        { title: '公告', dataIndex: 'total' },
                        { title: '团聚', dataIndex: 'reunited' },
                        {
                          title: '在站天数中位数',
                          dataIndex: 'medianDaysToReunion',
                          render: (v: number | null) => v ?? '—',
                        },
                      ]}
                    />
                  </Card>
                </Col>
              </Row>
            </>
          )
        }
      </Async>
    </>
  );
}
