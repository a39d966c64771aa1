import { Alert, Checkbox, Form, Input, InputNumber, Modal, Select } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, reason } from '../../app/api';
import { type CreditEntry, type OrgRecord, orgsApi } from './api';

/** Which form is open on an organization's page. */
export type RecordForm =
  | { kind: 'list' }
  | { kind: 'remove'; entry: CreditEntry }
  | { kind: 'inspection' }
  | { kind: 'penalty' }
  | { kind: 'rating' };

const TITLES: Record<RecordForm['kind'], string> = {
  list: '列入活动异常名录或严重违法失信名单',
  remove: '移出名录/名单',
  inspection: '登记年检/年报结论',
  penalty: '登记行政处罚',
  rating: '登记评估等级',
};

const date = (label: string) => ({
  label,
  rules: [
    { required: true, message: `请填写${label}` },
    { pattern: /^\d{4}-\d{2}-\d{2}$/, message: `${label}格式应为 YYYY-MM-DD` },
  ],
});
const required = (label: string) => ({
  label,
  rules: [{ required: true, whitespace: true, message: `请填写${label}` }],
});

/**
 * The forms of an organization's page, each sent as is to the server; a refusal is shown in
 * the form with the server's reason (and on the field it names), and nothing is changed.
 */
export function RecordModal({
  uscc,
  record,
  form: open,
  onClose,
  onSaved,
}: {
  uscc: string;
  record: OrgRecord;
  form: RecordForm | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const list = Form.useWatch('list', form) as 'abnormal' | 'serious' | undefined;

  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    const today = record.asOf;
    if (open.kind === 'list') form.setFieldsValue({ list: 'abnormal', dateIn: today, authority: record.org.authority });
    if (open.kind === 'remove') form.setFieldsValue({ dateOut: today });
    if (open.kind === 'inspection')
      form.setFieldsValue({ year: Number(today.slice(0, 4)) - 1, kind: 'annual_report', result: 'qualified' });
    if (open.kind === 'penalty') form.setFieldsValue({ date: today, authority: record.org.authority, kind: '警告' });
    if (open.kind === 'rating') form.setFieldsValue({ validFrom: today, level: 3, authority: record.org.authority });
  }, [open, form, record]);

  const submit = async () => {
    if (!open) return;
    const v = await form.validateFields();
    setSaving(true);
    setError(null);
    try {
      if (open.kind === 'list') await orgsApi.putOnList(uscc, { ...v, reason: v.reason || undefined });
      if (open.kind === 'remove')
        await orgsApi.takeOffList(uscc, open.entry.id, { ...v, decisionNo: v.decisionNo || undefined });
      if (open.kind === 'inspection') await orgsApi.addInspection(uscc, { ...v, remark: v.remark || undefined });
      if (open.kind === 'penalty') await orgsApi.addPenalty(uscc, { ...v, amount: v.amount ?? null });
      if (open.kind === 'rating') await orgsApi.addRating(uscc, { ...v, validTo: v.validTo || undefined });
      onSaved();
    } catch (err) {
      setError(reason(err));
      if (err instanceof ApiError && err.fields)
        form.setFields(Object.entries(err.fields).map(([name, errors]) => ({ name, errors: [errors] })));
    } finally {
      setSaving(false);
    }
  };

  const reasons = record.choices.listReasons[list ?? 'abnormal'] ?? {};
  return (
    <Modal
      open={open !== null}
      title={open ? TITLES[open.kind] : ''}
      okText="保存"
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      width={600}
      destroyOnHidden
      okButtonProps={{ 'data-testid': 'record-save' } as never}
    >
      {error && <Alert type="error" showIcon className="form-alert" message={error} data-testid="record-error" />}
      <Form form={form} layout="vertical" data-testid="record-form">
        {open?.kind === 'list' && (
          <>
            <Form.Item name="list" label="名单" rules={[{ required: true }]}>
              <Select
                options={Object.entries(record.choices.creditLists).map(([value, label]) => ({ value, label }))}
                onChange={() => form.setFieldValue('reasonCategory', undefined)}
                data-testid="record-list"
              />
            </Form.Item>
            <Form.Item name="reasonCategory" label="列入事由" rules={[{ required: true, message: '请选择列入事由' }]}>
              <Select
                placeholder="请选择"
                options={Object.entries(reasons).map(([value, label]) => ({ value, label }))}
                data-testid="record-reason-category"
              />
            </Form.Item>
            <Form.Item name="reason" label="事由说明">
              <Input.TextArea rows={2} maxLength={500} placeholder="选填：具体情况" />
            </Form.Item>
            <Form.Item name="decisionNo" {...required('决定书文号')}>
              <Input placeholder="如：京朝民社异〔2026〕7号" data-testid="record-decision-no" />
            </Form.Item>
            <Form.Item name="authority" {...required('作出决定机关')}>
              <Input />
            </Form.Item>
            <Form.Item name="dateIn" {...date('列入日期')}>
              <Input type="date" data-testid="record-date" />
            </Form.Item>
            {list !== 'serious' && (
              <Form.Item name="correctionRequired" valuePropName="checked" extra="不填写时按列入事由确定">
                <Checkbox>需要整改</Checkbox>
              </Form.Item>
            )}
          </>
        )}
        {open?.kind === 'remove' && (
          <>
            <p>
              {open.entry.listName}：{open.entry.decisionNo}（{open.entry.dateIn} 列入）
            </p>
            <Form.Item name="reasonOut" {...required('移出原因')}>
              <Input.TextArea
                rows={2}
                maxLength={200}
                placeholder="如：已按要求报送年度工作报告"
                data-testid="record-reason-out"
              />
            </Form.Item>
            <Form.Item name="decisionNo" label="移出决定书文号">
              <Input placeholder="选填" />
            </Form.Item>
            <Form.Item name="dateOut" {...date('移出日期')}>
              <Input type="date" />
            </Form.Item>
          </>
        )}
        {open?.kind === 'inspection' && (
          <>
            <Form.Item name="year" label="年度" rules={[{ required: true, message: '请填写年度' }]}>
              <InputNumber min={1990} max={2100} />
            </Form.Item>
            <Form.Item name="kind" label="类型" rules={[{ required: true }]}>
              <Select
                options={Object.entries(record.choices.inspectionKinds).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
            <Form.Item name="result" label="结论" rules={[{ required: true }]}>
              <Select
                options={Object.entries(record.choices.inspectionResults).map(([value, label]) => ({ value, label }))}
              />
            </Form.Item>
            <Form.Item name="remark" label="备注">
              <Input maxLength={255} />
            </Form.Item>
          </>
        )}
        {open?.kind === 'penalty' && (
          <>
            <Form.Item name="decisionNo" {...required('处罚决定书文号')}>
              <Input />
            </Form.Item>
            <Form.Item name="kind" {...required('处罚种类')}>
              <Select
                options={['警告', '罚款', '没收违法所得', '没收非法财产', '限期停止活动', '撤销登记'].map((k) => ({
                  value: k,
                  label: k,
                }))}
              />
            </Form.Item>
            <Form.Item name="reason" {...required('处罚事由')}>
              <Input.TextArea rows={2} maxLength={1000} />
            </Form.Item>
            <Form.Item name="amount" label="罚款金额（元）">
              <InputNumber min={0} precision={0} style={{ width: 200 }} />
            </Form.Item>
            <Form.Item name="authority" {...required('处罚机关')}>
              <Input />
            </Form.Item>
            <Form.Item name="date" {...date('处罚日期')}>
              <Input type="date" />
            </Form.Item>
          </>
        )}
        {open?.kind === 'rating' && (
          <>
            <Form.Item name="level" label="评估等级" rules={[{ required: true }]}>
              <Select options={[1, 2, 3, 4, 5].map((n) => ({ value: n, label: `${n}A` }))} />
            </Form.Item>
            <Form.Item name="validFrom" {...date('有效期起')}>
              <Input type="date" />
            </Form.Item>
            <Form.Item name="validTo" label="有效期止" extra="不填写时为5年">
              <Input type="date" />
            </Form.Item>
            <Form.Item name="authority" {...required('评估机关')}>
              <Input />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
