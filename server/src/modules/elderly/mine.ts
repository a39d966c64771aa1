import { ELDERLY_CASE_TYPE_NAMES, ELDERLY_CASE_TYPES } from '@minzheng/contracts';
import type { CasesApi } from '../cases';

const TYPE_NAMES: Record<string, string> = {
  [ELDERLY_CASE_TYPES.ageAllowance]: ELDERLY_CASE_TYPE_NAMES.ageAllowance,
  [ELDERLY_CASE_TYPES.serviceSubsidy]: ELDERLY_CASE_TYPE_NAMES.serviceSubsidy,
};

/** A citizen's own 高龄津贴 and 养老服务补贴 cases, newest first, with where each one is. */
export function makeMine(cases: CasesApi) {
  const stageNames = () => {
    const names = new Map<string, string>();
    for (const t of cases.describeTypes())
      if (TYPE_NAMES[t.key]) for (const s of t.stages) names.set(`${t.key}/${s.key}`, s.name);
    return names;
  };
  return async function mine(userId: number) {
    const names = stageNames();
    const rows = await cases.find({ types: Object.keys(TYPE_NAMES), applicantUserId: userId, limit: 50 });
    return {
      items: rows.map((c) => ({
        number: c.number,
        type: c.type,
        typeName: TYPE_NAMES[c.type],
        stage: c.stage,
        stageName: names.get(`${c.type}/${c.stage}`) ?? c.stage,
        status: c.status,
        amountCents: c.amountCents,
        dueOn: c.dueOn,
      })),
    };
  };
}
