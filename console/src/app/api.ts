/**
 * The console's one way to the server: JSON over fetch with the staff bearer token. Every
 * failure becomes an ApiError carrying the server's Chinese message (or ours for the network),
 * so a page can always say why an action failed.
 */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Codes the server uses when the account must set a new password before anything else. */
export const PASSWORD_CHANGE_CODES = new Set(['PASSWORD_CHANGE_REQUIRED', 'PASSWORD_EXPIRED', 'MUST_CHANGE_PASSWORD']);

type Listener = (error: ApiError) => void;
let token: string | null = null;
let onAuthFailure: Listener = () => {};

export function setToken(next: string | null) {
  token = next;
}
export function getToken() {
  return token;
}
/** The session layer is told when the server no longer accepts the token (401) or wants a new password. */
export function onSessionProblem(listener: Listener) {
  onAuthFailure = listener;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined | null>;
  signal?: AbortSignal;
  /** `no-cache` for a public answer the browser may keep (Cache-Control: public) when staff must see the latest. */
  cache?: RequestCache;
}

export function withQuery(path: string, query?: RequestOptions['query']): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  const s = params.toString();
  return s ? `${path}?${s}` : path;
}

async function send(path: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  try {
    return await fetch(withQuery(path, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
      cache: opts.cache,
    });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
}

async function failure(res: Response): Promise<ApiError> {
  let error: ApiError;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string; fields?: Record<string, string> } };
    error = new ApiError(
      res.status,
      body.error?.code ?? 'UNKNOWN',
      body.error?.message ?? `请求失败（${res.status}）`,
      body.error?.fields,
    );
  } catch {
    error = new ApiError(
      res.status,
      'UNKNOWN',
      res.status >= 500 ? '服务暂时不可用，请稍后再试' : `请求失败（${res.status}）`,
    );
  }
  if (res.status === 401 || PASSWORD_CHANGE_CODES.has(error.code)) onAuthFailure(error);
  return error;
}

export async function api<T = unknown>(path: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(path, opts);
  if (!res.ok) throw await failure(res);
  if (res.status === 204) return undefined as T;
  return (await res.json()) as T;
}

/** A file sent as multipart/form-data (field `file`), the answer read as JSON with its status. */
export async function upload<T = unknown>(
  path: string,
  file: Blob,
  name: string,
): Promise<{ status: number; body: T }> {
  const form = new FormData();
  form.append('file', file, name);
  let res: Response;
  try {
    res = await fetch(path, {
      method: 'POST',
      headers: { accept: 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: form,
    });
  } catch {
    throw new ApiError(0, 'NETWORK', '网络连接失败，请检查网络后重试');
  }
  if (!res.ok) throw await failure(res);
  return { status: res.status, body: (await res.json()) as T };
}

/** A file the server makes (Excel, PNG): fetched with the token, then saved under its name. */
export async function download(path: string, fallbackName: string, query?: RequestOptions['query']): Promise<void> {
  const res = await send(path, { query });
  if (!res.ok) throw await failure(res);
  const disposition = res.headers.get('content-disposition') ?? '';
  const named = /filename\*=UTF-8''([^;]+)|filename="?([^";]+)"?/i.exec(disposition);
  const name = named ? decodeURIComponent(named[1] ?? named[2]) : fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A short Chinese reason for anything thrown, for toasts and error states. */
export function reason(err: unknown): string {
  if (err instanceof ApiError) return err.message;
  if (err instanceof Error && err.message) return `操作失败：${err.message}`;
  return '操作失败，请稍后再试';
}
