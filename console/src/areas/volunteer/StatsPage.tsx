import { useQuery } from '@tanstack/react-query';
import { Button, Card, Col, Input, Row, Space, Statistic, Table, Tag } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { Chart } from '../stats/Chart';
import { volunteerApi } from './api';

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** 志愿服务统计: volunteers, activities and hours (补录 apart) by month, 区县 and 乡镇/街道, 补录 share by organization. */
export default function StatsPage() {
  const [range, setRange] = useState<{ from?: string; to?: string }>({});
  const [draft, setDraft] = useState({ from: '', to: '' });
  /** A 区县 picked from the table: every figure narrows to it, 乡镇/街道 included. */
  const [county, setCounty] = useState<{ code: string; name: string } | null>(null);
  const params = { ...range, divisionCode: county?.code };
  const query = useQuery({ queryKey: ['volunteer', 'stats', params], queryFn: () => volunteerApi.stats(params) });
  const apply = (next: { from: string; to: string }) => {
    setDraft(next);
    if ((next.from === '' || MONTH.test(next.from)) && (next.to === '' || MONTH.test(next.to)))
      setRange({ from: next.from || undefined, to: next.to || undefined });
  };
  return (
    <>
      <PageHeader
        title="志愿服务 · 统计"
        sub="由签到签退、确认和补录记录自动汇总（默认近12个月，北京时间）；只含本账号可管理的组织。"
        extra={
          <Space>
            {county ? (
              <Tag closable onClose={() => setCounty(null)} color="blue" data-testid="volunteer-county">
                仅看{county.name}
              </Tag>
            ) : null}
            <Input
              style={{ width: 120 }}
              placeholder="起始 2026-01"
              value={draft.from}
              onChange={(e) => apply({ ...draft, from: e.target.value.trim() })}
              aria-label="起始月份"
            />
            <Input
              style={{ width: 120 }}
              placeholder="截止 2026-12"
              value={draft.to}
              onChange={(e) => apply({ ...draft, to: e.target.value.trim() })}
              aria-label="截止月份"
            />
          </Space>
        }
      />
      <Async query={query}>
        {(data) => (
          <>
            <Row gutter={16} style={{ marginBottom: 16 }} data-testid="volunteer-totals">
              <Col span={6}>
                <Card>
                  <Statistic title="服务志愿者（人）" value={data.totals.volunteers} />
                </Card>
              </Col>
              <Col span={6}>
                <Card>
                  <Statistic title="开展活动（场）" value={data.totals.activities} />
                </Card>
              </Col>
              <Col span={6}>
                <Card>
                  <Statistic title="服务时长（小时）" value={data.totals.hours} />
                </Card>
              </Col>
              <Col span={6}>
                <Card>
                  <Statistic title="其中补录（小时）" value={data.totals.manualHours} />
                </Card>
              </Col>
            </Row>
            <Card title={`按月（${data.from} 至 ${data.to}）`} style={{ marginBottom: 16 }}>
              <Chart
                testId="volunteer-months"
                height={260}
                data={{
                  categories: data.byMonth.map((m) => m.month),
                  series: [
                    { name: '服务时长', type: 'bar', data: data.byMonth.map((m) => m.hours) },
                    { name: '其中补录', type: 'bar', data: data.byMonth.map((m) => m.manualHours) },
                    { name: '志愿者', type: 'line', data: data.byMonth.map((m) => m.volunteers) },
                    { name: '活动', type: 'line', data: data.byMonth.map((m) => m.activities) },
                  ],
                }}
              />
            </Card>
            <Card title="按区县" style={{ marginBottom: 16 }}>
              {data.byArea.length === 0 ? (
                <EmptyState text="所选期间暂无数据" />
              ) : (
                <Table
                  rowKey="divisionCode"
                  pagination={false}
                  dataSource={data.byArea}
                  data-testid="volunteer-areas"
                  columns={[
                    { title: '区县', render: (_, a) => `${a.divisionName}（${a.divisionCode}）` },
                    { title: '志愿者', dataIndex: 'volunteers' },
                    { title: '活动', dataIndex: 'activities' },
                    { title: '时长（小时）', dataIndex: 'hours' },
                    { title: '其中补录', dataIndex: 'manualHours' },
                    {
                      title: '',
                      render: (_, a) =>
                        county?.code === a.divisionCode ? null : (
                          <Button
                            size="small"
                            type="link"
                            onClick={() => setCounty({ code: a.divisionCode, name: a.divisionName })}
                          >
                            只看该区县
                          </Button>
                        ),
                    },
                  ]}
                />
              )}
            </Card>
            <Card title={`按乡镇/街道${county ? `（${county.name}）` : ''}`} style={{ marginBottom: 16 }}>
              {data.byTown.length === 0 ? (
                <EmptyState text="所选期间暂无登记到乡镇/街道的活动" />
              ) : (
                <Table
                  rowKey="divisionCode"
                  pagination={data.byTown.length > 20 ? { pageSize: 20 } : false}
                  dataSource={data.byTown}
                  data-testid="volunteer-towns"
                  columns={[
                    { title: '区县', dataIndex: 'countyName' },
                    { title: '乡镇/街道', render: (_, t) => `${t.divisionName}（${t.divisionCode}）` },
                    { title: '志愿者', dataIndex: 'volunteers' },
                    { title: '活动', dataIndex: 'activities' },
                    { title: '时长（小时）', dataIndex: 'hours' },
                    { title: '其中补录', dataIndex: 'manualHours' },
                  ]}
                />
              )}
              <div style={{ color: '#666', fontSize: 12, marginTop: 8 }}>
                只统计地区编码登记到乡镇/街道（9位）的活动。
              </div>
            </Card>
            <Card title="各组织补录占比">
              {data.byOrg.length === 0 ? (
                <EmptyState text="所选期间暂无时长记录" />
              ) : (
                <Table
                  rowKey="orgId"
                  pagination={false}
                  dataSource={data.byOrg}
                  data-testid="volunteer-org-share"
                  columns={[
                    { title: '组织', dataIndex: 'orgName' },
                    { title: '时长（小时）', dataIndex: 'hours' },
                    { title: '补录（小时）', dataIndex: 'manualHours' },
                    {
                      title: '补录占比',
                      render: (_, o) => (
                        <Tag color={o.manualFlagged ? 'red' : undefined}>
                          {Math.round(o.manualShare * 100)}%{o.manualFlagged ? ' 需核查' : ''}
                        </Tag>
                      ),
                    },
                  ]}
                />
              )}
            </Card>
          </>
        )}
      </Async>
    </>
  );
}
