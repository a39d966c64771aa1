import { Op } from 'sequelize';
import type { Platform } from '../../platform/platform';
import { addMonths } from '../../platform/clock';
import { dueTransitions } from './credit';
import type { RecordCreditChange } from './credit-change';
import type { SocialOrgModels } from './models';
import type { OrgCache } from './org-cache';
import { toEntryFacts } from './views';

export const CREDIT_RULES_JOB = 'social-orgs.credit-rules';

/**
 * The daily job: persists the automatic list transitions that have fallen due (6-month exits,
 * 2-year moves to the serious list). Safe to run twice: an entry is closed only while still
 * open, a move creates at most one serious entry per source, and each transition is unique.
 */
export function makeApplyCreditRules(
  p: Platform,
  m: SocialOrgModels,
  recordCreditChange: RecordCreditChange,
  cache: OrgCache,
) {
  return async function applyCreditRules(asOf: string = p.clock.today()) {
    // Nothing falls due before 6 months on the list.
    const candidates = (await m.CreditEntry.findAll({
      attributes: ['org_id'],
      where: { list: 'abnormal', date_out: null, date_in: { [Op.lte]: addMonths(asOf, -6) } },
      group: ['org_id'],
      raw: true,
    })) as unknown as { org_id: number }[];
    let applied = 0;
    for (const { org_id: orgId } of candidates) {
      const uscc = await p.db.transaction(async (transaction) => {
        const entries = await m.CreditEntry.findAll({ where: { org_id: orgId }, transaction });
        let changed = false;
        for (const t of dueTransitions(entries.map(toEntryFacts), asOf)) {
          const [closed] = await m.CreditEntry.update(
            { date_out: t.date, reason_out: t.cause },
            { where: { id: t.entryId, date_out: null }, transaction },
          );
          if (!closed) continue;
          if (t.kind === 'escalate') {
            const source = entries.find((e) => e.id === t.entryId)!;
            await m.CreditEntry.create(
              {
                org_id: orgId,
                list: 'serious',
                reason_category: 'abnormal_2y',
                reason: t.cause,
                decision_no: `自动转入（原${source.decision_no}）`.slice(0, 100),
                authority: source.authority,
                date_in: t.date,
                correction_required: false,
                source_entry_id: source.id,
                created_by: 'system',
              },
              { transaction },
            );
          }
          await recordCreditChange(
            orgId,
            { entryId: t.entryId, kind: t.kind, cause: t.cause, date: t.date, actor: { type: 'system' }, asOf },
            transaction,
          );
          applied++;
          changed = true;
        }
        if (!changed) return null;
        const { uscc } = (await m.Org.findByPk(orgId, { transaction }))!;
        await cache.retire(uscc, transaction);
        return uscc;
      });
      if (uscc) await cache.invalidate();
    }
    return { applied };
  };
}
