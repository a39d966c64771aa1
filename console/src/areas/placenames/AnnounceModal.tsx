import { useQueryClient } from '@tanstack/react-query';
import { Alert, App as AntApp, Form, Input, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { PLACE_NAME_ACTION_LABELS, PLACE_NAME_CATEGORY_LABELS, type PlaceNameView } from '@minzheng/contracts';
import { ApiError, reason } from '../../app/api';
import { type AnnouncementBody, placeApi } from './api';
import { beijingToday } from '../../app/beijing';

export type Announcing = { action: 'name' } | { action: 'rename' | 'cancel'; place: PlaceNameView };

/**
 * 命名、更名或销名: the approval (批准机关、批准时间) and what the 2023 办法 asks the 备案公告 to
 * carry. Publishing changes the register and tells the region's followers.
 */
export function AnnounceModal({ announcing, onClose }: { announcing: Announcing | null; onClose: () => void }) {
  const [form] = Form.useForm<AnnouncementBody>();
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  useEffect(() => {
    form.resetFields();
    setError(null);
    if (announcing) form.setFieldsValue({ approvalDate: beijingToday() });
  }, [announcing, form]);
  if (!announcing) return null;
  const action = announcing.action;
  const label = PLACE_NAME_ACTION_LABELS[action];
  const submit = async () => {
    const values = await form.validateFields();
    setBusy(true);
    setError(null);
    try {
      const body: AnnouncementBody = Object.fromEntries(
        Object.entries({ ...values, action }).filter(([, v]) => v !== undefined && v !== ''),
      ) as unknown as AnnouncementBody;
      if (announcing.action !== 'name') body.placeNameId = announcing.place.id;
      const done = await placeApi.announce(body);
      message.success(`已发布地名${label}公告，已通知关注该地区的 ${done.notified} 位用户`);
      await queryClient.invalidateQueries({ queryKey: ['placenames'] });
      onClose();
    } catch (err) {
      if (err instanceof ApiError && err.fields)
        form.setFields(Object.entries(err.fields).map(([name, msg]) => ({ name, errors: [msg] })) as never);
      setError(reason(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal
      open
      title={action === 'name' ? '命名：发布地名备案公告' : `${label}「${announcing.place.name}」`}
      okText={`发布${label}公告`}
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && (
        <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} data-testid="announce-error" />
      )}
      <Form form={form} layout="vertical" data-testid="announce-form">
        {action !== 'cancel' && (
          <>
            <Form.Item
              name="name"
              label={action === 'rename' ? '新标准名称' : '标准名称'}
              rules={[{ required: true, message: '请填写标准名称' }]}
            >
              <Input maxLength={64} data-testid="pn-name" />
            </Form.Item>
            <Form.Item name="pinyin" label="罗马字母拼写" extra="不填则按汉语拼音自动生成">
              <Input maxLength={255} />
            </Form.Item>
          </>
        )}
        {action === 'name' && (
          <>
            <Form.Item name="category" label="地名类别" rules={[{ required: true, message: '请选择地名类别' }]}>
              <Select
                data-testid="pn-category"
                options={Object.entries(PLACE_NAME_CATEGORY_LABELS).map(([value, l]) => ({ value, label: l }))}
              />
            </Form.Item>
            <Form.Item
              name="divisionCode"
              label="所属政区代码"
              rules={[{ required: true, pattern: /^(\d{6}|\d{9}|\d{12})$/, message: '请填写6、9或12位区划代码' }]}
            >
              <Input maxLength={12} data-testid="pn-division" />
            </Form.Item>
            <Form.Item name="location" label="位置描述" rules={[{ required: true, message: '请填写位置描述' }]}>
              <Input maxLength={500} data-testid="pn-location" />
            </Form.Item>
            <Form.Item name="meaning" label="含义">
              <Input.TextArea maxLength={2000} rows={2} />
            </Form.Item>
            <Form.Item name="history" label="历史沿革">
              <Input.TextArea maxLength={5000} rows={2} />
            </Form.Item>
          </>
        )}
        <Form.Item name="approvalBody" label="批准机关" rules={[{ required: true, message: '请填写批准机关' }]}>
          <Input maxLength={100} data-testid="pn-approval-body" />
        </Form.Item>
        <Form.Item
          name="approvalDate"
          label="批准时间"
          rules={[{ required: true, pattern: /^\d{4}-\d{2}-\d{2}$/, message: '格式为YYYY-MM-DD' }]}
        >
          <Input maxLength={10} data-testid="pn-approval-date" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
