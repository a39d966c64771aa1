import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Input, Modal, Segmented, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, getToken, reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { type ReportStatus, reportsApi, type StaffReport } from './api';

const COLORS: Record<ReportStatus, string> = { submitted: 'warning', handling: 'processing', closed: 'success' };

/** Opens an evidence file in a new tab (fetched with the staff token; the server audits the read). */
async function openEvidence(reportId: number, token: string) {
  const res = await fetch(`/api/staff/assistance/reports/${reportId}/evidence/${token}`, {
    headers: { authorization: `Bearer ${getToken()}` },
  });
  if (!res.ok) throw new ApiError(res.status, 'EVIDENCE', '证据无法打开，请稍后再试');
  window.open(URL.createObjectURL(await res.blob()), '_blank', 'noopener');
}

/**
 * 监督举报: reports citizens made about cases and 公示 of my divisions (the reporter's name
 * masked), their evidence, 受理 and 办结 with the result the reporter reads in the app.
 */
export default function ReportsPage() {
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<ReportStatus | 'all'>('all');
  const [closing, setClosing] = useState<StaffReport | null>(null);
  const [result, setResult] = useState('');
  const [resultError, setResultError] = useState<string | null>(null);
  /** Each 办结 dialog starts empty, whether the last one was sent or cancelled. */
  const openClosing = (r: StaffReport | null) => {
    setClosing(r);
    setResult('');
    setResultError(null);
  };
  const confirmClosing = () => {
    if (!closing) return;
    const text = result.trim();
    // The server's rule, said in the dialog before anything is sent.
    if (text.length < 5) {
      setResultError('请填写核查处理结果（至少5字）');
      return;
    }
    handle.mutate({ id: closing.id, status: 'closed', result: text });
  };
  const query = useQuery({
    queryKey: ['assistance', 'reports', status],
    queryFn: () => reportsApi.list(status === 'all' ? undefined : status),
  });
  const handle = useMutation({
    mutationFn: (v: { id: number; status: 'handling' | 'closed'; result?: string }) =>
      reportsApi.handle(v.id, { status: v.status, result: v.result }),
    onSuccess: (_, v) => {
      message.success(v.status === 'closed' ? '已办结' : '已受理，开始核查');
      if (v.status === 'closed') openClosing(null);
      queryClient.invalidateQueries({ queryKey: ['assistance', 'reports'] });
    },
    onError: (err) => message.error(reason(err)),
  });
  return (
    <>
      <PageHeader
        title="社会救助 · 监督举报"
        sub="群众对救助申请和公示的实名举报；举报人信息保密，办结结果会告知举报人。"
        extra={
          <Segmented
            value={status}
            onChange={(v) => setStatus(v as typeof status)}
            options={[
              { label: '全部', value: 'all' },
              { label: '待受理', value: 'submitted' },
              { label: '核查中', value: 'handling' },
              { label: '已办结', value: 'closed' },
            ]}
          />
        }
      />
      <Async query={query}>
        {(data) =>
          data.items.length ? (
            <Table<StaffReport>
              rowKey="id"
              data-testid="reports"
              dataSource={data.items}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              columns={[
                {
                  title: '举报编号',
                  dataIndex: 'number',
                  render: (n: string) => <span data-testid={`report-${n}`}>{n}</span>,
                },
                { title: '类别', dataIndex: 'categoryName' },
                { title: '涉及申请', dataIndex: 'caseNumber', render: (n: string | null) => n ?? '—' },
                { title: '被举报对象', dataIndex: 'subject' },
                {
                  title: '举报内容',
                  dataIndex: 'content',
                  render: (text: string, r) => (
                    <>
                      <Typography.Paragraph style={{ marginBottom: 4 }}>{text}</Typography.Paragraph>
                      <Space wrap>
                        {r.evidence.map((e, i) => (
                          <Button
                            key={e.id}
                            size="small"
                            onClick={() => openEvidence(r.id, e.id).catch((err) => message.error(reason(err)))}
                          >
                            证据{i + 1}
                          </Button>
                        ))}
                      </Space>
                      {r.result ? (
                        <Typography.Paragraph type="secondary" style={{ marginTop: 4 }}>
                          处理结果：{r.result}
                        </Typography.Paragraph>
                      ) : null}
                    </>
                  ),
                },
                { title: '举报人', dataIndex: 'reporterName' },
                { title: '提交时间', dataIndex: 'submittedAt', render: (at: string) => at.slice(0, 10) },
                {
                  title: '状态',
                  dataIndex: 'statusName',
                  render: (name: string, r) => <Tag color={COLORS[r.status]}>{name}</Tag>,
                },
                {
                  title: '',
                  render: (_, r) => (
                    <Space>
                      {r.status === 'submitted' ? (
                        <Button size="small" onClick={() => handle.mutate({ id: r.id, status: 'handling' })}>
                          受理
                        </Button>
                      ) : null}
                      {r.status !== 'closed' ? (
                        <Button size="small" type="primary" onClick={() => openClosing(r)}>
                          办结
                        </Button>
                      ) : null}
                    </Space>
                  ),
                },
              ]}
            />
          ) : (
            <EmptyState text="暂无监督举报。" />
          )
        }
      </Async>
      <Modal
        open={closing !== null}
        title={`办结举报 ${closing?.number ?? ''}`}
        okText="确认办结"
        cancelText="取消"
        confirmLoading={handle.isPending}
        onCancel={() => openClosing(null)}
        onOk={confirmClosing}
        // A fresh text box each time: a closed dialog's content is not re-rendered, so a kept
        // one would show the cancelled draft until the next render.
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">处理结果将告知举报人，请写明核查情况和处理意见。</Typography.Paragraph>
        <Input.TextArea
          rows={4}
          value={result}
          maxLength={2000}
          status={resultError ? 'error' : undefined}
          onChange={(e) => {
            setResult(e.target.value);
            setResultError(null);
          }}
          data-testid="report-result"
        />
        {resultError ? (
          <Typography.Text type="danger" data-testid="report-result-error">
            {resultError}
          </Typography.Text>
        ) : null}
      </Modal>
    </>
  );
}
