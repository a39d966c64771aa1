import { createHash } from 'node:crypto';
import type { CheckAnswer, CheckRequest, HouseholdCheckAdapter, PersonRecords, RegistryStatus } from './contract';

/**
 * The check centre in development and tests, as the WeChat simulator stands in for WeChat.
 * It answers from the ID number's 顺序码 (digits 15–17), so a tester can make any household:
 *   999 → deceased, 998 → no such person in the 户籍 registry;
 *   7xx → owns a car worth 80,000 元; 8xx → wages of 3,000 元 a month through social insurance;
 *   6xx → 200,000 元 in deposits; 5xx → legal representative of a business; 4xx → owns a home of 90 m²;
 *   anything else → alive, nothing on record.
 * Requests are kept in memory and complete when first fetched (the real centre takes days:
 * callers must poll, never assume).
 */
export function createCheckSimulator(now: () => Date = () => new Date()): HouseholdCheckAdapter {
  const requests = new Map<string, CheckRequest>();
  const registry = (idNumber: string): RegistryStatus => {
    const seq = idNumber.slice(14, 17);
    if (seq === '999') return 'deceased';
    if (seq === '998') return 'not_found';
    return 'alive';
  };
  const recordsOf = (idNumber: string): PersonRecords => {
    const first = idNumber[14];
    return {
      idNumber,
      registry: registry(idNumber),
      wagesMonthlyCents: first === '8' ? 300_000 : 0,
      pensionMonthlyCents: 0,
      depositsCents: first === '6' ? 20_000_000 : 0,
      houses: first === '4' ? [{ areaSqm: 90 }] : [],
      vehicles: first === '7' ? [{ valueCents: 8_000_000 }] : [],
      businesses: first === '5' ? [{ name: '某某商贸有限公司' }] : [],
    };
  };
  return {
    async verifyPersons(idNumbers) {
      return idNumbers.map((idNumber) => ({ idNumber, registry: registry(idNumber) }));
    },
    async submit(request) {
      const requestId = `SIM-${createHash('sha256').update(`${request.reference}:${requests.size}`).digest('hex').slice(0, 16)}`;
      requests.set(requestId, request);
      return { requestId };
    },
    async fetch(requestId): Promise<CheckAnswer> {
      const request = requests.get(requestId);
      // A restarted simulator has forgotten the request: the real centre would keep it, so answer as pending.
      if (!request) return { requestId, reference: '', status: 'pending' };
      return {
        requestId,
        reference: request.reference,
        status: 'completed',
        agencies: ['公安', '人社', '不动产登记', '交管', '市场监管', '银行', '证券'],
        completedAt: now().toISOString(),
        persons: request.members.map((member) => recordsOf(member.idNumber)),
      };
    },
  };
}
