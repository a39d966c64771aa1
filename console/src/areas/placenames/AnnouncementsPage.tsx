import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Table, Tag } from 'antd';
import { useState } from 'react';
import type { PlaceNameAnnouncementView } from '@minzheng/contracts';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { placeApi, placeKeys } from './api';

const COLORS = { name: 'green', rename: 'blue', cancel: 'default' } as const;

/** 备案公告: what this office published, newest first. */
export default function AnnouncementsPage() {
  const [page, setPage] = useState(1);
  const query = useQuery({
    queryKey: placeKeys.announcements(page),
    queryFn: () => placeApi.announcements(page),
    placeholderData: keepPreviousData,
  });
  return (
    <>
      <PageHeader
        title="区划地名 · 地名备案公告"
        sub="本辖区已发布的命名、更名、销名公告；关注该地区的用户已收到通知。"
      />
      <Async query={query}>
        {({ items, hasMore }) =>
          items.length === 0 ? (
            <EmptyState text="暂无地名备案公告" />
          ) : (
            <Table<PlaceNameAnnouncementView>
              rowKey="id"
              dataSource={items}
              pagination={{
                current: page,
                pageSize: 20,
                total: (page - 1) * 20 + items.length + (hasMore ? 1 : 0),
                onChange: setPage,
              }}
              columns={[
                {
                  title: '类型',
                  render: (_, a) => <Tag color={COLORS[a.action]}>{a.actionLabel}</Tag>,
                },
                {
                  title: '标准名称',
                  render: (_, a) => (a.formerName ? `${a.formerName} → ${a.name}` : a.name),
                },
                { title: '罗马字母拼写', dataIndex: 'pinyin' },
                { title: '所属政区', dataIndex: 'divisionName' },
                { title: '批准机关', dataIndex: 'approvalBody' },
                { title: '批准时间', dataIndex: 'approvalDate' },
                {
                  title: '发布时间',
                  render: (_, a) => new Date(a.publishedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai' }),
                },
              ]}
            />
          )
        }
      </Async>
    </>
  );
}
