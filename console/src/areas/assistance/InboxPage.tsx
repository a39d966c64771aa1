import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { ASSISTANCE_TYPES, assistanceApi, assistanceKeys, type Flag, type InboxItem } from './api';
import { Due } from './DueTag';

/** The actions the engine lets a batch take, by stage (those declared `bulk`). */
const BULK: Record<string, { action: string; name: string }> = {
  approve: { action: 'grant', name: '批量批准' },
  confirm: { action: 'confirm', name: '批量确认' },
};

/**
 * 待办案件: the cases this account must act on (its role at its level within its divisions, or
 * named to it), earliest deadline first, with 即将超期 / 已超期 marks; cases already reviewed may
 * be approved in a batch (all or nothing, as the engine does it).
 */
export default function InboxPage() {
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [type, setType] = useState<string | undefined>();
  const [flag, setFlag] = useState<Flag | undefined>();
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<InboxItem[]>([]);
  const [opinion, setOpinion] = useState('');
  const [batchOpen, setBatchOpen] = useState(false);
  const q = { type, flag, page };
  const query = useQuery({ queryKey: assistanceKeys.inbox(q), queryFn: () => assistanceApi.inbox(q) });
  // Every type whose stages an assistance officer holds (社会救助 and 丧葬补助), from the engine.
  const types = useQuery({ queryKey: assistanceKeys.types, queryFn: assistanceApi.types });
  const typeOptions = types.data
    ? types.data.items
        .filter((t) => t.stages.some((s) => s.holder?.role === 'assistance_officer'))
        .map((t) => ({ value: t.key, label: t.name }))
    : Object.entries(ASSISTANCE_TYPES).map(([value, label]) => ({ value, label }));

  const stages = new Set(selected.map((s) => s.stage));
  const bulk = stages.size === 1 ? BULK[[...stages][0]] : undefined;
  const batch = useMutation({
    mutationFn: () =>
      assistanceApi.bulk(
        selected.map((s) => s.id),
        bulk!.action,
        opinion.trim() || undefined,
      ),
    onSuccess: () => {
      message.success(`已办理${selected.length}件`);
      setSelected([]);
      setBatchOpen(false);
      setOpinion('');
      queryClient.invalidateQueries({ queryKey: ['assistance'] });
    },
    onError: (err) => message.error(reason(err)),
  });

  return (
    <>
      <PageHeader
        title="社会救助 · 待办案件"
        sub="按法定办理期限排序；期限按工作日计算（含调休）。"
        extra={
          <Space>
            <Select
              allowClear
              placeholder="案件类型"
              style={{ width: 170 }}
              value={type}
              onChange={(v) => {
                setType(v);
                setPage(1);
              }}
              options={typeOptions}
              data-testid="filter-type"
            />
            <Select
              allowClear
              placeholder="期限提醒"
              style={{ width: 130 }}
              value={flag}
              onChange={(v) => {
                setFlag(v);
                setPage(1);
              }}
              options={[
                { value: 'overdue', label: '已超期' },
                { value: 'near', label: '即将超期' },
              ]}
              data-testid="filter-flag"
            />
            <Button
              type="primary"
              disabled={!bulk}
              onClick={() => setBatchOpen(true)}
              data-testid="batch"
              title={selected.length && !bulk ? '所选案件须处于同一可批量办理的环节' : undefined}
            >
              {bulk ? `${bulk.name}（${selected.length}）` : '批量办理'}
            </Button>
          </Space>
        }
      />
      <Async query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState text={flag || type ? '没有符合条件的待办案件。' : '暂无待办案件。'} />
          ) : (
            <Table<InboxItem>
              rowKey="id"
              dataSource={data.items}
              data-testid="inbox"
              rowSelection={{
                selectedRowKeys: selected.map((s) => s.id),
                onChange: (_keys, rows) => setSelected(rows),
                getCheckboxProps: (r) => ({ disabled: !BULK[r.stage] }),
              }}
              pagination={{ current: page, total: data.total, pageSize: data.pageSize, onChange: setPage }}
              columns={[
                {
                  title: '案件',
                  dataIndex: 'number',
                  render: (n: string, r) => (
                    <Link to={`/assistance/cases/${r.id}`} data-testid={`case-${r.number}`}>
                      {n}
                    </Link>
                  ),
                },
                { title: '类型', dataIndex: 'typeName' },
                {
                  title: '申请家庭',
                  dataIndex: 'title',
                  render: (t: string, r) => (
                    <Space>
                      {t}
                      {r.marks.map((m) => (
                        <Tag key={m.key} color="purple">
                          {m.name}
                        </Tag>
                      ))}
                    </Space>
                  ),
                },
                { title: '环节', dataIndex: 'stageName' },
                {
                  title: '承办',
                  render: (_, r) => (r.heldBy.includes('指定') && r.assignee ? r.assignee.name : r.heldBy),
                },
                {
                  title: '办理期限',
                  dataIndex: 'dueOn',
                  render: (_, r) => (
                    <Due dueOn={r.dueOn} provisional={r.dueProvisional} flag={r.flag} daysLeft={r.workingDaysLeft} />
                  ),
                },
              ]}
            />
          )
        }
      </Async>
      <Modal
        open={batchOpen}
        title={bulk?.name}
        okText="确认办理"
        cancelText="取消"
        confirmLoading={batch.isPending}
        onOk={() => batch.mutate()}
        onCancel={() => setBatchOpen(false)}
      >
        <p>
          将对所选 {selected.length} 件案件一并办理：{selected.map((s) => s.number).join('、')}
          。任一件无法办理时，全部不办理。
        </p>
        <Input.TextArea
          rows={3}
          placeholder="办理意见（选填）"
          value={opinion}
          onChange={(e) => setOpinion(e.target.value)}
          data-testid="batch-opinion"
        />
      </Modal>
    </>
  );
}
