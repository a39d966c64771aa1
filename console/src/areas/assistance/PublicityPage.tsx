import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Segmented, Table, Tag, Timeline, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { assistanceAdminApi, type PublicityEntry, yuan } from './api';

const PAGE_SIZE = 20;

/**
 * 公示管理: every 公示 of my divisions, running or ended, with the objections received (their
 * reasons; the objector is not shown) and what happened after each, step by step.
 */
export default function PublicityPage() {
  const [show, setShow] = useState<'all' | 'running' | 'ended'>('all');
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: ['assistance', 'publicity', show, page],
    queryFn: () => assistanceAdminApi.publicity({ show, page, pageSize: PAGE_SIZE }),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title="社会救助 · 公示管理"
        sub="公示期7天，期满自动结束；公示期内收到的异议会使案件退回入户调查。"
        extra={
          <Segmented
            value={show}
            onChange={(v) => {
              setShow(v as typeof show);
              setPage(1);
            }}
            options={[
              { label: '全部', value: 'all' },
              { label: '公示中', value: 'running' },
              { label: '已结束', value: 'ended' },
            ]}
            data-testid="publicity-filter"
          />
        }
      />
      <Async query={query}>
        {(data) => {
          const items = data.items;
          if (!items.length) return <EmptyState text="暂无公示记录。" />;
          return (
            <Table<PublicityEntry>
              rowKey="number"
              data-testid="publicity"
              dataSource={items}
              pagination={{
                current: data.page,
                pageSize: data.pageSize,
                total: data.total,
                hideOnSinglePage: true,
                showSizeChanger: false,
                onChange: setPage,
              }}
              expandable={{
                rowExpandable: (r) => r.objections.length > 0,
                expandedRowRender: (r) => <Objections entry={r} />,
              }}
              columns={[
                {
                  title: '编号',
                  dataIndex: 'number',
                  render: (n: string, r) => (
                    <Link to={`/assistance/cases/${r.caseId}`} data-testid={`publicity-${n}`}>
                      {n}
                    </Link>
                  ),
                },
                { title: '类别', dataIndex: 'kindName' },
                { title: '户主', dataIndex: 'headName' },
                { title: '人数', dataIndex: 'householdSize' },
                { title: '拟发金额（月）', dataIndex: 'proposedAmountCents', render: (c: number | null) => yuan(c) },
                { title: '地区', dataIndex: 'placeName' },
                { title: '公示期', render: (_, r) => `${r.startsOn} 至 ${r.endsOn ?? '—'}` },
                {
                  title: '状态',
                  render: (_, r) => (r.running ? <Tag color="processing">公示中</Tag> : <Tag>已结束</Tag>),
                },
                {
                  title: '异议',
                  render: (_, r) =>
                    r.objections.length ? <Tag color="warning">{`收到异议${r.objections.length}条`}</Tag> : '无',
                },
                {
                  title: '结果',
                  render: (_, r) =>
                    r.running ? (
                      '—'
                    ) : (
                      <span data-testid="outcome">
                        {r.endedBy ? `${r.endedBy.on} ${r.endedBy.action}` : '—'}；当前：{r.currentStageName}
                      </span>
                    ),
                },
              ]}
            />
          );
        }}
      </Async>
    </>
  );
}

function Objections({ entry }: { entry: PublicityEntry }) {
  return (
    <div data-testid={`objections-${entry.number}`}>
      {entry.objections.map((o) => (
        <div key={`${o.at}-${o.reason}`} style={{ marginBottom: 12 }}>
          <Typography.Paragraph>
            <Typography.Text strong>异议理由：</Typography.Text>
            {o.reason}
            <Typography.Text type="secondary">（{o.at.slice(0, 10)}收到，异议人信息不在此显示）</Typography.Text>
          </Typography.Paragraph>
          <Timeline
            items={o.after.map((s) => ({
              children: `${s.on} ${s.action} → ${s.stageName}（${s.organName}）`,
            }))}
          />
        </div>
      ))}
    </div>
  );
}
