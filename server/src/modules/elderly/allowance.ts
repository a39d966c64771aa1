import { type AgeAllowanceOffer, ELDERLY_CASE_TYPES, pageLink } from '@minzheng/contracts';
import { Op, UniqueConstraintError } from 'sequelize';
import type { StaffPrincipal } from '../../platform/context';
import { notFound } from '../../platform/errors';
import type { Platform } from '../../platform/platform';
import type { CasesApi } from '../cases';
import { divisions } from '../divisions';
import { type IdentityApi, maskName } from '../identity';
import type { NoticesApi } from '../notices';
import { PROGRESS_TEMPLATE } from './case-types';
import { alreadyClaimedError, realNameRequiredError, underAgeError, unknownDivisionError } from './errors';
import type { AllowanceTier, ElderlyModels } from './models';

/** Where no region has set its own rule: 80 and over (amounts unknown until the region sets them). */
export const DEFAULT_MIN_AGE = 80;

/** Age in whole years on `today` (YYYY-MM-DD) from the birth date inside an 18-digit ID number. */
export function ageOn(idNumber: string, today: string): number {
  const birth = `${idNumber.slice(6, 10)}-${idNumber.slice(10, 12)}-${idNumber.slice(12, 14)}`;
  let age = Number(today.slice(0, 4)) - Number(birth.slice(0, 4));
  if (today.slice(5) < birth.slice(5)) age--;
  return age;
}

interface Deps {
  p: Platform;
  models: ElderlyModels;
  cases: CasesApi;
  identity: IdentityApi;
  notices: NoticesApi;
}

/**
 * 高龄津贴, 免申即享: the age comes from the citizen's bound ID, the region from its 户籍 code
 * (a region's own ages and amounts are rows: the longest prefix wins); an eligible citizen
 * confirms with one tap and a case opens for the county to review. One live claim per person.
 */
export function makeAllowance({ p, models, cases, identity, notices }: Deps) {
  async function ruleFor(code: string): Promise<{ prefix: string; tiers: AllowanceTier[] } | null> {
    const prefixes = [code.slice(0, 6), code.slice(0, 4), code.slice(0, 2)];
    const rows = await models.AllowanceRule.findAll({ where: { prefix: { [Op.in]: prefixes } } });
    const best = rows.sort((a, b) => b.prefix.length - a.prefix.length)[0];
    return best ? { prefix: best.prefix, tiers: [...best.tiers].sort((a, b) => a.minAge - b.minAge) } : null;
  }

  function regionName(code: string) {
    return divisions.fullName(code.slice(0, 6)) || '当地';
  }

  async function assess(userId: number) {
    const me = await identity.realNameOf(userId);
    if (!me) return { me: null, offer: null } as const;
    const hash = p.pii.hash(me.idNumber);
    const age = ageOn(me.idNumber, p.clock.today());
    const rule = await ruleFor(me.idNumber);
    const minAge = rule?.tiers[0].minAge ?? DEFAULT_MIN_AGE;
    const tier = rule?.tiers.filter((t) => age >= t.minAge).pop();
    const live = await models.Claim.findOne({ where: { live_key: `age-allowance:${hash}` } });
    const caseRef = live ? await cases.get(live.case_id) : null;
    return { me, hash, age, minAge, monthlyCents: tier?.monthlyCents ?? null, caseRef, live } as const;
  }

  async function offer(userId: number): Promise<AgeAllowanceOffer> {
    const a = await assess(userId);
    if (!a.me)
      return {
        status: 'no_identity',
        age: null,
        minAge: DEFAULT_MIN_AGE,
        monthlyCents: null,
        regionName: '',
        caseNumber: null,
        message: '完成实名认证后，系统将根据身份证信息自动判断您是否可以领取高龄津贴',
      };
    const region = regionName(a.me.idNumber);
    const base = { age: a.age, minAge: a.minAge, monthlyCents: a.monthlyCents, regionName: region };
    if (a.caseRef)
      return {
        ...base,
        status: 'claimed',
        caseNumber: a.caseRef.number,
        message: `您已确认领取高龄津贴（办件编号${a.caseRef.number}）`,
      };
    if (a.age < a.minAge)
      return {
        ...base,
        status: 'underage',
        caseNumber: null,
        message: `${region}高龄津贴面向年满${a.minAge}周岁的老年人，您目前${a.age}周岁`,
      };
    const amount = a.monthlyCents !== null ? `每月${(a.monthlyCents / 100).toFixed(0)}元` : '金额按当地标准';
    return {
      ...base,
      status: 'eligible',
      caseNumber: null,
      message: `您已年满${a.minAge}周岁，可领取${region}高龄津贴（${amount}），确认后由民政部门审核发放，无需提交材料`,
    };
  }

  async function confirm(userId: number, residence?: string) {
    const a = await assess(userId);
    if (!a.me) throw realNameRequiredError();
    if (a.caseRef) throw alreadyClaimedError(a.caseRef.number);
    if (a.age < a.minAge) throw underAgeError(a.age, a.minAge);
    if (residence && !divisions.get(residence.slice(0, 6))) throw unknownDivisionError();
    const divisionCode = residence ?? a.me.idNumber.slice(0, 6);
    const who = maskName(a.me.name);
    try {
      return await p.db.transaction(async (transaction) => {
        const opened = await cases.open(
          {
            type: ELDERLY_CASE_TYPES.ageAllowance,
            applicantUserId: userId,
            divisionCode,
            title: `${who}（${a.age}周岁）高龄津贴`,
            acting: { kind: 'citizen', userId, displayName: who },
            record: { age: a.age, monthlyCents: a.monthlyCents },
          },
          { transaction },
        );
        await models.Claim.create(
          {
            kind: 'age-allowance',
            user_id: userId,
            id_number_hash: a.hash,
            live_key: `age-allowance:${a.hash}`,
            case_id: opened.id,
            division_code: divisionCode,
            age: a.age,
            care_level: null,
            monthly_cents: a.monthlyCents,
            reason: null,
            created_at: p.clock.date(),
          },
          { transaction },
        );
        await notices.notify(
          { userId },
          PROGRESS_TEMPLATE,
          { service: '高龄津贴', number: opened.number, step: '县级审核', action: '已确认领取', note: '' },
          pageLink('elderlyAllowance', { number: opened.number }),
          { transaction },
        );
        await p.audit.record(
          {
            actor: { type: 'citizen', id: userId },
            action: 'elderly.age_allowance.confirm',
            target: { type: 'case', id: opened.number },
            detail: { age: a.age, monthlyCents: a.monthlyCents },
          },
          transaction,
        );
        return { number: opened.number, caseId: opened.id };
      });
    } catch (e) {
      // Two taps at once: the second finds the first's claim.
      if (e instanceof UniqueConstraintError) {
        const again = await assess(userId);
        if (again.caseRef) throw alreadyClaimedError(again.caseRef.number);
      }
      throw e;
    }
  }

  async function listRules() {
    const rows = await models.AllowanceRule.findAll({ order: [['prefix', 'ASC']] });
    return {
      defaultMinAge: DEFAULT_MIN_AGE,
      items: rows.map((r) => ({ prefix: r.prefix, regionName: regionName(r.prefix.padEnd(6, '0')), tiers: r.tiers })),
    };
  }

  async function setRule(staff: StaffPrincipal, prefix: string, tiers: AllowanceTier[]) {
    // A region's rule is set by staff whose scope holds the whole region.
    if (!staff.roles.includes('admin') && !staff.scope.divisions.some((d) => prefix.startsWith(d)))
      throw notFound('未找到该地区');
    const sorted = [...tiers].sort((a, b) => a.minAge - b.minAge);
    await p.db.transaction(async (transaction) => {
      const row = await models.AllowanceRule.findByPk(prefix, { transaction });
      if (row) await row.update({ tiers: sorted, updated_at: p.clock.date() }, { transaction });
      else await models.AllowanceRule.create({ prefix, tiers: sorted, updated_at: p.clock.date() }, { transaction });
      await p.audit.record(
        {
          actor: { type: 'staff', id: staff.id },
          action: 'elderly.age_allowance.rule',
          target: { type: 'region', id: prefix },
          detail: { before: row ? row.tiers : null, after: sorted },
        },
        transaction,
      );
    });
    return { prefix, tiers: sorted };
  }

  return { offer, confirm, listRules, setRule, ruleFor };
}
