import { Alert, Form, type FormInstance, Modal } from 'antd';
import { type ReactNode, useEffect, useState } from 'react';
import { ApiError, reason } from './api';

/**
 * A refusal from the server, shown in the form: the Chinese message above the fields and each
 * field the server names marked with its own message. The server decides; nothing was changed.
 */
export function showRefusal(form: FormInstance, err: unknown, setError: (m: string) => void) {
  setError(reason(err));
  if (err instanceof ApiError && err.fields) {
    const known = new Set(Object.keys(form.getFieldsValue() ?? {}));
    form.setFields(
      Object.entries(err.fields)
        .filter(([name]) => known.has(name))
        .map(([name, message]) => ({ name, errors: [message] })),
    );
  }
}

export function FormError({ error, testId }: { error: string | null; testId: string }) {
  return error ? <Alert type="error" showIcon className="form-alert" message={error} data-testid={testId} /> : null;
}

/** Empty text becomes undefined (left out) on create and null (cleared) on edit. */
export const blank = (v: unknown, editing: boolean) =>
  v === undefined || v === null || (typeof v === 'string' && v.trim() === '') ? (editing ? null : undefined) : v;

export const required = (label: string) => [{ required: true, whitespace: true, message: `请填写${label}` }];

/**
 * The registry's forms in a dialog: cleared and filled with `initial` each time it opens (or
 * `resetKey` changes), the values sent as entered, and a refusal shown as it comes
 * (`showRefusal`) with the dialog left open. Test ids: `<testId>-form`, `-save`, `-error`.
 */
export function FormModal<T>({
  open,
  title,
  okText = '保存',
  width,
  testId,
  resetKey,
  initial,
  send,
  onClose,
  onSaved,
  intro,
  children,
}: {
  open: boolean;
  title: string;
  okText?: string;
  width?: number;
  testId: string;
  resetKey?: unknown;
  initial?: () => Record<string, unknown>;
  send: (values: any) => Promise<T>;
  onClose: () => void;
  onSaved: (out: T) => void;
  intro?: ReactNode;
  children: ReactNode;
}) {
  const [form] = Form.useForm();
  const [error, setError] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  useEffect(() => {
    if (!open) return;
    form.resetFields();
    setError(null);
    const values = initial?.();
    if (values) form.setFieldsValue(values);
  }, [open, resetKey, form]);

  const submit = async () => {
    // What the form itself refuses is marked on its fields; nothing is sent.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    setSaving(true);
    setError(null);
    try {
      onSaved(await send(values));
    } catch (err) {
      showRefusal(form, err, setError);
    } finally {
      setSaving(false);
    }
  };
  return (
    <Modal
      open={open}
      title={title}
      okText={okText}
      cancelText="取消"
      confirmLoading={saving}
      onOk={submit}
      onCancel={onClose}
      width={width}
      destroyOnHidden
      okButtonProps={{ 'data-testid': `${testId}-save` } as never}
    >
      <FormError error={error} testId={`${testId}-error`} />
      {intro}
      <Form form={form} layout="vertical" data-testid={`${testId}-form`}>
        {children}
      </Form>
    </Modal>
  );
}
