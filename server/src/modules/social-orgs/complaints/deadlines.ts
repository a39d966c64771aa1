import type { ComplaintStatus } from '../models';

const DAY_MS = 86400_000;

/**
 * How long a complaint may wait, after the 信访工作条例 (2022): whether it is accepted is decided
 * within 15 days of its filing (第三十一条), and an accepted one is answered within 60 days of
 * its acceptance (第三十五条). Answered and rejected ones wait for nobody.
 */
export const ACCEPT_WITHIN_DAYS = 15;
export const ANSWER_WITHIN_DAYS = 60;

export interface ComplaintDeadline {
  /** What is awaited: 受理 (accept or reject) or 答复. */
  awaiting: '受理' | '答复';
  dueAt: string;
  overdue: boolean;
}

/** The deadline a complaint in `status` is held to now, or null once it is closed. */
export function complaintDeadline(
  status: ComplaintStatus,
  filedAt: Date,
  acceptedAt: Date | null,
  now: number,
): ComplaintDeadline | null {
  const due = (from: Date, days: number) => from.getTime() + days * DAY_MS;
  let dueMs: number;
  let awaiting: ComplaintDeadline['awaiting'];
  if (status === 'submitted') {
    dueMs = due(filedAt, ACCEPT_WITHIN_DAYS);
    awaiting = '受理';
  } else if (status === 'accepted') {
    dueMs = due(acceptedAt ?? filedAt, ANSWER_WITHIN_DAYS);
    awaiting = '答复';
  } else return null;
  return { awaiting, dueAt: new Date(dueMs).toISOString(), overdue: now > dueMs };
}
