import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App as AntApp, Button, Card, Select, Space, Tag } from 'antd';
import { useState } from 'react';
import { reason } from '../../app/api';
import { type HallWindow, hallKeys, hallsApi, type QueueItem } from './api';

export const LANE_TEXT = { booked: '预约', priority: '优先', normal: '普通' } as const;
export const TICKET_STATUS = {
  waiting: '等候中',
  called: '叫号中',
  serving: '办理中',
  done: '已办结',
  skipped: '已过号',
  cancelled: '已取消',
  expired: '已过期',
} as const;

type Action = 'call-next' | 'recall' | 'serve' | 'done' | 'skip';

/**
 * 叫号 at one window: the number in hand, large, and one click for each step — call the next,
 * call again, start, finish, 过号. A walk-in without a phone gets a ticket here (priority for the
 * elderly and disabled).
 */
export function QueuePanel({
  hallId,
  window: w,
  items,
  serviceNames,
}: {
  hallId: number;
  window: HallWindow;
  items: QueueItem[];
  serviceNames: Map<string, string>;
}) {
  const queryClient = useQueryClient();
  const { message } = AntApp.useApp();
  const [service, setService] = useState<string | undefined>(w.serviceCodes[0]);
  const current = items.find((t) => t.windowNumber === w.number && (t.status === 'called' || t.status === 'serving'));
  const waiting = items.filter((t) => t.status === 'waiting' && w.serviceCodes.includes(t.serviceCode)).length;

  const refresh = () => queryClient.invalidateQueries({ queryKey: hallKeys.queue(hallId) });
  const act = useMutation({
    mutationFn: async (action: Action) => {
      if (action === 'call-next') return hallsApi.callNext(hallId, w.number);
      if (!current) throw new Error('当前没有叫到的号');
      return hallsApi.ticketAction(hallId, current.id, action);
    },
    onSuccess: (r, action) => {
      refresh();
      if (action === 'call-next' && !r.ticket) message.info((r as { message?: string }).message ?? '当前没有等候的号');
    },
    onError: (err) => {
      refresh();
      message.error(reason(err));
    },
  });
  const issue = useMutation({
    mutationFn: (priority: boolean) => hallsApi.issueTicket(hallId, service!, priority),
    onSuccess: (r) => {
      refresh();
      message.success({ content: `已取号 ${r.ticket.label}（${r.ticket.serviceName}）`, duration: 6 });
    },
    onError: (err) => message.error(reason(err)),
  });
  const busy = act.isPending;

  return (
    <Card size="small" title={`叫号 · ${w.number} 号窗口（${w.name}）`} className="desk-card">
      <div className="desk-ticket" data-testid="current-ticket">
        {current ? (
          <>
            <div className="desk-ticket__label">{current.label}</div>
            <div className="desk-ticket__meta">
              <Tag color={current.status === 'serving' ? 'green' : 'red'}>{TICKET_STATUS[current.status]}</Tag>
              <Tag>{LANE_TEXT[current.lane]}</Tag>
              {serviceNames.get(current.serviceCode) ?? current.serviceCode}
              {current.status === 'called' && current.callCount > 1 ? ` · 已叫 ${current.callCount} 次` : ''}
            </div>
          </>
        ) : (
          <div className="desk-ticket__idle">本窗口暂无在办的号</div>
        )}
        <div className="desk-ticket__waiting">本窗口可办事项等候 {waiting} 人</div>
      </div>
      <Space wrap className="desk-actions">
        <Button
          type="primary"
          size="large"
          loading={busy && act.variables === 'call-next'}
          disabled={busy}
          onClick={() => act.mutate('call-next')}
          data-testid="call-next"
        >
          叫下一位
        </Button>
        <Button
          size="large"
          disabled={busy || current?.status !== 'called'}
          onClick={() => act.mutate('recall')}
          data-testid="recall"
        >
          重呼
        </Button>
        <Button
          size="large"
          disabled={busy || current?.status !== 'called'}
          onClick={() => act.mutate('serve')}
          data-testid="serve"
        >
          开始办理
        </Button>
        <Button size="large" disabled={busy || !current} onClick={() => act.mutate('done')} data-testid="done">
          办结
        </Button>
        <Button
          size="large"
          danger
          disabled={busy || current?.status !== 'called'}
          onClick={() => act.mutate('skip')}
          data-testid="skip"
        >
          过号
        </Button>
      </Space>
      <div className="desk-issue">
        <span>现场取号：</span>
        <Select
          value={service}
          onChange={setService}
          style={{ minWidth: 180 }}
          options={w.serviceCodes.map((c) => ({ value: c, label: serviceNames.get(c) ?? c }))}
          placeholder="选择事项"
        />
        <Button
          disabled={!service}
          loading={issue.isPending && issue.variables === false}
          onClick={() => issue.mutate(false)}
          data-testid="issue-normal"
        >
          普通号
        </Button>
        <Button
          disabled={!service}
          loading={issue.isPending && issue.variables === true}
          onClick={() => issue.mutate(true)}
          data-testid="issue-priority"
        >
          优先号
        </Button>
      </div>
    </Card>
  );
}
