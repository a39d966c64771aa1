import { ASSISTANCE_PAYMENT_STATUS_NAMES } from '@minzheng/contracts';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  App as AntApp,
  Button,
  Card,
  Col,
  Input,
  Modal,
  Row,
  Select,
  Space,
  Statistic,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { download, reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { type Payment, type PaymentPage, type PaymentStatus, paymentsApi } from './api';

const COLORS: Record<PaymentStatus, string> = { pending: 'processing', paid: 'success', failed: 'error' };
const yuan = (cents: number) => (cents / 100).toFixed(2);
const MONTH = /^20\d{2}-(0[1-9]|1[0-2])$/;

/**
 * 发放记录: the monthly payments of 低保 and 特困 cases of my divisions (heads of household
 * masked; the server audits every read and export). The county records the bank's answer —
 * 已发放, or 发放失败 with the reason the family is told — for the rows it ticks; a 乡镇 only reads.
 */
export default function PaymentsPage() {
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [monthText, setMonthText] = useState('');
  const [status, setStatus] = useState<PaymentStatus | 'all'>('all');
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<number[]>([]);
  const [failing, setFailing] = useState(false);
  const [failReason, setFailReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const month = MONTH.test(monthText) ? monthText : undefined;
  const query = useQuery({
    queryKey: ['assistance', 'payments', month, status, page],
    queryFn: () => paymentsApi.list({ month, status: status === 'all' ? undefined : status, page, pageSize: 20 }),
  });
  const settle = useMutation({
    mutationFn: (v: { result: 'paid' | 'failed'; reason?: string }) => paymentsApi.settle({ ids: selected, ...v }),
    onSuccess: (r, v) => {
      message.success(
        v.result === 'paid' ? `已登记发放 ${r.updated} 笔` : `已登记发放失败 ${r.updated} 笔，已通知申请人`,
      );
      setSelected([]);
      setFailing(false);
      queryClient.invalidateQueries({ queryKey: ['assistance', 'payments'] });
    },
    onError: (err) => message.error(reason(err)),
  });
  const exportMonth = (format: 'xlsx' | 'csv', fallback: string) =>
    download('/api/staff/assistance/payments/export', `发放名单-${month ?? fallback}.${format}`, {
      month: month ?? fallback,
      format,
    }).catch((err) => message.error(reason(err)));
  const confirmFailed = () => {
    const text = failReason.trim();
    if (text.length < 2) {
      setReasonError('请填写发放失败的原因');
      return;
    }
    settle.mutate({ result: 'failed', reason: text });
  };

  return (
    <>
      <PageHeader
        title="社会救助 · 发放记录"
        sub="低保、特困按月发放；自批准的次月起列入发放名单，调整、暂停、停止自决定的次月起生效。"
      />
      <Space wrap style={{ marginBottom: 16 }}>
        <Input
          placeholder="月份，如 2026-04（空为全部）"
          value={monthText}
          onChange={(e) => {
            setMonthText(e.target.value.trim());
            setPage(1);
          }}
          status={monthText && !month ? 'error' : undefined}
          style={{ width: 220 }}
          data-testid="payments-month"
        />
        <Select
          value={status}
          onChange={(v) => {
            setStatus(v);
            setPage(1);
          }}
          style={{ width: 140 }}
          data-testid="payments-status"
          options={[
            { value: 'all', label: '全部状态' },
            ...(['pending', 'paid', 'failed'] as const).map((s) => ({
              value: s,
              label: ASSISTANCE_PAYMENT_STATUS_NAMES[s],
            })),
          ]}
        />
      </Space>
      <Async query={query}>
        {(data: PaymentPage) => (
          <>
            <Row gutter={16} style={{ marginBottom: 16 }} data-testid="payments-totals">
              {(['pending', 'paid', 'failed'] as const).map((s) => (
                <Col span={8} key={s}>
                  <Card>
                    <Statistic
                      title={`${ASSISTANCE_PAYMENT_STATUS_NAMES[s]}（${data.totals[s].count}笔）`}
                      value={yuan(data.totals[s].amountCents)}
                      suffix="元"
                    />
                  </Card>
                </Col>
              ))}
            </Row>
            <Space style={{ marginBottom: 12 }} wrap>
              <Button
                type="primary"
                disabled={!selected.length}
                loading={settle.isPending}
                onClick={() => settle.mutate({ result: 'paid' })}
              >
                登记已发放（{selected.length}）
              </Button>
              <Button
                danger
                disabled={!selected.length}
                onClick={() => {
                  setFailReason('');
                  setReasonError(null);
                  setFailing(true);
                }}
              >
                登记发放失败
              </Button>
              <Button onClick={() => exportMonth('xlsx', data.currentMonth)}>
                导出{month ?? data.currentMonth}发放名单（Excel）
              </Button>
              <Button onClick={() => exportMonth('csv', data.currentMonth)}>导出CSV</Button>
            </Space>
            {data.items.length ? (
              <Table<Payment>
                rowKey="id"
                size="middle"
                data-testid="payments-table"
                dataSource={data.items}
                rowSelection={{
                  selectedRowKeys: selected,
                  onChange: (keys) => setSelected(keys as number[]),
                  getCheckboxProps: (r) => ({ disabled: !r.canSettle || r.status === 'paid' }),
                }}
                pagination={{
                  current: data.page,
                  pageSize: data.pageSize,
                  total: data.total,
                  onChange: (p) => {
                    setPage(p);
                    setSelected([]);
                  },
                }}
                columns={[
                  { title: '月份', dataIndex: 'month' },
                  {
                    title: '案件编号',
                    dataIndex: 'number',
                    render: (n: string) => <span data-testid={`payment-${n}`}>{n}</span>,
                  },
                  { title: '类别', dataIndex: 'kindName' },
                  { title: '户主', dataIndex: 'headName' },
                  { title: '县（区）', dataIndex: 'countyName' },
                  { title: '金额（元）', dataIndex: 'amountCents', render: (c: number) => yuan(c) },
                  {
                    title: '状态',
                    dataIndex: 'status',
                    render: (s: PaymentStatus, r) => (
                      <Space direction="vertical" size={0}>
                        <Tag color={COLORS[s]}>{r.statusName}</Tag>
                        {r.reason && <Typography.Text type="danger">{r.reason}</Typography.Text>}
                      </Space>
                    ),
                  },
                ]}
              />
            ) : (
              <EmptyState text="暂无发放记录：案件批准后的次月起列入发放名单" />
            )}
          </>
        )}
      </Async>
      <Modal
        title="登记发放失败"
        open={failing}
        onCancel={() => setFailing(false)}
        onOk={confirmFailed}
        okText="登记并通知申请人"
        confirmLoading={settle.isPending}
        destroyOnHidden
      >
        <p>已选 {selected.length} 笔。失败原因将通知申请人，请写明需要其配合的事项。</p>
        <Input.TextArea
          rows={3}
          value={failReason}
          onChange={(e) => {
            setFailReason(e.target.value);
            setReasonError(null);
          }}
          placeholder="如：收款银行账户已销户"
          data-testid="payments-fail-reason"
        />
        {reasonError && <Typography.Text type="danger">{reasonError}</Typography.Text>}
      </Modal>
    </>
  );
}
