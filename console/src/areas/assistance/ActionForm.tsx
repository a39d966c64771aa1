import { DatePicker, Form, Input, InputNumber, Modal, Select, Switch } from 'antd';
import dayjs from 'dayjs';
import type { CaseAction, JsonSchema } from './api';
import { SurveyPhotoUpload } from './SurveyPhotos';

/** Chinese labels of the fields the assistance stages ask for (the engine sends their JSON Schema). */
const LABELS: Record<string, string> = {
  assigneeStaffId: '入户调查人员（账号编号）',
  missing: '缺少的材料（一次性列全，回车添加）',
  visitedOn: '入户日期',
  findings: '入户调查情况',
  housing: '住房情况',
  livingConditionsMatch: '生活状况与申报一致',
  amountCents: '金额（元/月）',
  materialIds: '材料',
  photoIds: '入户照片（JPG、PNG，最多9张）',
  note: '说明',
};

const isCents = (name: string) => name.endsWith('Cents');

function fieldFor(name: string, schema: JsonSchema, caseId: number | undefined) {
  if (name === 'photoIds' && caseId) return <SurveyPhotoUpload caseId={caseId} />;
  if (schema.enum) return <Select options={schema.enum.map((v) => ({ value: v, label: v }))} />;
  if (schema.type === 'boolean') return <Switch />;
  if (schema.type === 'array') return <Select mode="tags" open={false} tokenSeparators={['，', ',']} />;
  if (schema.type === 'integer' || schema.type === 'number')
    return <InputNumber style={{ width: 200 }} min={0} precision={isCents(name) ? 2 : 0} />;
  if (name === 'visitedOn') return <DatePicker />;
  if (name === 'findings') return <Input.TextArea rows={3} />;
  return <Input />;
}

/**
 * One action of a stage as a form drawn from the JSON Schema the engine sends, plus the
 * opinion (required when the action says so). Amounts are typed in 元 and sent in cents.
 */
export function ActionForm({
  action,
  open,
  busy,
  onSubmit,
  onCancel,
  monthly = true,
  caseId,
}: {
  action: CaseAction | null;
  /** The case acted on: the survey's photos are uploaded to it. */
  caseId?: number;
  /** 社会救助 amounts are monthly; a one-off amount (丧葬补助) is labelled 金额（元）. */
  monthly?: boolean;
  open: boolean;
  busy: boolean;
  onSubmit(form: Record<string, unknown>, opinion: string | undefined): void;
  onCancel(): void;
}) {
  const [form] = Form.useForm();
  const props = action?.form?.properties ?? {};
  const required = new Set(action?.form?.required ?? []);
  const label = (name: string) => (name === 'amountCents' && !monthly ? '金额（元）' : (LABELS[name] ?? name));
  const submit = async () => {
    let values: Record<string, any>;
    try {
      values = await form.validateFields();
    } catch {
      return; // the form shows what is missing under each field
    }
    const out: Record<string, unknown> = {};
    for (const [name, schema] of Object.entries(props)) {
      const v = values[name];
      if (v === undefined || v === null || v === '') continue;
      if (dayjs.isDayjs(v)) out[name] = v.format('YYYY-MM-DD');
      else if (isCents(name)) out[name] = Math.round(Number(v) * 100);
      else if (schema.type === 'boolean') out[name] = Boolean(v);
      else out[name] = v;
    }
    onSubmit(out, values.opinion?.trim() || undefined);
  };
  return (
    <Modal
      open={open}
      title={action?.name}
      okText="确认办理"
      cancelText="取消"
      confirmLoading={busy}
      onOk={submit}
      onCancel={onCancel}
      destroyOnHidden
    >
      {action && (
        <Form form={form} layout="vertical" preserve={false} data-testid="action-form">
          <p>办理后进入「{action.toName}」。</p>
          {Object.entries(props).map(([name, schema]) => (
            <Form.Item
              key={name}
              name={name}
              label={label(name)}
              valuePropName={schema.type === 'boolean' ? 'checked' : 'value'}
              initialValue={schema.type === 'boolean' ? false : undefined}
              rules={
                required.has(name) && schema.type !== 'boolean'
                  ? [{ required: true, message: `请填写${label(name)}` }]
                  : []
              }
              data-testid={`field-${name}`}
            >
              {fieldFor(name, schema, caseId)}
            </Form.Item>
          ))}
          <Form.Item
            name="opinion"
            label="办理意见"
            rules={
              action.opinion === 'required' ? [{ required: true, whitespace: true, message: '请填写办理意见' }] : []
            }
            data-testid="field-opinion"
          >
            <Input.TextArea rows={3} />
          </Form.Item>
        </Form>
      )}
    </Modal>
  );
}
