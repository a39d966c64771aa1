import { useQuery } from '@tanstack/react-query';
import { Alert, Segmented, Table, Tag } from 'antd';
import { useState } from 'react';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { socialWorkApi, socialWorkKeys } from './api';

/** 社工名册: every registered social worker in scope, with what is due (登记, 再登记, 继续教育学时). */
export default function RegistryPage() {
  const [due, setDue] = useState(false);
  const query = useQuery({ queryKey: socialWorkKeys.workers(due), queryFn: () => socialWorkApi.workers(due) });
  const dueCount = query.data?.items.filter((w) => w.reminders.length > 0).length ?? 0;
  return (
    <>
      <PageHeader
        title="社会工作 · 社工名册"
        sub="登记期限与继续教育学时按各等级规则计算（助理72学时、中级和高级90学时，每3年再登记）。"
        extra={
          <Segmented
            value={due ? 'due' : 'all'}
            onChange={(v) => setDue(v === 'due')}
            options={[
              { label: '全部', value: 'all' },
              { label: '待办提醒', value: 'due' },
            ]}
          />
        }
      />
      {!due && dueCount > 0 ? (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={`${dueCount} 名社工须办理登记或补足继续教育学时`}
        />
      ) : null}
      <Async query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState text={due ? '暂无需要提醒的社工' : '暂无登记的社会工作者'} />
          ) : (
            <Table
              rowKey="id"
              dataSource={data.items}
              pagination={{ pageSize: 50, hideOnSinglePage: true }}
              data-testid="sw-workers"
              columns={[
                { title: '姓名', dataIndex: 'name' },
                { title: '等级', dataIndex: 'levelName' },
                { title: '证书编号', dataIndex: 'certificateNo' },
                { title: '社工站', render: (_, w) => w.stationName ?? '—' },
                { title: '登记日期', render: (_, w) => w.registeredOn ?? <Tag color="orange">未登记</Tag> },
                { title: '应登记/再登记', dataIndex: 'registrationDueOn' },
                {
                  title: '本周期学时',
                  render: (_, w) => (w.registeredOn ? `${w.hoursInPeriod}/${w.hoursRequired}` : '—'),
                },
                {
                  title: '提醒',
                  render: (_, w) =>
                    w.reminders.length ? (
                      w.reminders.map((r) => (
                        <div key={r.kind}>
                          <Tag color={r.daysLeft < 0 ? 'red' : 'orange'}>{r.message}</Tag>
                        </div>
                      ))
                    ) : (
                      <Tag color="green">正常</Tag>
                    ),
                },
              ]}
            />
          )
        }
      </Async>
    </>
  );
}
