import { useQuery } from '@tanstack/react-query';
import { Card, Col, Row, Statistic, Table } from 'antd';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { Chart } from '../stats/Chart';
import { socialWorkApi, socialWorkKeys } from './api';

/** 求助统计: requests by station and by category, counted from the requests themselves. */
export default function StatisticsPage() {
  const query = useQuery({ queryKey: socialWorkKeys.statistics(), queryFn: socialWorkApi.statistics });
  return (
    <>
      <PageHeader title="社会工作 · 求助统计" sub="由求助和服务记录自动汇总，无需另行填报。" />
      <Async query={query}>
        {(data) =>
          data.totals.requests === 0 ? (
            <EmptyState text="暂无求助数据" />
          ) : (
            <>
              <Row gutter={16} style={{ marginBottom: 16 }}>
                <Col span={8}>
                  <Card>
                    <Statistic title="求助总数" value={data.totals.requests} />
                  </Card>
                </Col>
                <Col span={8}>
                  <Card>
                    <Statistic title="已结案" value={data.totals.closed} />
                  </Card>
                </Col>
                <Col span={8}>
                  <Card>
                    <Statistic title="已评价" value={data.totals.rated} />
                  </Card>
                </Col>
              </Row>
              <Card title="按类别" style={{ marginBottom: 16 }}>
                <Chart
                  testId="sw-categories"
                  height={260}
                  data={{
                    categories: data.categories.map((c) => c.name),
                    series: [{ name: '求助数', type: 'bar', data: data.categories.map((c) => c.count) }],
                  }}
                />
              </Card>
              <Card title="按社工站">
                <Table
                  rowKey="stationId"
                  pagination={false}
                  dataSource={data.stations}
                  data-testid="sw-stations"
                  columns={[
                    { title: '社工站', dataIndex: 'stationName' },
                    { title: '求助数', dataIndex: 'total' },
                    { title: '已结案', dataIndex: 'closed' },
                    { title: '平均评分', render: (_, s) => s.averageRating ?? '—' },
                  ]}
                />
              </Card>
            </>
          )
        }
      </Async>
    </>
  );
}
