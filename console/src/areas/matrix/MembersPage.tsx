import { SyncOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { type Member, matrixApi, matrixKeys, time } from './api';

function SyncStatus({ m }: { m: Member }) {
  if (!m.active) return <Tag>已停用</Tag>;
  if (m.sync.failures > 0)
    return (
      <Tag color="error" data-testid="sync-failing">
        同步失败（连续 {m.sync.failures} 次）
      </Tag>
    );
  if (!m.sync.lastSyncedAt) return <Tag>尚未同步</Tag>;
  return <Tag color="success">正常</Tag>;
}

/** 成员账号: every member public account in the editor's divisions, how its syncing goes, and 立即同步. */
export default function MembersPage() {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const query = useQuery({ queryKey: matrixKeys.members, queryFn: matrixApi.members, refetchInterval: 15_000 });
  const [syncing, setSyncing] = useState(false);

  const sync = async () => {
    setSyncing(true);
    try {
      const { queued } = await matrixApi.sync();
      message.success(
        queued ? `已安排 ${queued} 个成员账号立即同步` : '没有需要同步的成员账号（失败的账号在退避期内暂不重试）',
      );
      setTimeout(() => queryClient.invalidateQueries({ queryKey: matrixKeys.members }), 1500);
    } catch (err) {
      message.error(`同步未能开始：${reason(err)}`);
    } finally {
      setSyncing(false);
    }
  };

  return (
    <>
      <PageHeader
        title="成员账号"
        sub="矩阵中的各级民政公众号；系统每 10 分钟同步一次它们新发布的文章，失败的账号按退避时间重试。"
        extra={
          <Button type="primary" icon={<SyncOutlined />} loading={syncing} onClick={sync} data-testid="matrix-sync">
            立即同步
          </Button>
        }
      />
      <Async query={query}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState text="您管辖的区划内暂无成员账号" />
          ) : (
            <Table<Member>
              rowKey="id"
              data-testid="matrix-members"
              dataSource={items}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              columns={[
                { title: '名称', dataIndex: 'name' },
                { title: '级别', dataIndex: 'levelName', width: 90 },
                { title: '区划', dataIndex: 'divisionCode', width: 90 },
                { title: '类别', dataIndex: 'category', width: 130 },
                { title: '同步状态', key: 'status', width: 170, render: (_, m) => <SyncStatus m={m} /> },
                { title: '上次同步', key: 'last', width: 170, render: (_, m) => time(m.sync.lastSyncedAt) },
                {
                  title: '最近错误',
                  key: 'error',
                  render: (_, m) =>
                    m.sync.lastError ? (
                      <>
                        <Typography.Text type="danger" data-testid="sync-error">
                          {m.sync.lastError}
                        </Typography.Text>
                        {m.sync.nextAttemptAt && (
                          <div>
                            <Typography.Text type="secondary">下次重试：{time(m.sync.nextAttemptAt)}</Typography.Text>
                          </div>
                        )}
                      </>
                    ) : (
                      '—'
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
