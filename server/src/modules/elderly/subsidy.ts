import { CARE_LEVEL_NAMES, type CareLevel, ELDERLY_CASE_TYPES, pageLink } from '@minzheng/contracts';
import type { Platform } from '../../platform/platform';
import type { CasesApi } from '../cases';
import { divisions } from '../divisions';
import { type IdentityApi, maskName } from '../identity';
import type { NoticesApi } from '../notices';
import { ageOn } from './allowance';
import { PROGRESS_TEMPLATE } from './case-types';
import { levelNotEligibleError, realNameRequiredError, subsidyOpenError, unknownDivisionError } from './errors';
import type { ElderlyModels } from './models';
import type { SubsidyBody } from './schemas';

interface Deps {
  p: Platform;
  models: ElderlyModels;
  cases: CasesApi;
  identity: IdentityApi;
  notices: NoticesApi;
  /** The level an assessment recorded for a person (by ID hash), which the application then takes. */
  assessedLevel(hash: string): Promise<CareLevel | null>;
}

/**
 * 养老服务补贴 for an assessed capability level (轻度失能 and below): an ordinary application,
 * accepted by the 乡镇 and approved by the county. One application in progress per person.
 */
export function makeSubsidy({ p, models, cases, identity, notices, assessedLevel }: Deps) {
  return async function apply(userId: number, body: SubsidyBody) {
    const me = await identity.realNameOf(userId);
    if (!me) throw realNameRequiredError();
    const hash = p.pii.hash(me.idNumber);
    // A level recorded by a 能力评估 is the one that counts; without one, the declared level.
    const careLevel = (await assessedLevel(hash)) ?? body.careLevel;
    if (careLevel === 'intact') throw levelNotEligibleError();
    if (!divisions.get(body.divisionCode.slice(0, 6))) throw unknownDivisionError();
    const mine = await models.Claim.findAll({ where: { id_number_hash: hash, kind: 'service-subsidy' } });
    if (mine.length) {
      const open = await cases.find({
        types: [ELDERLY_CASE_TYPES.serviceSubsidy],
        ids: mine.map((c) => c.case_id),
        statuses: ['open', 'active', 'suspended'],
      });
      if (open.length) throw subsidyOpenError(open[0].number);
    }
    const who = maskName(me.name);
    const age = ageOn(me.idNumber, p.clock.today());
    return p.db.transaction(async (transaction) => {
      const opened = await cases.open(
        {
          type: ELDERLY_CASE_TYPES.serviceSubsidy,
          applicantUserId: userId,
          divisionCode: body.divisionCode,
          title: `${who}（${CARE_LEVEL_NAMES[careLevel]}）养老服务补贴`,
          acting: { kind: 'citizen', userId, displayName: who },
          record: { careLevel, assessed: careLevel !== body.careLevel, reason: body.reason },
        },
        { transaction },
      );
      await models.Claim.create(
        {
          kind: 'service-subsidy',
          user_id: userId,
          id_number_hash: hash,
          live_key: null,
          case_id: opened.id,
          division_code: body.divisionCode,
          age,
          care_level: careLevel,
          monthly_cents: null,
          reason: body.reason,
          created_at: p.clock.date(),
        },
        { transaction },
      );
      await notices.notify(
        { userId },
        PROGRESS_TEMPLATE,
        { service: '养老服务补贴', number: opened.number, step: '受理', action: '申请已提交', note: '' },
        pageLink('elderlyAllowance', { number: opened.number }),
        { transaction },
      );
      await p.audit.record(
        {
          actor: { type: 'citizen', id: userId },
          action: 'elderly.service_subsidy.apply',
          target: { type: 'case', id: opened.number },
          detail: { careLevel },
        },
        transaction,
      );
      return { number: opened.number, caseId: opened.id };
    });
  };
}
