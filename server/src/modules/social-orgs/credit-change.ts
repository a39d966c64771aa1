import type { Transaction } from 'sequelize';
import type { Platform } from '../../platform/platform';
import type { NoticesApi } from '../notices';
import { CREDIT_STATUS_NAMES, deriveCreditStatus } from './credit';
import type { SocialOrgModels } from './models';
import { toEntryFacts } from './views';
import { pageLink } from '@minzheng/contracts';

export interface CreditChange {
  entryId: number;
  kind: 'listed' | 'delisted' | 'auto_exit' | 'escalate';
  cause: string;
  date: string;
  actor: { type: 'staff' | 'system'; id?: number };
  asOf: string;
}

export const CREDIT_NOTICE = 'social-orgs.credit-changed';

/**
 * After any change to an organization's list entries: derive its status again, record the
 * transition with its cause (even when the status stays), audit it, and tell the citizens
 * who follow the organization when the status did change. All inside the caller's
 * transaction, so the record, the notice and the change exist together or not at all.
 */
export function makeRecordCreditChange(p: Platform, m: SocialOrgModels, notices: NoticesApi) {
  return async function recordCreditChange(orgId: number, change: CreditChange, transaction: Transaction) {
    const org = (await m.Org.findByPk(orgId, { transaction }))!;
    const entries = await m.CreditEntry.findAll({ where: { org_id: orgId }, transaction });
    const from = org.credit_status;
    const to = deriveCreditStatus(entries.map(toEntryFacts), change.asOf);
    const actor = change.actor.type === 'staff' ? `staff:${change.actor.id}` : 'system';
    await m.Transition.create(
      {
        org_id: orgId,
        entry_id: change.entryId,
        kind: change.kind,
        from_status: from,
        to_status: to,
        cause: change.cause,
        effective_date: change.date,
        actor,
      },
      { transaction },
    );
    await p.audit.record(
      {
        actor: change.actor,
        action: `social_org.credit.${change.kind}`,
        target: { type: 'social_org', id: org.uscc },
        detail: { entryId: change.entryId, from, to, cause: change.cause, date: change.date },
      },
      transaction,
    );
    if (from === to) return { from, to };
    await org.update({ credit_status: to }, { transaction });
    const followers = await m.Follow.findAll({ where: { org_id: orgId }, transaction });
    for (const f of followers) {
      await notices.notify(
        { userId: f.user_id },
        CREDIT_NOTICE,
        {
          orgName: org.name,
          from: CREDIT_STATUS_NAMES[from],
          to: CREDIT_STATUS_NAMES[to],
          cause: change.cause,
          date: change.date,
        },
        pageLink('orgDetail', { uscc: org.uscc }),
        { transaction },
      );
    }
    return { from, to };
  };
}

export type RecordCreditChange = ReturnType<typeof makeRecordCreditChange>;
