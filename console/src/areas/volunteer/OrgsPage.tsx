import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Form, Input, Modal, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { useStaff } from '../../app/session';
import { Async, EmptyState } from '../../app/states';
import { volunteerApi } from './api';

/** 志愿服务组织: the organizations one acts for, their hours and 补录 share; officers register new ones. */
export default function OrgsPage() {
  const query = useQuery({ queryKey: ['volunteer', 'orgs'], queryFn: volunteerApi.orgs });
  const staff = useStaff();
  const mayRegister = Boolean(staff.roles.some((r) => r === 'admin' || r === 'volunteer_officer'));
  const [open, setOpen] = useState(false);
  const [form] = Form.useForm<{ name: string; divisionCode: string; contact: string; uscc?: string }>();
  const { message } = AntApp.useApp();
  const client = useQueryClient();
  const register = useMutation({
    mutationFn: (v: { name: string; divisionCode: string; contact: string; uscc?: string }) =>
      volunteerApi.registerOrg({ ...v, uscc: v.uscc?.trim() || undefined }),
    onSuccess: () => {
      message.success('组织已登记');
      client.invalidateQueries({ queryKey: ['volunteer'] });
      setOpen(false);
    },
    onError: (err) => message.error(reason(err)),
  });
  return (
    <>
      <PageHeader
        title="志愿服务 · 志愿服务组织"
        sub="补录时长占已确认时长一半以上的组织标红，请核查。"
        extra={
          mayRegister ? (
            <Button
              type="primary"
              onClick={() => {
                form.resetFields();
                setOpen(true);
              }}
            >
              登记组织
            </Button>
          ) : null
        }
      />
      <Async query={query}>
        {(data) =>
          data.items.length === 0 ? (
            <EmptyState text="暂无志愿服务组织" />
          ) : (
            <Table
              rowKey="id"
              pagination={false}
              dataSource={data.items}
              data-testid="volunteer-orgs"
              columns={[
                { title: '组织名称', dataIndex: 'name' },
                { title: '地区编码', dataIndex: 'divisionCode' },
                { title: '统一社会信用代码', render: (_, o) => o.uscc ?? '—' },
                { title: '联系方式', dataIndex: 'contact' },
                { title: '已确认时长（小时）', dataIndex: 'confirmedHours' },
                {
                  title: '补录占比',
                  render: (_, o) => (
                    <Tag color={o.manualFlagged ? 'red' : undefined}>{Math.round(o.manualShare * 100)}%</Tag>
                  ),
                },
                {
                  title: '成员',
                  render: (_, o) => <Link to={`/volunteer/orgs/${o.id}/members`}>成员审核</Link>,
                },
              ]}
            />
          )
        }
      </Async>
      <Modal
        open={open}
        title="登记志愿服务组织"
        okText="登记"
        cancelText="取消"
        confirmLoading={register.isPending}
        onCancel={() => setOpen(false)}
        onOk={() => form.submit()}
      >
        <Form form={form} layout="vertical" data-testid="org-form" onFinish={(v) => register.mutate(v)}>
          <Form.Item
            name="name"
            label="组织名称"
            rules={[{ required: true, whitespace: true, message: '请填写组织名称' }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="divisionCode"
            label="所在地区编码"
            rules={[{ required: true, pattern: /^\d{6,12}$/, message: '地区编码应为6至12位数字' }]}
          >
            <Input placeholder="如 110105" />
          </Form.Item>
          <Form.Item
            name="contact"
            label="联系方式"
            rules={[{ required: true, whitespace: true, message: '请填写联系方式' }]}
          >
            <Input maxLength={60} />
          </Form.Item>
          <Form.Item
            name="uscc"
            label="关联社会组织（统一社会信用代码，可不填）"
            rules={[{ pattern: /^[0-9A-HJ-NPQRTUWXY]{18}$/i, message: '统一社会信用代码应为18位' }]}
          >
            <Input maxLength={18} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
