import { PlusOutlined } from '@ant-design/icons';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Form, Input, Modal, Table } from 'antd';
import { useState } from 'react';
import { ApiError, reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { useStaff } from '../../app/session';
import { Async } from '../../app/states';
import { type IllegalOrg, orgKeys, orgsApi } from './api';

/**
 * 涉嫌非法社会组织: the names the authorities have published. A citizen searching one of them is
 * warned; officers add the ones their bureau publishes.
 */
export default function IllegalPage() {
  const staff = useStaff();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [page, setPage] = useState(1);
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm();
  const query = useQuery({
    queryKey: orgKeys.illegal(page),
    queryFn: () => orgsApi.illegal(page, 20),
    placeholderData: keepPreviousData,
  });

  const publish = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      await orgsApi.publishIllegal({ ...v, source: v.source || undefined });
      message.success('已发布');
      setOpen(false);
      queryClient.invalidateQueries({ queryKey: ['social-orgs', 'illegal'] });
    } catch (err) {
      setError(reason(err));
      if (err instanceof ApiError && err.fields)
        form.setFields(Object.entries(err.fields).map(([name, e]) => ({ name, errors: [e] })));
    } finally {
      setSaving(false);
    }
  };

  const division = staff.scope.divisions.find((d) => d.length === 6) ?? '';
  return (
    <>
      <PageHeader
        title="涉嫌非法社会组织"
        sub="民政部门公布的涉嫌非法社会组织名单；群众查询到这些名称时会看到警示。"
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              form.resetFields();
              form.setFieldsValue({ divisionCode: division });
              setError(null);
              setOpen(true);
            }}
            data-testid="illegal-new"
          >
            发布
          </Button>
        }
      />
      <Async query={query}>
        {({ items, total }) => (
          <Table<IllegalOrg>
            rowKey="id"
            data-testid="illegal"
            dataSource={items}
            locale={{ emptyText: '暂无公布的涉嫌非法社会组织' }}
            pagination={{ current: page, pageSize: 20, total, onChange: setPage, showTotal: (n) => `共 ${n} 个` }}
            columns={[
              { title: '名称', dataIndex: 'name' },
              { title: '发布机关', dataIndex: 'authority', width: 200 },
              { title: '区划代码', dataIndex: 'divisionCode', width: 100 },
              { title: '发布日期', dataIndex: 'publishedAt', width: 110 },
              { title: '信息来源', dataIndex: 'source', render: (s) => s ?? '—' },
            ]}
          />
        )}
      </Async>
      <Modal
        open={open}
        title="发布涉嫌非法社会组织"
        okText="发布"
        cancelText="取消"
        confirmLoading={saving}
        onOk={publish}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        {error && <Alert type="error" showIcon className="form-alert" message={error} />}
        <Form form={form} layout="vertical">
          <Form.Item
            name="name"
            label="组织名称"
            rules={[{ required: true, whitespace: true, message: '请填写组织名称' }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="authority"
            label="发布机关"
            rules={[{ required: true, whitespace: true, message: '请填写发布机关' }]}
          >
            <Input maxLength={100} />
          </Form.Item>
          <Form.Item
            name="divisionCode"
            label="区划代码"
            rules={[{ required: true, pattern: /^\d{6}$/, message: '区划代码应为6位数字' }]}
          >
            <Input maxLength={6} />
          </Form.Item>
          <Form.Item
            name="publishedAt"
            label="发布日期"
            rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '发布日期格式应为 YYYY-MM-DD' }]}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item name="source" label="信息来源">
            <Input maxLength={255} placeholder="选填：公告标题或网址" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
