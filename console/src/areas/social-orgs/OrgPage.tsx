import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Table, Tabs, Tag, Timeline } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageHeader } from '../../app/PageHeader';
import { Async } from '../../app/states';
import { CREDIT_COLORS, type CreditEntry, type OrgRecord, orgKeys, orgsApi } from './api';
import { type RecordForm, RecordModal } from './RecordModal';

const yuan = (n: number | null) => (n === null ? '—' : `${n.toLocaleString('zh-CN')} 元`);

/** One organization's record: registration facts, credit lists, inspections, penalties, ratings. */
export default function OrgPage() {
  const { uscc = '' } = useParams();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: orgKeys.record(uscc), queryFn: () => orgsApi.record(uscc) });
  const [form, setForm] = useState<RecordForm | null>(null);
  const saved = () => {
    setForm(null);
    queryClient.invalidateQueries({ queryKey: ['social-orgs'] });
  };

  return (
    <Async query={query}>
      {(r) => (
        <>
          <PageHeader
            title={
              <>
                {r.org.name}{' '}
                <Tag color={CREDIT_COLORS[r.creditStatus]} data-testid="credit-status">
                  {r.creditStatusName}
                </Tag>
              </>
            }
            sub={
              <>
                <Link to="/social-orgs">登记名录</Link> · 统一社会信用代码 {r.org.uscc}
              </>
            }
            extra={
              <Button
                type="primary"
                danger
                icon={<PlusOutlined />}
                onClick={() => setForm({ kind: 'list' })}
                data-testid="list-on"
              >
                列入名录/名单
              </Button>
            }
          />
          <Card size="small" style={{ marginBottom: 16 }}>
            <Descriptions size="small" column={{ xs: 1, md: 2, xl: 3 }} data-testid="org-facts">
              <Descriptions.Item label="类型">{r.org.typeName}</Descriptions.Item>
              <Descriptions.Item label="登记状态">{r.org.statusName}</Descriptions.Item>
              <Descriptions.Item label="成立登记日期">{r.org.registeredAt}</Descriptions.Item>
              <Descriptions.Item label="登记管理机关">
                {r.org.authority}（{r.org.authorityLevelName}）
              </Descriptions.Item>
              <Descriptions.Item label="业务主管单位">{r.org.supervisor ?? '—'}</Descriptions.Item>
              <Descriptions.Item label="法定代表人">{r.org.legalRepresentative}</Descriptions.Item>
              <Descriptions.Item label="注册资金">{yuan(r.org.registeredCapital)}</Descriptions.Item>
              <Descriptions.Item label="住所">{r.org.address}</Descriptions.Item>
              <Descriptions.Item label="证书有效期">
                {r.org.certificate.validFrom ? `${r.org.certificate.validFrom} 至 ${r.org.certificate.validTo}` : '—'}
              </Descriptions.Item>
              <Descriptions.Item label="业务范围" span={3}>
                {r.org.businessScope ?? '—'}
              </Descriptions.Item>
            </Descriptions>
          </Card>
          <Card size="small">
            <Tabs
              items={[
                {
                  key: 'credit',
                  label: `信用记录（${r.creditHistory.length}）`,
                  children: <Credit r={r} open={setForm} />,
                },
                {
                  key: 'inspections',
                  label: `年检年报（${r.inspections.length}）`,
                  children: (
                    <>
                      <AddButton onClick={() => setForm({ kind: 'inspection' })} text="登记年检/年报结论" />
                      <Table
                        rowKey={(i) => `${i.year}-${i.kind}`}
                        size="small"
                        dataSource={r.inspections}
                        pagination={false}
                        locale={{ emptyText: '暂无年检、年报记录' }}
                        columns={[
                          { title: '年度', dataIndex: 'year', width: 80 },
                          { title: '类型', dataIndex: 'kindName', width: 80 },
                          { title: '结论', dataIndex: 'resultName', width: 100 },
                          { title: '备注', dataIndex: 'remark', render: (v) => v ?? '—' },
                        ]}
                      />
                    </>
                  ),
                },
                {
                  key: 'penalties',
                  label: `行政处罚（${r.penalties.length}）`,
                  children: (
                    <>
                      <AddButton onClick={() => setForm({ kind: 'penalty' })} text="登记行政处罚" />
                      <Table
                        rowKey="decisionNo"
                        size="small"
                        dataSource={r.penalties}
                        pagination={false}
                        locale={{ emptyText: '暂无行政处罚记录' }}
                        columns={[
                          { title: '决定书文号', dataIndex: 'decisionNo', width: 200 },
                          { title: '处罚日期', dataIndex: 'date', width: 110 },
                          { title: '种类', dataIndex: 'kind', width: 100 },
                          { title: '事由', dataIndex: 'reason' },
                          { title: '罚款', dataIndex: 'amount', width: 110, render: yuan },
                          { title: '处罚机关', dataIndex: 'authority', width: 180 },
                        ]}
                      />
                    </>
                  ),
                },
                {
                  key: 'ratings',
                  label: `评估等级${r.rating ? `（${r.rating.label}）` : ''}`,
                  children: (
                    <>
                      <AddButton onClick={() => setForm({ kind: 'rating' })} text="登记评估等级" />
                      <Table
                        rowKey={(x) => `${x.validFrom}-${x.level}`}
                        size="small"
                        dataSource={r.ratingHistory}
                        pagination={false}
                        locale={{ emptyText: '暂无评估等级' }}
                        columns={[
                          { title: '等级', dataIndex: 'label', width: 80 },
                          { title: '有效期', key: 'validity', render: (_, x) => `${x.validFrom} 至 ${x.validTo}` },
                          { title: '评估机关', dataIndex: 'authority' },
                          {
                            title: '状态',
                            dataIndex: 'valid',
                            width: 90,
                            render: (v: boolean) => (v ? <Tag color="green">有效</Tag> : <Tag>已过期</Tag>),
                          },
                        ]}
                      />
                    </>
                  ),
                },
                {
                  key: 'history',
                  label: '信用状态变化',
                  children: r.transitions.length ? (
                    <Timeline
                      items={r.transitions.map((t) => ({
                        children: `${t.date} ${t.fromName ?? ''} → ${t.toName ?? ''}：${t.cause}`,
                      }))}
                    />
                  ) : (
                    <div className="state">信用状态未发生过变化</div>
                  ),
                },
              ]}
            />
          </Card>
          <RecordModal uscc={r.org.uscc} record={r} form={form} onClose={() => setForm(null)} onSaved={saved} />
        </>
      )}
    </Async>
  );
}

function AddButton({ onClick, text }: { onClick: () => void; text: string }) {
  return (
    <div style={{ marginBottom: 12 }}>
      <Button icon={<PlusOutlined />} onClick={onClick}>
        {text}
      </Button>
    </div>
  );
}

function Credit({ r, open }: { r: OrgRecord; open: (f: RecordForm) => void }) {
  return (
    <Table<CreditEntry>
      rowKey="id"
      size="small"
      data-testid="credit-entries"
      dataSource={r.creditHistory}
      pagination={false}
      locale={{ emptyText: '未被列入活动异常名录或严重违法失信名单' }}
      scroll={{ x: 900 }}
      columns={[
        {
          title: '名单',
          dataIndex: 'listName',
          width: 150,
          render: (name: string, e) => <Tag color={e.list === 'serious' ? 'red' : 'orange'}>{name}</Tag>,
        },
        { title: '决定书文号', dataIndex: 'decisionNo', width: 180 },
        { title: '列入日期', dataIndex: 'dateIn', width: 110 },
        {
          title: '列入事由',
          key: 'reason',
          render: (_, e) => (
            <>
              {e.reasonCategoryName}
              {e.reason ? `：${e.reason}` : ''}
              {e.correctionRequired && !e.dateOut ? <Tag style={{ marginLeft: 6 }}>需整改</Tag> : null}
            </>
          ),
        },
        { title: '作出决定机关', dataIndex: 'authority', width: 170 },
        {
          title: '移出',
          key: 'out',
          width: 220,
          render: (_, e) =>
            e.dateOut ? (
              `${e.dateOut} 移出：${e.reasonOut ?? ''}`
            ) : (
              <Button size="small" onClick={() => open({ kind: 'remove', entry: e })} data-testid="take-off">
                移出
              </Button>
            ),
        },
      ]}
    />
  );
}
