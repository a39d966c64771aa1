import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Input, Modal, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { communityApi, communityKeys, type StaffResident, when } from './api';

const COLORS = { pending: 'orange', confirmed: 'green', rejected: 'default', withdrawn: 'default' } as const;

/** 居民确认: real-named citizens who say they live here; confirm once, or refuse with a reason. */
export default function ResidentsPage() {
  const [status, setStatus] = useState('pending');
  const query = useQuery({ queryKey: communityKeys.residents(status), queryFn: () => communityApi.residents(status) });
  const queryClient = useQueryClient();
  const { message, modal } = AntApp.useApp();
  const [rejecting, setRejecting] = useState<StaffResident | null>(null);
  const [why, setWhy] = useState('');
  const refresh = () => queryClient.invalidateQueries({ queryKey: ['community', 'residents'] });
  const confirm = (r: StaffResident) =>
    modal.confirm({
      title: `确认 ${r.name} 为${r.communityName}居民？`,
      content: `居住地址：${r.address}。确认后不能撤回。`,
      okText: '确认',
      cancelText: '取消',
      onOk: async () => {
        try {
          await communityApi.confirm(r.id);
          message.success('已确认');
        } catch (err) {
          message.error(reason(err));
        }
        await refresh();
      },
    });
  return (
    <>
      <PageHeader title="社区治理 · 居民确认" sub="已实名的群众申请登记为本村/社区居民；确认后可参与议事协商和投票。" />
      <Segmented
        value={status}
        onChange={(v) => setStatus(String(v))}
        options={[
          { value: 'pending', label: '待确认' },
          { value: 'confirmed', label: '已确认' },
          { value: 'rejected', label: '未予确认' },
          { value: 'withdrawn', label: '居民已撤回' },
          { value: 'all', label: '全部' },
        ]}
        style={{ marginBottom: 16 }}
      />
      <Async query={query}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState text="暂无居民登记申请" />
          ) : (
            <Table<StaffResident>
              rowKey="id"
              dataSource={items}
              pagination={{ pageSize: 20 }}
              columns={[
                { title: '姓名', dataIndex: 'name' },
                { title: '身份证号', dataIndex: 'idNumber' },
                { title: '村/社区', dataIndex: 'communityName' },
                { title: '居住地址', dataIndex: 'address' },
                { title: '申请时间', render: (_, r) => when(r.createdAt) },
                { title: '状态', render: (_, r) => <Tag color={COLORS[r.status]}>{r.statusLabel}</Tag> },
                {
                  title: '操作',
                  render: (_, r) =>
                    r.status === 'pending' ? (
                      <Space>
                        <Button type="link" onClick={() => confirm(r)}>
                          确认
                        </Button>
                        <Button type="link" danger onClick={() => setRejecting(r)}>
                          不予确认
                        </Button>
                      </Space>
                    ) : (
                      (r.reason ?? '—')
                    ),
                },
              ]}
            />
          )
        }
      </Async>
      <Modal
        open={rejecting !== null}
        title="不予确认"
        okText="提交"
        cancelText="取消"
        onCancel={() => setRejecting(null)}
        onOk={async () => {
          if (!rejecting) return;
          try {
            await communityApi.reject(rejecting.id, why);
            message.success('已告知申请人');
            setRejecting(null);
            setWhy('');
            await refresh();
          } catch (err) {
            message.error(reason(err));
          }
        }}
      >
        <Input.TextArea
          rows={3}
          placeholder="请填写理由（如：经核实不在本社区居住）"
          value={why}
          onChange={(e) => setWhy(e.target.value)}
        />
      </Modal>
    </>
  );
}
