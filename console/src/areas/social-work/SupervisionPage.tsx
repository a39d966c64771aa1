import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Input, Modal, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { reason as reasonOf } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { socialWorkApi, socialWorkKeys } from './api';

/** 服务记录督导: approve a worker's service record, or return it with a reason. */
export default function SupervisionPage() {
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const [status, setStatus] = useState('pending');
  const [returning, setReturning] = useState<number | null>(null);
  const [text, setText] = useState('');
  const query = useQuery({ queryKey: socialWorkKeys.records(status), queryFn: () => socialWorkApi.records(status) });
  const run = useMutation({
    mutationFn: (fn: () => Promise<unknown>) => fn(),
    onSuccess: () => {
      message.success('已办理');
      setReturning(null);
      client.invalidateQueries({ queryKey: socialWorkKeys.all });
    },
    onError: (err) => message.error(reasonOf(err)),
  });
  return (
    <>
      <PageHeader
        title="社会工作 · 服务记录督导"
        sub="社工填写一次的服务记录即用于督导、求助进度和统计，无需重复填报。退回须填写理由。"
        extra={
          <Segmented
            value={status}
            onChange={(v) => setStatus(String(v))}
            options={[
              { label: '待审核', value: 'pending' },
              { label: '已通过', value: 'approved' },
              { label: '已退回', value: 'rejected' },
            ]}
          />
        }
      />
      <Async query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState text="暂无服务记录" />
          ) : (
            <Table
              rowKey="id"
              dataSource={data.items}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              data-testid="sw-records"
              columns={[
                { title: '求助编号', dataIndex: 'requestNumber' },
                { title: '社工站', dataIndex: 'stationName' },
                { title: '社工', dataIndex: 'workerName' },
                { title: '类型', render: (_, r) => <Tag>{r.kindName}</Tag> },
                { title: '服务日期', dataIndex: 'servedOn' },
                { title: '服务内容', dataIndex: 'content' },
                {
                  title: status === 'rejected' ? '退回理由' : '操作',
                  render: (_, r) =>
                    r.status === 'pending' ? (
                      <Space>
                        <Button
                          size="small"
                          type="primary"
                          onClick={() => run.mutate(() => socialWorkApi.approve(r.id))}
                        >
                          通过
                        </Button>
                        <Button
                          size="small"
                          danger
                          onClick={() => {
                            setText('');
                            setReturning(r.id);
                          }}
                        >
                          退回
                        </Button>
                      </Space>
                    ) : (
                      (r.reviewReason ?? '—')
                    ),
                },
              ]}
            />
          )
        }
      </Async>
      <Modal
        open={returning !== null}
        title="退回服务记录的理由"
        okText="退回"
        cancelText="取消"
        onCancel={() => setReturning(null)}
        onOk={() => {
          const id = returning!;
          run.mutate(() => socialWorkApi.reject(id, text.trim()));
        }}
      >
        <Input.TextArea rows={3} value={text} onChange={(e) => setText(e.target.value)} placeholder="请填写理由" />
      </Modal>
    </>
  );
}
