import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Pagination, Progress, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { DELIVERY_STATUSES, type Delivery, type Distribution, matrixApi, matrixKeys, time } from './api';
import { DistributeModal } from './DistributeModal';

const unsettled = (d: Distribution) => d.counts.pending + d.counts.submitted > 0;

function DistributionCard({ d }: { d: Distribution }) {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [retrying, setRetrying] = useState(false);
  const total = d.deliveries.length;
  const retry = async () => {
    setRetrying(true);
    try {
      await matrixApi.retry(d.id);
      message.success('已向失败的成员账号重新发送');
      await queryClient.invalidateQueries({ queryKey: matrixKeys.allDistributions });
    } catch (err) {
      message.error(`重发未完成：${reason(err)}`);
    } finally {
      setRetrying(false);
    }
  };
  return (
    <Card
      size="small"
      style={{ marginBottom: 16 }}
      data-testid={`distribution-${d.id}`}
      title={
        <Space>
          <span>{d.title}</span>
          <Typography.Text type="secondary">{time(d.createdAt)}</Typography.Text>
        </Space>
      }
      extra={
        d.counts.failed > 0 && (
          <Button danger size="small" loading={retrying} onClick={retry} data-testid="distribution-retry">
            重发失败的 {d.counts.failed} 个账号
          </Button>
        )
      }
    >
      <Space style={{ marginBottom: 8 }} data-testid="distribution-counts">
        <span>
          已发布 {d.counts.published} / {total}
        </span>
        {d.counts.failed > 0 && <Typography.Text type="danger">失败 {d.counts.failed}</Typography.Text>}
        {unsettled(d) && (
          <Typography.Text type="secondary">进行中 {d.counts.pending + d.counts.submitted}</Typography.Text>
        )}
      </Space>
      <Progress
        percent={Math.round((d.counts.published / Math.max(total, 1)) * 100)}
        status={d.counts.failed > 0 && !unsettled(d) ? 'exception' : unsettled(d) ? 'active' : 'success'}
        showInfo={false}
      />
      <Table<Delivery>
        rowKey="memberId"
        size="small"
        pagination={false}
        dataSource={d.deliveries}
        columns={[
          { title: '成员账号', key: 'member', render: (_, x) => x.memberName ?? `#${x.memberId}` },
          {
            title: '状态',
            dataIndex: 'status',
            width: 110,
            render: (s: Delivery['status']) => (
              <Tag color={DELIVERY_STATUSES[s].color}>{DELIVERY_STATUSES[s].name}</Tag>
            ),
          },
          { title: '第几次', dataIndex: 'attempt', width: 70 },
          {
            title: '结果',
            key: 'result',
            render: (_, x) =>
              x.error ? (
                <Typography.Text type="danger">{x.error}</Typography.Text>
              ) : x.articleUrl ? (
                <Typography.Link href={x.articleUrl} target="_blank" rel="noreferrer">
                  查看文章
                </Typography.Link>
              ) : (
                '—'
              ),
          },
          { title: '更新时间', dataIndex: 'updatedAt', width: 170, render: time },
        ]}
      />
    </Card>
  );
}

/** 分发任务: each article handed to members, with each member's progress, refreshed while any is under way. */
export default function DistributionsPage() {
  const [page, setPage] = useState(1);
  const [composing, setComposing] = useState(false);
  const query = useQuery({
    queryKey: matrixKeys.distributions(page),
    queryFn: () => matrixApi.distributions(page),
    placeholderData: keepPreviousData,
    refetchInterval: (q) => (q.state.data?.items.some(unsettled) ? 2000 : false),
  });
  return (
    <>
      <PageHeader
        title="分发任务"
        sub="文章分发到各成员账号后由微信发布；失败的账号可单独重发，已发布的不会重复发布。"
        extra={
          <Button type="primary" onClick={() => setComposing(true)} data-testid="distribute-new">
            撰写并分发
          </Button>
        }
      />
      <Async query={query}>
        {({ items, total }) =>
          items.length === 0 && page === 1 ? (
            <EmptyState text="暂无分发任务：在“文章聚合”中选择文章分发，或撰写新文章" />
          ) : (
            <>
              {items.map((d) => (
                <DistributionCard key={d.id} d={d} />
              ))}
              <Pagination current={page} pageSize={10} total={total} onChange={setPage} hideOnSinglePage />
            </>
          )
        }
      </Async>
      <DistributeModal article={composing ? 'new' : null} onClose={() => setComposing(false)} />
    </>
  );
}
