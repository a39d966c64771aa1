import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Button, Input, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import type { PlaceNameView } from '@minzheng/contracts';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { AnnounceModal, type Announcing } from './AnnounceModal';
import { placeApi, placeKeys } from './api';

/** 地名登记: the standard names of the officer's divisions; name, rename or cancel through a 备案公告. */
export default function RegisterPage() {
  const [q, setQ] = useState('');
  const [status, setStatus] = useState('current');
  const [page, setPage] = useState(1);
  const [announcing, setAnnouncing] = useState<Announcing | null>(null);
  const query = useQuery({
    queryKey: placeKeys.register(q, status, page),
    queryFn: () => placeApi.register(q, status, page),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title="区划地名 · 地名登记"
        sub="仅显示本辖区的标准地名。命名、更名、销名须经批准，并以地名备案公告发布。"
        extra={
          <Button type="primary" onClick={() => setAnnouncing({ action: 'name' })} data-testid="pn-new">
            命名新地名
          </Button>
        }
      />
      <Space style={{ marginBottom: 16 }} wrap>
        <Input.Search
          placeholder="地名、拼音或首字母"
          allowClear
          onSearch={(v) => {
            setQ(v.trim());
            setPage(1);
          }}
          style={{ width: 260 }}
          data-testid="pn-search"
        />
        <Segmented
          options={[
            { value: 'current', label: '现行' },
            { value: 'cancelled', label: '已销名' },
            { value: 'all', label: '全部' },
          ]}
          value={status}
          onChange={(v) => {
            setStatus(String(v));
            setPage(1);
          }}
        />
      </Space>
      <Async query={query}>
        {({ items, hasMore }) =>
          items.length === 0 ? (
            <EmptyState text={q ? '没有符合条件的地名' : '本辖区暂无地名登记'} />
          ) : (
            <Table<PlaceNameView>
              rowKey="id"
              dataSource={items}
              pagination={{
                current: page,
                pageSize: 20,
                total: (page - 1) * 20 + items.length + (hasMore ? 1 : 0),
                onChange: setPage,
              }}
              onRow={(n) => ({ 'data-testid': `pn-${n.name}` }) as React.HTMLAttributes<HTMLElement>}
              columns={[
                {
                  title: '标准名称',
                  render: (_, n) => (
                    <>
                      {n.name}
                      {n.formerName && <div style={{ color: '#999', fontSize: 12 }}>曾用名：{n.formerName}</div>}
                    </>
                  ),
                },
                { title: '罗马字母拼写', dataIndex: 'pinyin' },
                { title: '类别', dataIndex: 'categoryLabel' },
                { title: '所属政区', dataIndex: 'divisionName' },
                { title: '批准', render: (_, n) => `${n.approvalBody}（${n.approvalDate}）` },
                {
                  title: '状态',
                  render: (_, n) => (n.status === 'current' ? <Tag color="green">现行</Tag> : <Tag>已销名</Tag>),
                },
                {
                  title: '操作',
                  render: (_, n) =>
                    n.status === 'current' ? (
                      <Space size={4}>
                        <Button size="small" onClick={() => setAnnouncing({ action: 'rename', place: n })}>
                          更名
                        </Button>
                        <Button size="small" danger onClick={() => setAnnouncing({ action: 'cancel', place: n })}>
                          销名
                        </Button>
                      </Space>
                    ) : null,
                },
              ]}
            />
          )
        }
      </Async>
      <AnnounceModal announcing={announcing} onClose={() => setAnnouncing(null)} />
    </>
  );
}
