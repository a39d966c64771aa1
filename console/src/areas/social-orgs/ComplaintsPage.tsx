import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Descriptions,
  Drawer,
  Image,
  Input,
  Segmented,
  Space,
  Table,
  Tag,
  Timeline,
} from 'antd';
import { useEffect, useState } from 'react';
import { getToken, reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async } from '../../app/states';
import { type Complaint, type ComplaintItem, type ComplaintStatus, orgKeys, orgsApi, since } from './api';

const STATUS_TABS: { value: ComplaintStatus | 'all'; label: string }[] = [
  { value: 'submitted', label: '待受理' },
  { value: 'accepted', label: '办理中' },
  { value: 'answered', label: '已答复' },
  { value: 'rejected', label: '不予受理' },
  { value: 'all', label: '全部' },
];
const STATUS_COLORS: Record<ComplaintStatus, string> = {
  submitted: 'blue',
  accepted: 'gold',
  answered: 'green',
  rejected: 'default',
};

function Deadline({ d, now }: { d: ComplaintItem['deadline']; now: number }) {
  if (!d) return <span>—</span>;
  const days = Math.ceil((new Date(d.dueAt).getTime() - now) / 86400_000);
  if (d.overdue)
    return (
      <Tag color="red" data-testid="overdue">
        {d.awaiting}已超期
      </Tag>
    );
  return (
    <Tag color={days <= 3 ? 'orange' : 'default'}>
      {d.awaiting}期限：{days <= 0 ? '今天' : `${days} 天后`}
    </Tag>
  );
}

/** The complaints of the officer's region: accept, answer or reject with a reason, oldest waits in view. */
export default function ComplaintsPage() {
  const [status, setStatus] = useState<ComplaintStatus | 'all'>('submitted');
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState<number | null>(null);
  const s = status === 'all' ? undefined : status;
  const query = useQuery({
    queryKey: orgKeys.complaints(s, page),
    queryFn: () => orgsApi.complaints(s, page, 20),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
  return (
    <>
      <PageHeader title="投诉举报" sub="受理期限15日、答复期限自受理起60日（《信访工作条例》）；超期的投诉标红。" />
      <Segmented
        options={STATUS_TABS}
        value={status}
        onChange={(v) => {
          setStatus(v as ComplaintStatus | 'all');
          setPage(1);
        }}
        style={{ marginBottom: 16 }}
        data-testid="complaint-status"
      />
      <Async query={query}>
        {({ items, total, now: serverNow }) => (
          <Table<ComplaintItem>
            rowKey="id"
            data-testid="complaints"
            dataSource={items}
            loading={query.isFetching && query.isPlaceholderData}
            onRow={(c) => ({ onClick: () => setOpen(c.id), style: { cursor: 'pointer' } })}
            locale={{ emptyText: status === 'submitted' ? '没有待受理的投诉' : '暂无投诉' }}
            pagination={{ current: page, pageSize: 20, total, onChange: setPage, showTotal: (n) => `共 ${n} 件` }}
            columns={[
              { title: '投诉编号', dataIndex: 'trackingNo', width: 170 },
              { title: '被投诉组织', dataIndex: 'targetName' },
              {
                title: '状态',
                dataIndex: 'status',
                width: 100,
                render: (st: ComplaintStatus, c) => <Tag color={STATUS_COLORS[st]}>{c.statusName}</Tag>,
              },
              {
                title: '提交时间',
                dataIndex: 'submittedAt',
                width: 190,
                render: (at: string) => (
                  <span title={new Date(at).toLocaleString('zh-CN')}>
                    {new Date(at).toLocaleDateString('zh-CN')}（{since(at, Date.parse(serverNow))}）
                  </span>
                ),
              },
              {
                title: '期限',
                dataIndex: 'deadline',
                width: 150,
                render: (d) => <Deadline d={d} now={Date.parse(serverNow)} />,
              },
            ]}
          />
        )}
      </Async>
      <ComplaintDrawer
        id={open}
        now={query.data ? Date.parse(query.data.now) : Date.now()}
        onClose={() => setOpen(null)}
      />
    </>
  );
}

/** A complaint image, fetched with the staff token (an <img> cannot send it). */
function Evidence({ complaintId, token }: { complaintId: number; token: string }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    let objectUrl: string | undefined;
    fetch(`/api/staff/social-orgs/complaints/${complaintId}/images/${token}`, {
      headers: { authorization: `Bearer ${getToken()}` },
    })
      .then((r) => (r.ok ? r.blob() : null))
      .then((b) => {
        if (b) setUrl((objectUrl = URL.createObjectURL(b)));
      })
      .catch(() => {});
    return () => {
      if (objectUrl) URL.revokeObjectURL(objectUrl);
    };
  }, [complaintId, token]);
  return url ? <Image src={url} width={96} height={96} style={{ objectFit: 'cover' }} /> : <span>图片加载中…</span>;
}

function ComplaintDrawer({ id, now, onClose }: { id: number | null; now: number; onClose: () => void }) {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const query = useQuery({
    queryKey: orgKeys.complaint(id ?? 0),
    queryFn: () => orgsApi.complaint(id!),
    enabled: id !== null,
  });
  const [mode, setMode] = useState<'answer' | 'reject' | null>(null);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    setMode(null);
    setText('');
    setError(null);
  }, [id]);

  const act = async (run: () => Promise<{ complaint: Complaint }>, done: string) => {
    setBusy(true);
    setError(null);
    try {
      const { complaint } = await run();
      queryClient.setQueryData(orgKeys.complaint(complaint.id), { complaint });
      queryClient.invalidateQueries({ queryKey: ['social-orgs', 'complaints'] });
      setMode(null);
      setText('');
      message.success(done);
    } catch (err) {
      setError(reason(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Drawer open={id !== null} onClose={onClose} width={620} title="投诉详情" destroyOnHidden>
      {id !== null && (
        <Async query={query}>
          {({ complaint: c }) => (
            <div data-testid="complaint">
              <Descriptions column={1} size="small" bordered>
                <Descriptions.Item label="投诉编号">{c.trackingNo}</Descriptions.Item>
                <Descriptions.Item label="被投诉组织">{c.targetName}</Descriptions.Item>
                <Descriptions.Item label="类别">{c.categoryName}</Descriptions.Item>
                <Descriptions.Item label="状态">
                  <Tag color={STATUS_COLORS[c.status]} data-testid="complaint-state">
                    {c.statusName}
                  </Tag>
                  <Deadline d={c.deadline} now={now} />
                </Descriptions.Item>
                <Descriptions.Item label="提交时间">
                  {new Date(c.submittedAt).toLocaleString('zh-CN')}（{since(c.submittedAt, now)}）
                </Descriptions.Item>
                <Descriptions.Item label="投诉内容">{c.content}</Descriptions.Item>
                <Descriptions.Item label="投诉人">
                  {c.anonymous ? '匿名' : c.contact ? `${c.contact.name ?? ''} ${c.contact.phone}` : '未留联系方式'}
                </Descriptions.Item>
                {c.images.length > 0 && (
                  <Descriptions.Item label="证据图片">
                    <Space>
                      {c.images.map((i) => (
                        <Evidence key={i.id} complaintId={c.id} token={i.id} />
                      ))}
                    </Space>
                  </Descriptions.Item>
                )}
                {c.answer && <Descriptions.Item label="答复">{c.answer}</Descriptions.Item>}
                {c.rejectReason && <Descriptions.Item label="不予受理理由">{c.rejectReason}</Descriptions.Item>}
              </Descriptions>
              <Timeline
                style={{ marginTop: 20 }}
                items={c.progress.map((p) => ({
                  children: `${new Date(p.at).toLocaleString('zh-CN')} ${p.statusName}${p.note ? `：${p.note}` : ''}`,
                }))}
              />
              {error && (
                <Alert type="error" showIcon className="form-alert" message={error} data-testid="complaint-error" />
              )}
              {(c.status === 'submitted' || c.status === 'accepted') && (
                <>
                  {mode && (
                    <Input.TextArea
                      rows={4}
                      value={text}
                      onChange={(e) => setText(e.target.value)}
                      placeholder={
                        mode === 'answer' ? '答复内容（至少5个字），将发送给投诉人' : '不予受理的理由，将告知投诉人'
                      }
                      maxLength={mode === 'answer' ? 2000 : 500}
                      style={{ marginBottom: 12 }}
                      data-testid="complaint-text"
                    />
                  )}
                  <Space>
                    {c.status === 'submitted' && !mode && (
                      <Button
                        type="primary"
                        loading={busy}
                        onClick={() => act(() => orgsApi.accept(c.id), '已受理，已通知投诉人')}
                        data-testid="complaint-accept"
                      >
                        受理
                      </Button>
                    )}
                    {c.status === 'accepted' && mode !== 'answer' && (
                      <Button type="primary" onClick={() => setMode('answer')} data-testid="complaint-answer">
                        答复
                      </Button>
                    )}
                    {mode !== 'reject' && mode !== 'answer' && (
                      <Button danger onClick={() => setMode('reject')} data-testid="complaint-reject">
                        不予受理
                      </Button>
                    )}
                    {mode && (
                      <>
                        <Button
                          type="primary"
                          danger={mode === 'reject'}
                          loading={busy}
                          data-testid="complaint-send"
                          onClick={() =>
                            act(
                              () => (mode === 'answer' ? orgsApi.answer(c.id, text) : orgsApi.reject(c.id, text)),
                              mode === 'answer' ? '已答复，已通知投诉人' : '已不予受理，已告知投诉人',
                            )
                          }
                        >
                          {mode === 'answer' ? '发送答复' : '确认不予受理'}
                        </Button>
                        <Button onClick={() => setMode(null)}>取消</Button>
                      </>
                    )}
                  </Space>
                </>
              )}
            </div>
          )}
        </Async>
      )}
    </Drawer>
  );
}
