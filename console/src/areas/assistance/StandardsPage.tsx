import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, DatePicker, Form, Input, InputNumber, Modal, Table } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { ApiError, reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { assistanceAdminApi, type Standard, yuan } from './api';

interface Values {
  prefix: string;
  monthlyYuan: number;
  depositMonths: number;
  effectiveFrom: Dayjs;
}

/**
 * 救助标准: the local 低保 standard per city (4 digits) or county (6 digits), per month, with the
 * deposit limit in months; the self-check and the review use the finest one covering a family.
 * A region outside one's divisions is refused by the server.
 */
export default function StandardsPage() {
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState<Standard | 'new' | null>(null);
  const [form] = Form.useForm<Values>();
  const query = useQuery({ queryKey: ['assistance', 'standards'], queryFn: assistanceAdminApi.standards });
  const save = useMutation({
    mutationFn: (v: Values) =>
      assistanceAdminApi.setStandard(v.prefix, {
        monthlyCents: Math.round(v.monthlyYuan * 100),
        depositMonths: v.depositMonths,
        effectiveFrom: v.effectiveFrom.format('YYYY-MM-DD'),
      }),
    onSuccess: () => {
      message.success('已保存救助标准');
      setEditing(null);
      queryClient.invalidateQueries({ queryKey: ['assistance', 'standards'] });
    },
    onError: (err) => {
      if (err instanceof ApiError && err.fields)
        form.setFields(
          Object.entries(err.fields).map(([name, msg]) => ({
            name: (name === 'monthlyCents' ? 'monthlyYuan' : name) as keyof Values,
            errors: [msg],
          })),
        );
      message.error(reason(err));
    },
  });
  const open = (s: Standard | 'new') => {
    setEditing(s);
    form.setFieldsValue(
      s === 'new'
        ? { prefix: '', monthlyYuan: undefined, depositMonths: 24, effectiveFrom: dayjs() }
        : {
            prefix: s.divisionPrefix,
            monthlyYuan: s.monthlyCents / 100,
            depositMonths: s.depositMonths,
            effectiveFrom: dayjs(s.effectiveFrom),
          },
    );
  };
  return (
    <>
      <PageHeader
        title="社会救助 · 救助标准"
        sub="按市（4位代码）或区县（6位代码）设定每月低保标准；区县标准优先于市标准。"
        extra={
          <Button type="primary" onClick={() => open('new')} data-testid="standard-add">
            新增地区标准
          </Button>
        }
      />
      <Async query={query}>
        {(data) =>
          data.items.length ? (
            <Table<Standard>
              rowKey="divisionPrefix"
              data-testid="standards"
              dataSource={data.items}
              pagination={false}
              columns={[
                { title: '地区代码', dataIndex: 'divisionPrefix' },
                { title: '地区', dataIndex: 'placeName' },
                { title: '低保标准（每人每月）', dataIndex: 'monthlyCents', render: (c: number) => yuan(c) },
                { title: '存款限额', dataIndex: 'depositMonths', render: (m: number) => `${m}个月标准×家庭人口` },
                { title: '执行日期', dataIndex: 'effectiveFrom' },
                {
                  title: '',
                  render: (_, s) => (
                    <Button size="small" onClick={() => open(s)} data-testid={`standard-edit-${s.divisionPrefix}`}>
                      修改
                    </Button>
                  ),
                },
              ]}
            />
          ) : (
            <EmptyState text="尚未设定任何地区的救助标准。" />
          )
        }
      </Async>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '新增地区标准' : '修改救助标准'}
        okText="保存"
        cancelText="取消"
        confirmLoading={save.isPending}
        onCancel={() => setEditing(null)}
        onOk={() => form.validateFields().then((v) => save.mutate(v))}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" data-testid="standard-form">
          <Form.Item
            name="prefix"
            label="地区代码"
            rules={[{ required: true, pattern: /^\d{4}(\d{2})?$/, message: '地区代码应为4位（市）或6位（县）' }]}
          >
            <Input disabled={editing !== 'new'} data-testid="standard-prefix" />
          </Form.Item>
          <Form.Item
            name="monthlyYuan"
            label="低保标准（元/人/月）"
            rules={[{ required: true, type: 'number', min: 0.01, message: '保障标准须大于0' }]}
          >
            <InputNumber min={0} precision={2} style={{ width: '100%' }} data-testid="standard-monthly" />
          </Form.Item>
          <Form.Item
            name="depositMonths"
            label="存款限额（个月标准×家庭人口）"
            rules={[{ required: true, type: 'number', min: 1, max: 120, message: '请填写1至120之间的月数' }]}
          >
            <InputNumber min={1} max={120} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="effectiveFrom" label="执行日期" rules={[{ required: true, message: '请填写执行日期' }]}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
