import { NEED_CATEGORIES, NEED_CATEGORY_NAMES, type SocialWorkProjectView } from '@minzheng/contracts';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Form, Input, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { canUse } from '../../app/roles';
import { PageHeader } from '../../app/PageHeader';
import { useStaff } from '../../app/session';
import { Async, EmptyState } from '../../app/states';
import { type ProjectInput, socialWorkApi, socialWorkKeys } from './api';
import { blank, FormModal, required } from '../../app/forms';

/**
 * 社会工作项目: goals, area and results, entered once by the officer within their divisions and
 * listed publicly (`GET /api/social-work/projects`, the mini-program's station pages). The
 * officer adds a project and writes its results when they are known; station staff read them.
 */
export default function ProjectsPage() {
  const staff = useStaff();
  const officer = canUse(staff.roles, ['social_work_officer']);
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const projects = useQuery({ queryKey: socialWorkKeys.projects(), queryFn: socialWorkApi.projects });
  const stations = useQuery({ queryKey: socialWorkKeys.stations(), queryFn: socialWorkApi.stations, enabled: officer });
  const [creating, setCreating] = useState(false);
  const [results, setResults] = useState<SocialWorkProjectView | null>(null);
  const saved = async (text: string) => {
    setCreating(false);
    setResults(null);
    message.success(text);
    await queryClient.invalidateQueries({ queryKey: socialWorkKeys.projects() });
  };
  const defaultDivision = staff.scope.divisions.find((d) => d !== '') ?? '';

  return (
    <>
      <PageHeader
        title="社会工作 · 社工项目"
        sub="社会工作服务项目的目标、服务地区和成效，录入一次，向群众公开（小程序社工站页面可查）。"
        extra={
          officer && (
            <Button type="primary" onClick={() => setCreating(true)} data-testid="sw-project-new">
              新建项目
            </Button>
          )
        }
      />
      <Async query={projects}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState text="辖区内暂无社会工作项目" />
          ) : (
            <Table<SocialWorkProjectView>
              rowKey="id"
              dataSource={data.items}
              pagination={{ pageSize: 20, hideOnSinglePage: true }}
              data-testid="sw-projects-table"
              columns={[
                { title: '项目', dataIndex: 'title' },
                { title: '类别', render: (_, p) => <Tag>{p.categoryName}</Tag> },
                { title: '地区代码', dataIndex: 'divisionCode' },
                { title: '社工站', render: (_, p) => p.stationName ?? '—' },
                { title: '期间', render: (_, p) => `${p.startsOn} 至 ${p.endsOn ?? '今'}` },
                {
                  title: '目标',
                  render: (_, p) => <Typography.Paragraph ellipsis={{ rows: 2 }}>{p.goals}</Typography.Paragraph>,
                },
                {
                  title: '成效',
                  render: (_, p) => (p.results ? p.results : <Tag color="orange">尚未填写</Tag>),
                },
                ...(officer
                  ? [
                      {
                        title: '操作',
                        render: (_: unknown, p: SocialWorkProjectView) => (
                          <Button type="link" size="small" onClick={() => setResults(p)}>
                            填写成效
                          </Button>
                        ),
                      },
                    ]
                  : []),
              ]}
            />
          )
        }
      </Async>
      <FormModal
        open={creating}
        title="新建社会工作项目"
        width={680}
        testId="sw-project"
        initial={() => ({ divisionCode: defaultDivision, category: 'elderly' })}
        send={async (v) => {
          const body: ProjectInput = {
            title: v.title,
            divisionCode: v.divisionCode,
            category: v.category,
            stationId: blank(v.stationId, false) as number | undefined,
            orgUscc: blank(v.orgUscc, false) as string | undefined,
            goals: v.goals,
            results: blank(v.results, false) as string | undefined,
            startsOn: v.startsOn,
            endsOn: blank(v.endsOn, false) as string | undefined,
          };
          return (await socialWorkApi.createProject(body)).project;
        }}
        onClose={() => setCreating(false)}
        onSaved={(p) => void saved(`已发布项目 ${p.title}，群众可在社工站页面查看`)}
      >
        <Form.Item name="title" label="项目名称" rules={required('项目名称')}>
          <Input maxLength={100} data-testid="sw-project-title" />
        </Form.Item>
        <Form.Item
          name="divisionCode"
          label="服务地区代码"
          rules={required('服务地区代码')}
          extra="区县6位、乡镇（街道）9位或村（社区）12位，须在您的辖区内"
        >
          <Input maxLength={12} data-testid="sw-project-division" />
        </Form.Item>
        <Form.Item name="category" label="服务类别" rules={[{ required: true, message: '请选择服务类别' }]}>
          <Select
            data-testid="sw-project-category"
            options={NEED_CATEGORIES.map((c) => ({ value: c, label: NEED_CATEGORY_NAMES[c] }))}
          />
        </Form.Item>
        <Form.Item name="stationId" label="承接社工站（选填）">
          <Select
            allowClear
            data-testid="sw-project-station"
            options={(stations.data?.items ?? []).map((s) => ({ value: s.id, label: s.name }))}
          />
        </Form.Item>
        <Form.Item name="orgUscc" label="承接机构统一社会信用代码（选填）" extra="须先在「社工站与机构」中登记">
          <Input maxLength={18} />
        </Form.Item>
        <Form.Item name="goals" label="项目目标" rules={required('项目目标')}>
          <Input.TextArea rows={3} maxLength={2000} data-testid="sw-project-goals" />
        </Form.Item>
        <Form.Item name="results" label="项目成效（可稍后填写）">
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        <Space>
          <Form.Item name="startsOn" label="开始日期" rules={required('开始日期')}>
            <Input type="date" data-testid="sw-project-starts" />
          </Form.Item>
          <Form.Item name="endsOn" label="结束日期（选填）">
            <Input type="date" data-testid="sw-project-ends" />
          </Form.Item>
        </Space>
      </FormModal>
      <FormModal
        open={results !== null}
        title={`填写项目成效：${results?.title ?? ''}`}
        testId="sw-project-results"
        resetKey={results}
        initial={() => ({ results: results?.results ?? '' })}
        send={async (v) => (await socialWorkApi.updateProjectResults(results!.id, v.results)).project}
        onClose={() => setResults(null)}
        onSaved={(p) => void saved(`已更新 ${p.title} 的成效`)}
      >
        <Form.Item name="results" label="项目成效" rules={required('项目成效')}>
          <Input.TextArea rows={4} maxLength={2000} data-testid="sw-project-results-text" />
        </Form.Item>
      </FormModal>
    </>
  );
}
