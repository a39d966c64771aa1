import { Button, Empty, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import { ApiError, reason } from './api';

/** Shown while a page's data is on its way. */
export function Loading({ tip = '加载中…' }: { tip?: string }) {
  return (
    <div className="state state--loading" data-testid="loading">
      <Spin />
      <span>{tip}</span>
    </div>
  );
}

/** Nothing to show, said plainly, with what to do next when there is something. */
export function EmptyState({ text, action }: { text: string; action?: ReactNode }) {
  return (
    <div className="state" data-testid="empty">
      <Empty description={text}>{action}</Empty>
    </div>
  );
}

/** 未找到: a page or record that does not exist or is outside the account's scope (the same answer). */
export function NotFound({ text = '未找到该页面或记录，或您没有查看它的权限。' }: { text?: string }) {
  return (
    <Result
      status="404"
      title="未找到"
      subTitle={text}
      extra={
        <Link to="/">
          <Button type="primary">返回首页</Button>
        </Link>
      }
      data-testid="not-found"
    />
  );
}

/**
 * A failed load: the server's reason, and 重试 only when trying again can help (the network,
 * a busy server) — a record that is absent or out of scope is 未找到 instead.
 */
export function ErrorState({ error, retry }: { error: unknown; retry?: () => void }) {
  if (error instanceof ApiError && error.status === 404) return <NotFound text={error.message} />;
  const transient = !(error instanceof ApiError) || error.status === 0 || error.status >= 500 || error.status === 429;
  return (
    <Result
      status={error instanceof ApiError && error.status === 403 ? '403' : 'error'}
      title="加载失败"
      subTitle={reason(error)}
      extra={
        transient && retry ? (
          <Button type="primary" onClick={retry}>
            重试
          </Button>
        ) : undefined
      }
      data-testid="error"
    />
  );
}

/** The three states of a query in one place: loading, error, or the page. */
export function Async<T>({
  query,
  children,
}: {
  query: { isPending: boolean; error: unknown; data: T | undefined; refetch: () => unknown };
  children: (data: T) => ReactNode;
}) {
  if (query.isPending) return <Loading />;
  if (query.error || query.data === undefined) return <ErrorState error={query.error} retry={() => query.refetch()} />;
  return <>{children(query.data)}</>;
}
