import { addMonths, beijingDateAt } from '../../platform/clock';

/**
 * The decisions that change what a 低保/特困 case pays: 'pay' starts or changes the amount,
 * 'stop' ends payment. Each takes effect from the month after the day it is made (低保金
 * 自批准的次月起发放; a change or suspension in a month applies to the next month's list).
 */
export const PAYING_ACTIONS: Record<string, 'pay' | 'stop'> = {
  grant: 'pay',
  adjust: 'pay',
  resume: 'pay',
  suspend: 'stop',
  terminate: 'stop',
};

/** The month ('YYYY-MM') a decision made on Beijing day `today` takes effect. */
export const monthAfter = (today: string) => addMonths(today, 1).slice(0, 7);

export const termFromMonth = (instantMs: number) => monthAfter(beijingDateAt(instantMs));
