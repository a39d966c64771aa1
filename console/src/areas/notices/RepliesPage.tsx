import { PlusOutlined } from '@ant-design/icons';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import {
  Alert,
  App as AntApp,
  Button,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import { useState } from 'react';
import { ApiError, api, reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async } from '../../app/states';

interface Reply {
  id: number;
  keywords: string[];
  question: string;
  answer: string;
  enabled: boolean;
  updatedAt: string;
}
type ReplyInput = Omit<Reply, 'id' | 'updatedAt'>;

const base = '/api/staff/mp/replies';
const key = ['notices', 'replies'] as const;

/**
 * 关键词回复: what the public account answers a follower's message with. A message matching no
 * keyword here is answered from the 婚姻知识信息库 search.
 */
export default function RepliesPage() {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const query = useQuery({ queryKey: key, queryFn: () => api<{ items: Reply[] }>(base) });
  const [editing, setEditing] = useState<Reply | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<ReplyInput>();
  const refresh = () => queryClient.invalidateQueries({ queryKey: key });

  const open = (r: Reply | 'new') => {
    setEditing(r);
    setError(null);
    form.resetFields();
    form.setFieldsValue(r === 'new' ? { keywords: [], enabled: true } : r);
  };
  const save = async () => {
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      if (editing === 'new') await api(base, { method: 'POST', body: v });
      else if (editing) await api(`${base}/${editing.id}`, { method: 'PATCH', body: v });
      message.success('已保存，公众号立即按新的回复答复');
      setEditing(null);
      refresh();
    } catch (err) {
      setError(reason(err));
      if (err instanceof ApiError && err.fields)
        form.setFields(
          Object.entries(err.fields)
            .filter(([n]) => ['keywords', 'question', 'answer'].includes(n.split('.')[0]))
            .map(([n, e]) => ({ name: n.split('.')[0] as keyof ReplyInput, errors: [e] })),
        );
    } finally {
      setSaving(false);
    }
  };
  const act = (run: () => Promise<unknown>, done: string) =>
    run()
      .then(() => {
        message.success(done);
        refresh();
      })
      .catch((err) => message.error(reason(err)));

  return (
    <>
      <PageHeader
        title="关键词回复"
        sub="关注者发来的消息含有关键词时，公众号自动回复对应答复；未匹配的消息按婚姻知识库检索答复。"
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="reply-new">
            新建回复
          </Button>
        }
      />
      <Async query={query}>
        {({ items }) => (
          <Table<Reply>
            rowKey="id"
            data-testid="replies"
            dataSource={items}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            locale={{ emptyText: '暂无关键词回复' }}
            columns={[
              {
                title: '关键词',
                dataIndex: 'keywords',
                width: 220,
                render: (ks: string[]) => ks.map((k) => <Tag key={k}>{k}</Tag>),
              },
              { title: '问题', dataIndex: 'question', width: 220 },
              {
                title: '答复',
                dataIndex: 'answer',
                render: (a: string) => (
                  <Typography.Paragraph ellipsis={{ rows: 2 }} style={{ marginBottom: 0 }}>
                    {a}
                  </Typography.Paragraph>
                ),
              },
              {
                title: '启用',
                dataIndex: 'enabled',
                width: 80,
                render: (on: boolean, r) => (
                  <Switch
                    checked={on}
                    onChange={(enabled) =>
                      act(
                        () => api(`${base}/${r.id}`, { method: 'PATCH', body: { enabled } }),
                        enabled ? '已启用' : '已停用',
                      )
                    }
                    data-testid="reply-enabled"
                  />
                ),
              },
              {
                title: '操作',
                key: 'actions',
                width: 130,
                render: (_, r) => (
                  <>
                    <Button type="link" size="small" onClick={() => open(r)}>
                      编辑
                    </Button>
                    <Popconfirm
                      title="删除这条回复？"
                      okText="删除"
                      cancelText="取消"
                      onConfirm={() => act(() => api(`${base}/${r.id}`, { method: 'DELETE' }), '已删除')}
                    >
                      <Button type="link" size="small" danger>
                        删除
                      </Button>
                    </Popconfirm>
                  </>
                ),
              },
            ]}
          />
        )}
      </Async>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? '新建关键词回复' : '编辑关键词回复'}
        okText="保存"
        cancelText="取消"
        confirmLoading={saving}
        onOk={save}
        onCancel={() => setEditing(null)}
        destroyOnHidden
        okButtonProps={{ 'data-testid': 'reply-save' } as never}
      >
        {error && <Alert type="error" showIcon className="form-alert" message={error} data-testid="reply-error" />}
        <Form form={form} layout="vertical">
          <Form.Item
            name="keywords"
            label="关键词"
            extra="输入后按回车，可填多个"
            rules={[{ required: true, type: 'array', min: 1, message: '至少填写 1 个关键词' }]}
          >
            <Select mode="tags" open={false} tokenSeparators={[',', '，']} data-testid="reply-keywords" />
          </Form.Item>
          <Form.Item name="question" label="问题" rules={[{ required: true, whitespace: true, message: '请填写问题' }]}>
            <Input maxLength={200} data-testid="reply-question" />
          </Form.Item>
          <Form.Item name="answer" label="答复" rules={[{ required: true, whitespace: true, message: '请填写答复' }]}>
            <Input.TextArea rows={5} maxLength={1500} showCount data-testid="reply-answer" />
          </Form.Item>
          <Form.Item name="enabled" label="启用" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
