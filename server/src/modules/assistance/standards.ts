import { Op } from 'sequelize';
import { coversDivision } from '../../platform/auth';
import type { StaffPrincipal } from '../../platform/context';
import { notFound } from '../../platform/errors';
import { placeName } from '../cases';
import type { AssistanceDeps } from './deps';
import { noStandardError } from './errors';
import { unableToWork, yuan } from './household';
import type { SelfCheckBody } from './schemas';

/**
 * The local 低保 standard (per city or county, per month: local data, never a constant) and
 * the self-check (自助测算) a family runs before applying: which condition is not met, in plain
 * words, and what to prepare so the first submission is complete.
 */
export function makeStandards(deps: AssistanceDeps) {
  const { p, models } = deps;

  /** The finest standard covering the division: the county's, else the city's. */
  async function standardFor(divisionCode: string) {
    const rows = await models.Standard.findAll({
      where: { division_prefix: { [Op.in]: [divisionCode.slice(0, 6), divisionCode.slice(0, 4)] } },
    });
    const row = rows.sort((a, b) => b.division_prefix.length - a.division_prefix.length)[0];
    if (!row) return null;
    return {
      divisionPrefix: row.division_prefix,
      placeName: placeName(row.division_prefix.padEnd(6, '0')),
      monthlyCents: row.monthly_cents,
      depositMonths: row.deposit_months,
      effectiveFrom: row.effective_from,
    };
  }

  const CHECKLIST = [
    '申请人及家庭成员的身份证、户口簿',
    '家庭经济状况核对授权书（在线签署）',
    '家庭成员收入证明（工资条、退休金、务工收入说明）',
    '残疾证、病历或诊断证明（如有）',
    '银行存款、住房、车辆等财产情况说明',
  ];

  return {
    standardFor,
    async list() {
      const rows = await models.Standard.findAll({ order: [['division_prefix', 'ASC']] });
      return {
        items: rows.map((r) => ({
          divisionPrefix: r.division_prefix,
          placeName: placeName(r.division_prefix.padEnd(6, '0')),
          monthlyCents: r.monthly_cents,
          depositMonths: r.deposit_months,
          effectiveFrom: r.effective_from,
        })),
      };
    },
    async set(
      staff: StaffPrincipal,
      prefix: string,
      input: { monthlyCents: number; depositMonths: number; effectiveFrom: string },
    ) {
      if (!coversDivision(staff, prefix.padEnd(6, '0'))) throw notFound('未找到该地区');
      const now = p.clock.date();
      await p.db.transaction(async (transaction) => {
        const existing = await models.Standard.findOne({ where: { division_prefix: prefix }, transaction });
        const fields = {
          monthly_cents: input.monthlyCents,
          deposit_months: input.depositMonths,
          effective_from: input.effectiveFrom,
          updated_by: staff.id,
          updated_at: now,
        };
        if (existing) await existing.update(fields, { transaction });
        else await models.Standard.create({ division_prefix: prefix, ...fields }, { transaction });
        await p.audit.record(
          {
            actor: { type: 'staff', id: staff.id },
            action: 'assistance.standard.set',
            target: { type: 'division', id: prefix },
            detail: input,
          },
          transaction,
        );
      });
      return standardFor(prefix.padEnd(6, '0'));
    },
    async selfCheck(body: SelfCheckBody) {
      const standard = await standardFor(body.divisionCode);
      if (!standard) throw noStandardError();
      const size = body.members.length;
      const income = body.members.reduce((s, m) => s + m.monthlyIncomeCents, 0);
      const perCapita = Math.floor(income / size);
      const depositLimit = standard.monthlyCents * standard.depositMonths * size;
      const unmet: string[] = [];
      if (perCapita >= standard.monthlyCents)
        unmet.push(
          `家庭月人均收入${yuan(perCapita)}，不低于当地低保标准${yuan(standard.monthlyCents)}（家庭月总收入${yuan(income)}÷${size}人）`,
        );
      if (body.assets.depositsCents > depositLimit)
        unmet.push(
          `存款及有价证券${yuan(body.assets.depositsCents)}，超过${standard.depositMonths}个月低保标准×家庭人口的限额${yuan(depositLimit)}`,
        );
      if (body.assets.vehicles > 0) unmet.push('家庭拥有机动车（残疾人功能性补偿代步车除外）的，一般不符合条件');
      if (body.assets.houses > 1) unmet.push('家庭拥有2套及以上住房的，一般不符合条件');
      if (body.kind === 'tekun' && !body.members.some((m) => unableToWork(m.age, m.disability)))
        unmet.push(
          '特困供养要求无劳动能力：年满60周岁、未满16周岁，或有一至三级智力、精神残疾，一二级肢体残疾，一级视力残疾',
        );
      return {
        standard,
        perCapitaIncomeCents: perCapita,
        depositLimitCents: depositLimit,
        likelyEligible: unmet.length === 0,
        unmet,
        summary: unmet.length
          ? '按您填写的情况，以下条件暂不满足。测算结果仅供参考，最终以调查核对结果为准。'
          : '按您填写的情况，初步符合申请条件，可以提交申请。最终以调查核对结果为准。',
        checklist: CHECKLIST,
      };
    },
  };
}
