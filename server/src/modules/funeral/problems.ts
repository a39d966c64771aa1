import type { z } from 'zod';
import type { SocialOrgsApi } from '../social-orgs';
import type { Bills } from './bills';
import type { problemBody } from './schemas';

/**
 * 「账单有问题」: a family reports a problem with a bill (a charge they did not agree to, a price
 * above the list) through the existing complaint flow of social-orgs, through its root — filed
 * as a 违规收费 complaint against the funeral home by name in its county, with the bill number at
 * the start, so it gets the same tracking number, 我的投诉, notices and officers' handling.
 */
export function makeProblems(bills: Bills, socialOrgs: Pick<SocialOrgsApi, 'submitComplaint'>) {
  return async function report(userId: number, billNo: string, input: z.infer<typeof problemBody>) {
    const { place } = await bills.forFamily(userId, billNo);
    const { complaint, replayed } = await socialOrgs.submitComplaint(userId, {
      target: { name: place.name, divisionCode: place.division_code.slice(0, 6) },
      category: 'fees',
      content: `【殡葬收费 账单${billNo}】${input.content}`,
      images: [],
      anonymous: false,
      idempotencyKey: input.idempotencyKey,
    });
    return { complaint, replayed };
  };
}
