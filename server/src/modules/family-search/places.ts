import { badRequest } from '../../platform/errors';
import type { DivisionsApi } from '../divisions';

/**
 * A division code a citizen gave (a relative's home, where someone was last seen), checked
 * through the divisions module: a current code is kept; an abolished one is stored as today's
 * successor (「崇文区」→ 东城区); a code that never existed is refused with nothing stored.
 */
export function makePlaceCheck(divisions: DivisionsApi) {
  return async function todaysDivision(code: string, field: string): Promise<string> {
    const view = await divisions.lookup(code);
    if (!view) {
      const message = `行政区划代码 ${code} 不存在：从未设立过这一代码，请重新选择所在地区`;
      throw badRequest('UNKNOWN_DIVISION', message, { [field]: message });
    }
    if (view.status === 'current') return code;
    if (view.successors.length === 1) return view.successors[0].code;
    const names = view.successors.map((s) => s.fullName).join('、');
    const message = names
      ? `${view.fullName}已于${view.abolishedOn}撤销，现分属${names}，请选择其中之一`
      : `${view.fullName}已于${view.abolishedOn}撤销，请选择现在的行政区划`;
    throw badRequest('DIVISION_ABOLISHED', message, { [field]: message });
  };
}

export type PlaceCheck = ReturnType<typeof makePlaceCheck>;
