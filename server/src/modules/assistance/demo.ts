import type { StaffPrincipal } from '../../platform/context';
import type { AssistanceApi } from './index';

/**
 * Demo local standards for `npm start` (北京市: 城市低保 1,245 元/人·月 as published in 2022-03,
 * services.md §1; deposits up to 24 months of the standard per person — a local rule, here
 * illustrative). Set once: a standard staff have changed is left alone.
 */
const DEMO_STANDARDS = [{ prefix: '1101', monthlyCents: 124_500, depositMonths: 24, effectiveFrom: '2022-03-01' }];

export async function seedAssistanceDemo(api: AssistanceApi, system: StaffPrincipal) {
  const existing = new Set((await api.standards.list()).items.map((s) => s.divisionPrefix));
  for (const s of DEMO_STANDARDS) {
    if (existing.has(s.prefix)) continue;
    await api.standards.set(system, s.prefix, s);
  }
}
