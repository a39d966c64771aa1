import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Checkbox, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { ApiError, reason } from '../../app/api';
import { Loading } from '../../app/states';
import { type Article, matrixApi, matrixKeys, type NewArticle } from './api';

/**
 * 分发: an article of the feed (as a summary linking to the original) or a new one, to the
 * chosen active members. The server validates; its field messages are shown on the fields.
 */
export function DistributeModal({ article, onClose }: { article: Article | 'new' | null; onClose: () => void }) {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const { message } = AntApp.useApp();
  const members = useQuery({ queryKey: matrixKeys.members, queryFn: matrixApi.members, enabled: article !== null });
  const [form] = Form.useForm<NewArticle & { memberIds: number[] }>();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);

  const submit = async () => {
    // A form the fields already explain (antd marks them) is not sent.
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setSaving(true);
    setError(null);
    try {
      const { memberIds, ...written } = v;
      await matrixApi.distribute(
        article === 'new'
          ? { article: written, memberIds: memberIds ?? [] }
          : { articleId: article!.id, memberIds: memberIds ?? [] },
      );
      message.success('已开始分发，可在“分发任务”中查看各账号进度');
      await queryClient.invalidateQueries({ queryKey: matrixKeys.allDistributions });
      onClose();
      navigate('/matrix/distributions');
    } catch (err) {
      setError(reason(err));
      if (err instanceof ApiError && err.fields)
        form.setFields(
          Object.entries(err.fields)
            .map(([n, e]) => ({ name: n.replace(/^article\./, '').split('.')[0], errors: [e] }))
            .filter((f) => ['title', 'author', 'digest', 'content', 'memberIds'].includes(f.name)) as never,
        );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={article !== null}
      title={article === 'new' ? '撰写并分发文章' : `分发：${article?.title ?? ''}`}
      okText="开始分发"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      width={640}
      okButtonProps={{ 'data-testid': 'distribute-submit' } as never}
    >
      {error && <Alert type="error" showIcon className="form-alert" message={error} data-testid="distribute-error" />}
      <Form form={form} layout="vertical" preserve={false}>
        {article === 'new' ? (
          <>
            <Form.Item name="title" label="标题" rules={[{ required: true, whitespace: true, message: '请填写标题' }]}>
              <Input maxLength={64} showCount data-testid="distribute-title" />
            </Form.Item>
            <Form.Item name="author" label="作者">
              <Input maxLength={16} />
            </Form.Item>
            <Form.Item name="digest" label="摘要">
              <Input.TextArea rows={2} maxLength={120} showCount />
            </Form.Item>
            <Form.Item
              name="content"
              label="正文"
              rules={[{ required: true, whitespace: true, message: '请填写正文' }]}
            >
              <Input.TextArea rows={6} data-testid="distribute-content" />
            </Form.Item>
          </>
        ) : (
          article && (
            <Alert
              type="info"
              className="form-alert"
              message="微信不支持转载：各成员账号将发布这篇文章的摘要，并附原文链接。"
            />
          )
        )}
        <Form.Item
          name="memberIds"
          label="发往成员账号"
          rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个成员账号' }]}
        >
          {members.isPending ? (
            <Loading tip="正在加载成员账号…" />
          ) : members.error ? (
            <Alert type="error" message={`成员账号加载失败：${reason(members.error)}`} />
          ) : (
            <Checkbox.Group
              data-testid="distribute-members"
              options={(members.data?.items ?? []).filter((m) => m.active).map((m) => ({ value: m.id, label: m.name }))}
            />
          )}
        </Form.Item>
      </Form>
    </Modal>
  );
}
