import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Form, Input, Select, Table } from 'antd';
import { ApiError, reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { assistanceAdminApi, KIN_RELATIONS, type Kin } from './api';

/**
 * 近亲属备案: I register my close relatives once; an application naming one of them is marked
 * 近亲属 and must get a county-level home visit. Shown masked, as the server returns them.
 */
export default function KinPage() {
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<{ name: string; idNumber: string; relation: string }>();
  const query = useQuery({ queryKey: ['assistance', 'kin'], queryFn: assistanceAdminApi.kin });
  const add = useMutation({
    mutationFn: assistanceAdminApi.addKin,
    onSuccess: (data) => {
      message.success('已备案');
      form.resetFields();
      queryClient.setQueryData(['assistance', 'kin'], data);
    },
    onError: (err) => {
      if (err instanceof ApiError && err.fields)
        form.setFields(Object.entries(err.fields).map(([name, msg]) => ({ name: name as 'name', errors: [msg] })));
      message.error(reason(err));
    },
  });
  return (
    <>
      <PageHeader
        title="社会救助 · 近亲属备案"
        sub="经办人员和村（居）干部应备案近亲属；其近亲属的申请将标注“近亲属”，须经县级入户核查。"
      />
      <Card title="备案一名近亲属" style={{ marginBottom: 16 }}>
        <Form form={form} layout="inline" onFinish={(v) => add.mutate(v)} data-testid="kin-form">
          <Form.Item name="name" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input placeholder="姓名" data-testid="kin-name" />
          </Form.Item>
          <Form.Item name="idNumber" rules={[{ required: true, message: '请填写身份证号' }]}>
            <Input placeholder="身份证号" style={{ width: 220 }} data-testid="kin-id" />
          </Form.Item>
          <Form.Item name="relation" rules={[{ required: true, message: '请选择亲属关系' }]}>
            <Select
              placeholder="亲属关系"
              style={{ width: 140 }}
              options={KIN_RELATIONS.map((r) => ({ value: r, label: r }))}
              data-testid="kin-relation"
            />
          </Form.Item>
          <Form.Item>
            <Button type="primary" htmlType="submit" loading={add.isPending} data-testid="kin-submit">
              备案
            </Button>
          </Form.Item>
        </Form>
      </Card>
      <Async query={query}>
        {(data) =>
          data.items.length ? (
            <Table<Kin>
              rowKey={(r) => `${r.idNumber}-${r.registeredAt}`}
              data-testid="kin"
              dataSource={data.items}
              pagination={false}
              columns={[
                { title: '姓名', dataIndex: 'name' },
                { title: '身份证号', dataIndex: 'idNumber' },
                { title: '关系', dataIndex: 'relation' },
                { title: '备案时间', dataIndex: 'registeredAt', render: (at: string) => at.slice(0, 10) },
              ]}
            />
          ) : (
            <EmptyState text="您尚未备案近亲属。" />
          )
        }
      </Async>
    </>
  );
}
