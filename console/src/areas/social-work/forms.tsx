import { Alert, type FormInstance } from 'antd';
import { ApiError, reason } from '../../app/api';

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
