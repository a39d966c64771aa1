import type { Clock } from '../../platform/clock';
import { Op, type Transaction } from 'sequelize';
import type { NoticeModels } from './index';
import type { TemplateRegistry } from './templates';

/**
 * Consents to subscribe messages. Each 允许 the citizen taps in requestSubscribeMessage
 * allows exactly one send of that template; a send spends one, in the transaction of the
 * notice, so two notices never spend the same consent.
 */
export function makeConsents({ Consent }: NoticeModels, templates: TemplateRegistry, clock: Clock) {
  return {
    /** Records what requestSubscribeMessage answered: `{templateId: 'accept' | 'reject' | …}`. */
    async record(userId: number, results: Record<string, string>) {
      const accepted = Object.entries(results)
        .filter(([, r]) => r === 'accept')
        .map(([id]) => id);
      for (const templateId of accepted) {
        const [row, created] = await Consent.findOrCreate({
          where: { user_id: userId, template_id: templateId },
          defaults: { user_id: userId, template_id: templateId, remaining: 1, updated_at: clock.date() },
        });
        if (!created)
          await Consent.increment('remaining', { by: 1, where: { user_id: userId, template_id: templateId } });
        void row;
      }
      return this.left(userId);
    },
    async left(userId: number) {
      const rows = await Consent.findAll({ where: { user_id: userId, remaining: { [Op.gt]: 0 } } });
      return { consents: Object.fromEntries(rows.map((r) => [r.template_id, r.remaining])) };
    },
    /** One consent spent, or false when none is left. */
    async spend(userId: number, templateId: string, transaction?: Transaction): Promise<boolean> {
      const [affected] = await Consent.update(
        { remaining: Consent.sequelize!.literal('remaining - 1') as unknown as number, updated_at: clock.date() },
        { where: { user_id: userId, template_id: templateId, remaining: { [Op.gt]: 0 } }, transaction },
      );
      return affected > 0;
    },
    /** The subscribe-message template ids a page may ask consent for, by notice key. */
    templateIdsFor(keys: string[]): Record<string, string> {
      const out: Record<string, string> = {};
      for (const k of keys)
        if (templates.has(k)) {
          const id = templates.get(k).mini?.templateId;
          if (id) out[k] = id;
        }
      return out;
    },
  };
}

export type Consents = ReturnType<typeof makeConsents>;
