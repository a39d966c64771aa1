import type { OutboxRow } from '../models';

/**
 * Why a notice did not reach its citizen, as GOV.UK Notify sorts it:
 * - `permanent`: the recipient cannot get it — they do not follow the account, refused or
 *   blocked its messages, or the openid is not theirs; sending again will not help;
 * - `temporary`: WeChat took it but could not deliver it this time (its delivery report says so);
 * - `technical`: the fault is ours or WeChat's service — a template or data WeChat refuses,
 *   credentials, or WeChat unavailable through every retry.
 */
export type FailureClass = 'technical' | 'temporary' | 'permanent';
export const FAILURE_CLASSES: readonly FailureClass[] = ['technical', 'temporary', 'permanent'];

/** What became of one send attempt of one claimed row. */
export type Outcome =
  | { row: OutboxRow; kind: 'sent'; msgid: string | null }
  | { row: OutboxRow; kind: 'retry'; at: Date; reason: string }
  | { row: OutboxRow; kind: 'failed'; reason: string; failure: FailureClass; unfollowed?: boolean };
