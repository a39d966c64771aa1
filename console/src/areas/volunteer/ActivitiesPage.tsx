import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { ActivityForm } from './ActivityForm';
import { beijing, volunteerApi, volunteerKeys } from './api';

/** 志愿活动: the activities of the organizations this account acts for; organizations living on 补录 flagged. */
export default function ActivitiesPage() {
  const query = useQuery({ queryKey: volunteerKeys.activities(), queryFn: volunteerApi.activities });
  const orgs = useQuery({ queryKey: ['volunteer', 'orgs'], queryFn: volunteerApi.orgs });
  const flagged = orgs.data?.items.filter((o) => o.manualFlagged) ?? [];
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader
        title="志愿服务 · 志愿活动"
        sub="服务时长只来自现场扫码签到签退，经组织确认后计入；补录须填写理由并全程标注。"
        extra={
          <Button type="primary" onClick={() => setCreating(true)}>
            新建活动
          </Button>
        }
      />
      <ActivityForm open={creating} onClose={() => setCreating(false)} />
      {flagged.map((o) => (
        <Alert
          key={o.id}
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${o.name}：已确认时长中补录占 ${Math.round(o.manualShare * 100)}%，请核查`}
        />
      ))}
      <Async query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState text="暂无志愿活动" />
          ) : (
            <Table
              rowKey="id"
              dataSource={data.items}
              pagination={false}
              columns={[
                {
                  title: '活动',
                  dataIndex: 'title',
                  render: (t, a) => <Link to={`/volunteer/activities/${a.id}`}>{t}</Link>,
                },
                { title: '组织', render: (_, a) => a.org?.name },
                { title: '类型', dataIndex: 'typeName' },
                { title: '时间', render: (_, a) => `${beijing(a.startsAt)} 至 ${beijing(a.endsAt)}` },
                { title: '名额', render: (_, a) => `${a.quota - a.placesLeft}/${a.quota}` },
                { title: '状态', render: (_, a) => <Tag>{a.statusName}</Tag> },
              ]}
            />
          )
        }
      </Async>
    </>
  );
}
