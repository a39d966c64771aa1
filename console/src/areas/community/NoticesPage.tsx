import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Button, Form, Input, Modal, Select, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import {
  COMMUNITY_NOTICE_CATEGORIES,
  COMMUNITY_NOTICE_CATEGORY_NAMES,
  type CommunityNoticeCategory,
} from '@minzheng/contracts';
import { reason } from '../../app/api';
import { PageHeader } from '../../app/PageHeader';
import { Async, EmptyState } from '../../app/states';
import { communityApi, communityKeys, type StaffNotice, when } from './api';

interface Draft {
  code: string;
  category: CommunityNoticeCategory;
  title: string;
  body: string;
}

/** 居务/村务公开: what my communities published, and a new notice with its attachments. */
export default function NoticesPage() {
  const query = useQuery({ queryKey: communityKeys.notices, queryFn: communityApi.notices });
  const [open, setOpen] = useState(false);
  return (
    <>
      <PageHeader
        title="社区治理 · 居务/村务公开"
        sub="按类别公开财务、救助公示、选举与项目；关注本村/社区的居民会收到通知。"
        extra={
          <Button type="primary" onClick={() => setOpen(true)} data-testid="community-publish">
            发布公开事项
          </Button>
        }
      />
      <Async query={query}>
        {({ items }) =>
          items.length === 0 ? (
            <EmptyState text="暂无公开事项" />
          ) : (
            <Table<StaffNotice>
              rowKey="id"
              dataSource={items}
              pagination={{ pageSize: 20 }}
              columns={[
                { title: '类别', render: (_, n) => <Tag>{n.categoryLabel}</Tag> },
                { title: '标题', dataIndex: 'title' },
                { title: '村/社区代码', dataIndex: 'divisionCode' },
                { title: '附件', render: (_, n) => n.attachments.map((a) => a.filename).join('、') || '—' },
                { title: '发布时间', render: (_, n) => when(n.publishedAt) },
              ]}
            />
          )
        }
      </Async>
      {open && <PublishModal onClose={() => setOpen(false)} />}
    </>
  );
}

function PublishModal({ onClose }: { onClose: () => void }) {
  const [form] = Form.useForm<Draft>();
  const { message } = AntApp.useApp();
  const queryClient = useQueryClient();
  const [files, setFiles] = useState<{ id: string; filename: string }[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const done = await communityApi.publish(values.code.trim(), {
        category: values.category,
        title: values.title,
        body: values.body,
        attachments: files.map((f) => f.id),
      });
      message.success(`已发布，已通知关注该村/社区的 ${done.followersNotified} 位居民`);
      await queryClient.invalidateQueries({ queryKey: communityKeys.notices });
      onClose();
    } catch (err) {
      setError(reason(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title="发布居务/村务公开"
      okText="发布"
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form form={form} layout="vertical" initialValues={{ category: 'finance' }}>
        <Form.Item
          name="code"
          label="村/社区代码（12位）"
          rules={[{ required: true, pattern: /^\d{12}$/, message: '请填写12位村/社区代码' }]}
        >
          <Input data-testid="community-code" />
        </Form.Item>
        <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
          <Select
            options={COMMUNITY_NOTICE_CATEGORIES.map((c) => ({ value: c, label: COMMUNITY_NOTICE_CATEGORY_NAMES[c] }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label="标题"
          rules={[{ required: true, max: 100, message: '请填写标题（不超过100字）' }]}
        >
          <Input data-testid="community-title" />
        </Form.Item>
        <Form.Item name="body" label="正文" rules={[{ required: true, message: '请填写正文' }]}>
          <Input.TextArea rows={6} data-testid="community-body" />
        </Form.Item>
        <Form.Item label="附件（PDF 或图片，每个不超过10MB）">
          <Upload
            accept=".pdf,image/jpeg,image/png,image/webp"
            showUploadList={false}
            customRequest={async ({ file, onSuccess, onError }) => {
              try {
                const { body } = await communityApi.uploadAttachment(file as File);
                setFiles((list) => [...list, body.attachment]);
                onSuccess?.(body);
              } catch (err) {
                setError(reason(err));
                onError?.(err as Error);
              }
            }}
          >
            <Button>上传附件</Button>
          </Upload>
          <div style={{ marginTop: 8 }}>
            {files.map((f) => (
              <Tag key={f.id} closable onClose={() => setFiles((list) => list.filter((x) => x.id !== f.id))}>
                {f.filename}
              </Tag>
            ))}
          </div>
        </Form.Item>
      </Form>
    </Modal>
  );
}
