import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Descriptions, Drawer, Input, List, Modal, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { communityApi, communityKeys, type StaffProposal, when } from './api';

const COLORS = { open: 'blue', voting: 'orange', closed: 'green' } as const;

/** 议事协商: residents' proposals; open a vote with its options, close it to publish the counts. */
export default function ProposalsPage() {
  const query = useQuery({ queryKey: communityKeys.proposals, queryFn: communityApi.proposals });
  const queryClient = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const [opening, setOpening] = useState<StaffProposal | null>(null);
  const [options, setOptions] = useState('同意\n不同意\n弃权');
  const [viewing, setViewing] = useState<number | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['community'] });
  const close = (p: StaffProposal) =>
    modal.confirm({
      title: `结束「${p.title}」的投票并公布结果？`,
      content: '结束后不能再投票；各选项票数与回执清单将公开。',
      okText: '结束并公布',
      cancelText: '取消',
      onOk: async () => {
        try {
          await communityApi.closeVote(p.id);
          message.success('已公布投票结果');
        } catch (err) {
          message.error(reason(err));
        }
        await refresh();
      },
    });
  return (
    <>
      <PageHeader
        title="社区治理 · 议事协商"
        sub="居民提出议题、发表意见；委员会发起投票，结束后公布各选项票数和回执清单。"
      />
      <Async query={query}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState text="暂无议题" />
          ) : (
            <Table<StaffProposal>
              rowKey="id"
              dataSource={items}
              pagination={{ pageSize: 20 }}
              columns={[
                {
                  title: '议题',
                  render: (_, p) => (
                    <Button type="link" onClick={() => setViewing(p.id)}>
                      {p.title}
                    </Button>
                  ),
                },
                { title: '村/社区', dataIndex: 'communityName' },
                { title: '提出时间', render: (_, p) => when(p.createdAt) },
                { title: '状态', render: (_, p) => <Tag color={COLORS[p.status]}>{p.statusLabel}</Tag> },
                {
                  title: '票数',
                  render: (_, p) =>
                    p.result
                      ? p.result.options.map((o) => `${o.label} ${o.votes}`).join(' / ')
                      : p.status === 'voting'
                        ? `已投 ${p.ballots}`
                        : '—',
                },
                {
                  title: '操作',
                  render: (_, p) => (
                    <Space>
                      {p.status === 'open' && (
                        <Button type="link" onClick={() => setOpening(p)}>
                          发起投票
                        </Button>
                      )}
                      {p.status === 'voting' && (
                        <Button type="link" onClick={() => close(p)}>
                          结束投票
                        </Button>
                      )}
                    </Space>
                  ),
                },
              ]}
            />
          )
        }
      </Async>
      <Modal
        open={opening !== null}
        title={`发起投票：${opening?.title ?? ''}`}
        okText="发起"
        cancelText="取消"
        onCancel={() => setOpening(null)}
        onOk={async () => {
          if (!opening) return;
          try {
            const list = options
              .split('\n')
              .map((o) => o.trim())
              .filter(Boolean);
            await communityApi.openVote(opening.id, list);
            message.success('已发起投票，本村/社区已确认的居民可以投票');
            setOpening(null);
            await refresh();
          } catch (err) {
            message.error(reason(err));
          }
        }}
      >
        <p>每行一个选项（2至10个）：</p>
        <Input.TextArea rows={4} value={options} onChange={(e) => setOptions(e.target.value)} />
      </Modal>
      {viewing !== null && <ProposalDrawer id={viewing} onClose={() => setViewing(null)} />}
    </>
  );
}

function ProposalDrawer({ id, onClose }: { id: number; onClose: () => void }) {
  const query = useQuery({ queryKey: communityKeys.proposal(id), queryFn: () => communityApi.proposal(id) });
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [hiding, setHiding] = useState<number | null>(null);
  const [why, setWhy] = useState('');
  return (
    <Drawer open width={560} title="议题详情" onClose={onClose}>
      <Async query={query}>
        {({ proposal }) => (
          <>
            <Descriptions column={1} size="small">
              <Descriptions.Item label="议题">{proposal.title}</Descriptions.Item>
              <Descriptions.Item label="提出人">{proposal.author}</Descriptions.Item>
              <Descriptions.Item label="状态">{proposal.statusLabel}</Descriptions.Item>
              <Descriptions.Item label="内容">{proposal.body}</Descriptions.Item>
              {proposal.result && (
                <Descriptions.Item label="回执清单哈希">
                  <code>{proposal.result.receiptsHash}</code>
                </Descriptions.Item>
              )}
            </Descriptions>
            <List
              header="居民意见"
              locale={{ emptyText: '暂无意见' }}
              dataSource={proposal.comments}
              renderItem={(c) => (
                <List.Item
                  actions={
                    c.hidden
                      ? []
                      : [
                          <Button key="hide" type="link" danger onClick={() => setHiding(c.id)}>
                            隐藏
                          </Button>,
                        ]
                  }
                >
                  <List.Item.Meta
                    title={`${c.author} · ${new Date(c.createdAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' })}`}
                    description={c.hidden ? `（已隐藏：${c.hiddenReason}）${c.body ?? ''}` : c.body}
                  />
                </List.Item>
              )}
            />
          </>
        )}
      </Async>
      <Modal
        open={hiding !== null}
        title="隐藏该意见"
        okText="隐藏"
        cancelText="取消"
        onCancel={() => setHiding(null)}
        onOk={async () => {
          if (hiding === null) return;
          try {
            await communityApi.hideComment(hiding, why);
            message.success('已隐藏，居民看到的是隐藏理由');
            setHiding(null);
            setWhy('');
            await queryClient.invalidateQueries({ queryKey: communityKeys.proposal(id) });
          } catch (err) {
            message.error(reason(err));
          }
        }}
      >
        <Input.TextArea
          rows={3}
          placeholder="请填写理由（如：与议题无关的广告）"
          value={why}
          onChange={(e) => setWhy(e.target.value)}
        />
      </Modal>
    </Drawer>
  );
}
