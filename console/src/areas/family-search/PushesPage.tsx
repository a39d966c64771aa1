import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Popconfirm, Table } from 'antd';
import { reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { type Push, beijing, wandererApi } from './api';

/** 扩大推送审批: notices still unresolved whose push to followers is due to widen (county → city → province). */
export default function PushesPage() {
  const client = useQueryClient();
  const { message } = AntApp.useApp();
  const query = useQuery({ queryKey: ['family-search', 'pushes'], queryFn: wandererApi.proposed });
  const approve = useMutation({
    mutationFn: (p: Push) => wandererApi.approve(p.noticeId, p.level),
    onSuccess: (p) => {
      message.success(`已批准扩大推送至${p.levelLabel}`);
      void client.invalidateQueries({ queryKey: ['family-search', 'pushes'] });
    },
    onError: (err) => message.error(reason(err)),
  });
  return (
    <>
      <PageHeader
        title="救助寻亲 · 扩大推送审批"
        sub="新公告即推送给发现地县区的公众号关注者；3天未结案提议扩大到市，再10天到省，每次扩大须本站审批。已收到过的关注者不会重复收到。"
      />
      <Async query={query}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState text="暂无待审批的扩大推送" />
          ) : (
            <Table<Push>
              rowKey="id"
              dataSource={items}
              pagination={false}
              onRow={() => ({ 'data-testid': 'push-proposal' }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                { title: '公告', width: 80, render: (_, p) => `#${p.noticeId}` },
                { title: '发现日期', dataIndex: 'foundDate', width: 110 },
                { title: '发现地点', dataIndex: 'foundPlace' },
                { title: '扩大至', width: 160, render: (_, p) => `${p.levelLabel}（${p.divisionCode}）` },
                { title: '提议时间', width: 170, render: (_, p) => beijing(p.proposedAt) },
                {
                  title: '操作',
                  width: 100,
                  render: (_, p) => (
                    <Popconfirm title={`批准推送至${p.levelLabel}的关注者？`} onConfirm={() => approve.mutate(p)}>
                      <Button type="primary" size="small">
                        批准
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]}
            />
          )
        }
      </Async>
    </>
  );
}
