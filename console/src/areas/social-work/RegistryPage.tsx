import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Segmented, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { beijingToday } from '../../app/beijing';
import { PageHeader } from '../../app/PageHeader';
import { canUse } from '../../app/roles';
import { useStaff } from '../../app/session';
import { Async, EmptyState } from '../../app/states';
import { socialWorkApi, socialWorkKeys, type Worker } from './api';
import { WorkerModal, WorkerStepModal } from './WorkerModal';

/** 社工名册: every registered social worker in scope, with what is due (登记, 再登记, 继续教育学时). */
export default function RegistryPage() {
  const [due, setDue] = useState(false);
  const staff = useStaff();
  const officer = canUse(staff.roles, ['social_work_officer']);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const query = useQuery({ queryKey: socialWorkKeys.workers(due), queryFn: () => socialWorkApi.workers(due) });
  const stations = useQuery({ queryKey: socialWorkKeys.stations(), queryFn: socialWorkApi.stations, enabled: officer });
  // The worker form: null closed, 'new' to register, a worker to edit.
  const [editing, setEditing] = useState<Worker | 'new' | null>(null);
  const [step, setStep] = useState<{ kind: 'training' | 'registration'; worker: Worker } | null>(null);
  const saved = async (text: string) => {
    setEditing(null);
    setStep(null);
    message.success(text);
    await queryClient.invalidateQueries({ queryKey: socialWorkKeys.all });
  };
  const dueCount = query.data?.items.filter((w) => w.reminders.length > 0).length ?? 0;
  return (
    <>
      <PageHeader
        title="社会工作 · 社工名册"
        sub="登记期限与继续教育学时按各等级规则计算（助理72学时、中级和高级90学时，每3年再登记）。"
        extra={
          <Space>
            {officer && (
              <Button type="primary" onClick={() => setEditing('new')} data-testid="sw-worker-new">
                登记社工
              </Button>
            )}
            <Segmented
              value={due ? 'due' : 'all'}
              onChange={(v) => setDue(v === 'due')}
              options={[
                { label: '全部', value: 'all' },
                { label: '待办提醒', value: 'due' },
              ]}
            />
          </Space>
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
                ...(officer
                  ? [
                      {
                        title: '操作',
                        render: (_: unknown, w: Worker) => (
                          <Space size={0} wrap>
                            <Button type="link" size="small" onClick={() => setEditing(w)}>
                              编辑
                            </Button>
                            <Button type="link" size="small" onClick={() => setStep({ kind: 'training', worker: w })}>
                              录入学时
                            </Button>
                            <Button
                              type="link"
                              size="small"
                              onClick={() => setStep({ kind: 'registration', worker: w })}
                            >
                              记录登记
                            </Button>
                          </Space>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )
        }
      </Async>
      <WorkerModal
        open={editing !== null}
        worker={editing === 'new' ? null : editing}
        stations={stations.data?.items ?? []}
        defaultDivision={staff.scope.divisions.find((d) => d !== '') ?? ''}
        onClose={() => setEditing(null)}
        onSaved={(w) => void saved(editing === 'new' ? `已登记社工 ${w.name}` : `已保存 ${w.name} 的信息`)}
      />
      <WorkerStepModal
        step={step?.kind ?? null}
        worker={step?.worker ?? null}
        today={beijingToday()}
        onClose={() => setStep(null)}
        onSaved={(w) => void saved(step?.kind === 'training' ? `已录入 ${w.name} 的学时` : `已记录 ${w.name} 的登记`)}
      />
    </>
  );
}
