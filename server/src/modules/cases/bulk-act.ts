import { Op } from 'sequelize';
import { coversDivision } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { AppError } from '../../platform/errors';
import type { CaseDeps } from './deps';
import { bulkRefusedError, notBulkActionError } from './errors';
import type { Transitions } from './transitions';

export const BULK_LIMIT = 200;

/**
 * Batch approval (批量审批) of cases already reviewed: one action, one opinion, many cases.
 * All or nothing: every case is checked first (found in scope, at a stage where the action is
 * a bulk one, held by this account), and a single refusal names every case that cannot be
 * taken and changes none; then all transitions run in one transaction.
 */
export function makeBulkAct(deps: CaseDeps, transitions: Transitions) {
  const { p, models, types } = deps;
  return async function bulkAct(
    staff: StaffPrincipal,
    input: { caseIds: number[]; action: string; opinion?: string | null },
  ) {
    const ids = [...new Set(input.caseIds)].slice(0, BULK_LIMIT);
    const rows = await models.Case.findAll({ where: { id: { [Op.in]: ids } } });
    const byId = new Map(rows.map((row) => [row.id, row]));
    const refused: Array<{ number: string; reason: string }> = [];
    for (const id of ids) {
      const row = byId.get(id);
      if (!row || !coversDivision(staff, row.division_code)) {
        refused.push({ number: String(id), reason: '未找到该案件' });
        continue;
      }
      const type = types.get(row.type);
      const stage = type.stages[row.stage];
      try {
        const action = transitions.findAction(type, stage, input.action);
        if (!action.bulk) throw notBulkActionError(action.name);
        await transitions.authorize(row, stage, action, { kind: 'staff', staff });
      } catch (err) {
        if (!(err instanceof AppError)) throw err;
        refused.push({ number: row.number, reason: err.message });
      }
    }
    if (refused.length) throw bulkRefusedError(refused);
    const done = await p.db.transaction(async (transaction) => {
      const out = [];
      for (const id of ids) {
        const row = (await models.Case.findByPk(id, { transaction }))!;
        try {
          out.push(
            await transitions.actOn(
              row,
              { caseId: id, action: input.action, acting: { kind: 'staff', staff }, opinion: input.opinion },
              transaction,
            ),
          );
        } catch (err) {
          // The owning module's rules refused one case: the whole batch rolls back, naming it.
          if (err instanceof AppError) throw bulkRefusedError([{ number: row.number, reason: err.message }]);
          throw err;
        }
      }
      return out;
    });
    return { done: done.length, cases: done.map((c) => ({ id: c.id, number: c.number, stage: c.stage })) };
  };
}
