import type { Transaction } from 'sequelize';
import type { z } from 'zod';
import type { StaffPrincipal } from '../../platform/context';
import { badRequest, conflict, notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import { addMonths } from '../../platform/clock';
import type { RecordCreditChange } from './credit-change';
import type { ManageOrgs } from './manage-orgs';
import type { SocialOrgModels } from './models';
import type { OrgCache } from './org-cache';
import type { creditEntryBody, inspectionBody, penaltyBody, ratingBody, removalBody } from './schemas';
import {
  CORRECTION_REQUIRED,
  CREDIT_LISTS,
  LIST_REASONS,
  toEntryView,
  toInspectionView,
  toPenaltyView,
  toRatingView,
} from './views';

/**
 * Officers put an organization on a credit list or take it off by decision, and record
 * inspections, penalties and ratings. Entries are appended and closed, never rewritten.
 */
export function makeCreditLists(
  p: Platform,
  m: SocialOrgModels,
  orgs: ManageOrgs,
  recordCreditChange: RecordCreditChange,
  cache: OrgCache,
) {
  const staffActor = (actor: StaffPrincipal) => ({ type: 'staff' as const, id: actor.id });
  const audit = (
    actor: StaffPrincipal,
    action: string,
    uscc: string,
    detail: Record<string, unknown>,
    transaction: Transaction,
  ) =>
    p.audit.record({ actor: staffActor(actor), action, target: { type: 'social_org', id: uscc }, detail }, transaction);

  return {
    async putOnList(actor: StaffPrincipal, uscc: string, input: z.infer<typeof creditEntryBody>) {
      const org = await orgs.findInScope(actor, uscc);
      const today = p.clock.today();
      if (input.dateIn > today) throw badRequest('DATE_IN_FUTURE', '列入日期不能晚于今天');
      const reasons = LIST_REASONS[input.list] as Record<string, string>;
      const correctionRequired =
        input.list === 'abnormal' ? (input.correctionRequired ?? CORRECTION_REQUIRED.has(input.reasonCategory)) : false;
      const result = await p.db.transaction(async (transaction) => {
        const entry = await m.CreditEntry.create(
          {
            org_id: org.id,
            list: input.list,
            reason_category: input.reasonCategory,
            reason: input.reason ?? null,
            decision_no: input.decisionNo,
            authority: input.authority,
            date_in: input.dateIn,
            correction_required: correctionRequired,
            created_by: `staff:${actor.id}`,
          },
          { transaction },
        );
        const cause = `列入${CREDIT_LISTS[input.list]}：${reasons[input.reasonCategory]}（${input.decisionNo}）`;
        const change = await recordCreditChange(
          org.id,
          { entryId: entry.id, kind: 'listed', cause, date: input.dateIn, actor: staffActor(actor), asOf: today },
          transaction,
        );
        await cache.retire(org.uscc, transaction);
        return { entry: toEntryView(entry, null), creditStatus: change.to };
      });
      await cache.invalidate();
      return result;
    },

    async takeOffList(actor: StaffPrincipal, uscc: string, entryId: number, input: z.infer<typeof removalBody>) {
      const org = await orgs.findInScope(actor, uscc);
      const today = p.clock.today();
      const result = await p.db.transaction(async (transaction) => {
        const entry = await m.CreditEntry.findOne({ where: { id: entryId, org_id: org.id }, transaction });
        if (!entry) throw notFound('未找到该名单记录');
        if (entry.date_out) throw conflict('ENTRY_CLOSED', '该记录已移出名单');
        if (input.dateOut < entry.date_in || input.dateOut > today)
          throw badRequest('INVALID_DATE_OUT', '移出日期应在列入日期与今天之间');
        await entry.update(
          { date_out: input.dateOut, reason_out: input.reasonOut, out_decision_no: input.decisionNo ?? null },
          { transaction },
        );
        const cause = `移出${CREDIT_LISTS[entry.list]}：${input.reasonOut}`;
        const change = await recordCreditChange(
          org.id,
          { entryId: entry.id, kind: 'delisted', cause, date: input.dateOut, actor: staffActor(actor), asOf: today },
          transaction,
        );
        await cache.retire(org.uscc, transaction);
        return { entry: toEntryView(entry, entry.date_out), creditStatus: change.to };
      });
      await cache.invalidate();
      return result;
    },

    async addInspection(actor: StaffPrincipal, uscc: string, input: z.infer<typeof inspectionBody>) {
      const org = await orgs.findInScope(actor, uscc);
      if (await m.Inspection.findOne({ where: { org_id: org.id, year: input.year, kind: input.kind } })) {
        throw conflict('INSPECTION_EXISTS', '该年度的记录已存在');
      }
      const row = await p.db.transaction(async (transaction) => {
        const created = await m.Inspection.create(
          { org_id: org.id, year: input.year, kind: input.kind, result: input.result, remark: input.remark ?? null },
          { transaction },
        );
        await audit(
          actor,
          'social_org.inspection.add',
          org.uscc,
          { year: input.year, kind: input.kind, result: input.result },
          transaction,
        );
        await cache.retire(org.uscc, transaction);
        return created;
      });
      await cache.invalidate();
      return { inspection: toInspectionView(row) };
    },

    async addPenalty(actor: StaffPrincipal, uscc: string, input: z.infer<typeof penaltyBody>) {
      const org = await orgs.findInScope(actor, uscc);
      const row = await p.db.transaction(async (transaction) => {
        const created = await m.Penalty.create(
          {
            org_id: org.id,
            decision_no: input.decisionNo,
            authority: input.authority,
            decided_at: input.date,
            kind: input.kind,
            reason: input.reason,
            amount: input.amount ?? null,
          },
          { transaction },
        );
        await audit(actor, 'social_org.penalty.add', org.uscc, { decisionNo: input.decisionNo }, transaction);
        await cache.retire(org.uscc, transaction);
        return created;
      });
      await cache.invalidate();
      return { penalty: toPenaltyView(row) };
    },

    async addRating(actor: StaffPrincipal, uscc: string, input: z.infer<typeof ratingBody>) {
      const org = await orgs.findInScope(actor, uscc);
      // A rating is valid for 5 years unless the decision says otherwise.
      const validTo = input.validTo ?? addMonths(input.validFrom, 60);
      if (validTo < input.validFrom) throw badRequest('INVALID_VALIDITY', '有效期止不能早于有效期起');
      const row = await p.db.transaction(async (transaction) => {
        const created = await m.Rating.create(
          {
            org_id: org.id,
            level: input.level,
            valid_from: input.validFrom,
            valid_to: validTo,
            authority: input.authority,
          },
          { transaction },
        );
        await audit(
          actor,
          'social_org.rating.add',
          org.uscc,
          { level: input.level, validFrom: input.validFrom, validTo },
          transaction,
        );
        await cache.retire(org.uscc, transaction);
        return created;
      });
      await cache.invalidate();
      return { rating: toRatingView(row, p.clock.today()) };
    },
  };
}
