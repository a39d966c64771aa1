import { CERTIFICATE_STATUS_NAMES } from '@minzheng/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Input, Modal, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { reason as reasonOf } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { type Certificate, beijing, volunteerApi } from './api';

const COLORS: Record<Certificate['status'], string> = { requested: 'blue', issued: 'green', revoked: 'red' };

/** 志愿服务记录证明: requests to issue, issued ones to download or revoke (with a reason; the PDF then says 已撤销). */
export default function CertificatesPage() {
  const [status, setStatus] = useState<string>('');
  const query = useQuery({
    queryKey: ['volunteer', 'certificates', status],
    queryFn: () => volunteerApi.certificates(status || undefined),
  });
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [revoking, setRevoking] = useState<Certificate | null>(null);
  const [text, setText] = useState('');
  const run = useMutation({
    mutationFn: (fn: () => Promise<unknown>) => fn(),
    onSuccess: () => {
      message.success('已办理');
      client.invalidateQueries({ queryKey: ['volunteer', 'certificates'] });
    },
    onError: (err) => message.error(reasonOf(err)),
  });
  return (
    <>
      <PageHeader
        title="志愿服务 · 记录证明"
        sub="证明免费开具，内容经电子签名，任何人可扫码核验；撤销须填写理由，撤销后 PDF 标注「已撤销」。"
      />
      <Segmented
        style={{ marginBottom: 12 }}
        value={status}
        onChange={(v) => setStatus(String(v))}
        options={[
          { value: '', label: '全部' },
          ...Object.entries(CERTIFICATE_STATUS_NAMES).map(([value, label]) => ({ value, label })),
        ]}
      />
      <Async query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState text="暂无证明" />
          ) : (
            <Table
              rowKey="id"
              pagination={false}
              dataSource={data.items}
              data-testid="certificates"
              columns={[
                { title: '志愿者', render: (_, c) => `${c.volunteer.name}（${c.volunteer.number}）` },
                { title: '用途', dataIndex: 'purpose' },
                { title: '申请时间', render: (_, c) => beijing(c.requestedAt) },
                { title: '证明编号', render: (_, c) => c.number ?? '—' },
                {
                  title: '状态',
                  render: (_, c) => (
                    <Space direction="vertical" size={0}>
                      <Tag color={COLORS[c.status]}>{c.statusName}</Tag>
                      {c.revokeReason ? <span>撤销理由：{c.revokeReason}</span> : null}
                    </Space>
                  ),
                },
                {
                  title: '操作',
                  render: (_, c) => (
                    <Space>
                      {c.status === 'requested' ? (
                        <Button size="small" type="primary" onClick={() => run.mutate(() => volunteerApi.issue(c.id))}>
                          开具
                        </Button>
                      ) : null}
                      {c.status !== 'requested' ? (
                        <Button
                          size="small"
                          onClick={() => volunteerApi.pdf(c).catch((err) => message.error(reasonOf(err)))}
                        >
                          下载 PDF
                        </Button>
                      ) : null}
                      {c.status === 'issued' ? (
                        <Button
                          size="small"
                          danger
                          onClick={() => {
                            setText('');
                            setRevoking(c);
                          }}
                        >
                          撤销
                        </Button>
                      ) : null}
                    </Space>
                  ),
                },
              ]}
            />
          )
        }
      </Async>
      <Modal
        open={revoking !== null}
        title="撤销证明的理由"
        okText="撤销"
        cancelText="取消"
        okButtonProps={{ danger: true }}
        onCancel={() => setRevoking(null)}
        onOk={() => {
          const c = revoking!;
          run.mutate(() => volunteerApi.revoke(c.id, text.trim()), { onSuccess: () => setRevoking(null) });
        }}
      >
        <Input.TextArea rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder="请填写撤销理由" />
      </Modal>
    </>
  );
}
