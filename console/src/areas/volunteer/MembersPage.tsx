import { MEMBER_STATUS_NAMES } from '@minzheng/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Input, Modal, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { reason as reasonOf } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { beijing, type Member, volunteerApi } from './api';

const COLORS: Record<Member['status'], string | undefined> = {
  pending: 'blue',
  approved: 'green',
  refused: 'red',
  left: undefined,
};

/**
 * 成员审核: who applied to join an organization and its members (names masked, the read audited);
 * approve (a note is optional) or refuse with a reason the volunteer is told.
 */
export default function MembersPage() {
  const orgId = Number(useParams().id);
  const [status, setStatus] = useState<string>('pending');
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const orgs = useQuery({ queryKey: ['volunteer', 'orgs'], queryFn: volunteerApi.orgs });
  const members = useQuery({
    queryKey: ['volunteer', 'members', orgId, status],
    queryFn: () => volunteerApi.members(orgId, status === 'all' ? undefined : status),
    // Applications arrive at any time: each switch of the tab asks again.
    staleTime: 0,
    refetchOnMount: 'always',
  });
  const [asking, setAsking] = useState<{ member: Member; decision: 'approve' | 'refuse' } | null>(null);
  const [text, setText] = useState('');
  const decide = useMutation({
    mutationFn: (v: { member: Member; decision: 'approve' | 'refuse'; reason?: string }) =>
      volunteerApi.decideMember(v.member.id, v.decision, v.reason),
    onSuccess: (_, v) => {
      message.success(v.decision === 'approve' ? '已同意加入，已通知志愿者' : '已拒绝，已将理由告知志愿者');
      setAsking(null);
      client.invalidateQueries({ queryKey: ['volunteer', 'members', orgId] });
    },
    onError: (err) => message.error(reasonOf(err)),
  });
  const org = orgs.data?.items.find((o) => o.id === orgId);
  const refusing = asking?.decision === 'refuse';
  return (
    <>
      <PageHeader
        title={`志愿服务 · 成员审核${org ? ` · ${org.name}` : ''}`}
        sub="志愿者申请加入组织须经审核；拒绝须填写理由，志愿者会收到通知并可再次申请。"
        extra={<Link to="/volunteer/orgs">返回组织列表</Link>}
      />
      <Space style={{ marginBottom: 16 }}>
        <Segmented
          value={status}
          onChange={(v) => setStatus(String(v))}
          options={[
            { value: 'pending', label: MEMBER_STATUS_NAMES.pending },
            { value: 'approved', label: MEMBER_STATUS_NAMES.approved },
            { value: 'refused', label: MEMBER_STATUS_NAMES.refused },
            { value: 'all', label: '全部' },
          ]}
          aria-label="成员状态"
        />
      </Space>
      <Async query={members}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState text={status === 'pending' ? '暂无待审核的入会申请' : '暂无记录'} />
          ) : (
            <Table
              rowKey="id"
              pagination={false}
              dataSource={data.items}
              data-testid="volunteer-members"
              columns={[
                { title: '志愿者', render: (_, m) => `${m.volunteer.name}（${m.volunteer.number}）` },
                { title: '技能', render: (_, m) => m.volunteer.skills.join('、') || '—' },
                { title: '申请说明', render: (_, m) => m.note || '—' },
                { title: '申请时间', render: (_, m) => beijing(m.appliedAt) },
                { title: '状态', render: (_, m) => <Tag color={COLORS[m.status]}>{m.statusName}</Tag> },
                { title: '理由', render: (_, m) => m.reason || '—' },
                {
                  title: '操作',
                  render: (_, m) =>
                    m.status === 'pending' ? (
                      <Space>
                        <Button
                          size="small"
                          type="primary"
                          onClick={() => {
                            setText('');
                            setAsking({ member: m, decision: 'approve' });
                          }}
                        >
                          同意加入
                        </Button>
                        <Button
                          size="small"
                          danger
                          onClick={() => {
                            setText('');
                            setAsking({ member: m, decision: 'refuse' });
                          }}
                        >
                          拒绝
                        </Button>
                      </Space>
                    ) : null,
                },
              ]}
            />
          )
        }
      </Async>
      <Modal
        open={asking !== null}
        title={refusing ? '拒绝加入的理由' : '同意加入（可附言）'}
        okText={refusing ? '拒绝' : '同意'}
        cancelText="取消"
        okButtonProps={{ disabled: refusing && !text.trim(), danger: refusing }}
        confirmLoading={decide.isPending}
        onCancel={() => setAsking(null)}
        onOk={() => asking && decide.mutate({ ...asking, reason: text.trim() || undefined })}
      >
        {asking ? (
          <p>
            {asking.member.volunteer.name}（{asking.member.volunteer.number}）
          </p>
        ) : null}
        <Input.TextArea
          rows={3}
          maxLength={500}
          value={text}
          onChange={(e) => setText(e.target.value)}
          placeholder={refusing ? '请填写理由，志愿者会收到' : '可不填'}
          aria-label={refusing ? '拒绝理由' : '附言'}
        />
      </Modal>
    </>
  );
}
