import type { Transaction } from 'sequelize';
import type { Channel } from '../models';

export type DeliveryStep = 'sent' | 'delivered' | 'failed';
/** Counts `count` sends of a channel reaching `step`, inside the transaction that recorded them. */
export type DeliveryCounter = (t: Transaction, channel: Channel, step: DeliveryStep, count: number) => Promise<void>;

/**
 * Where delivery steps are counted (the statistics' roll-ups). The app assembly plugs the
 * counter in (`notices.useDeliveryCounter`): this module does not know who counts, and a
 * count is written in the same transaction as the status it counts, so it exists if and only
 * if the status does.
 */
export function makeCounting() {
  let counter: DeliveryCounter | null = null;
  return {
    use(c: DeliveryCounter) {
      counter = c;
    },
    async count(t: Transaction, channel: Channel, step: DeliveryStep, n: number) {
      if (counter && n > 0) await counter(t, channel, step, n);
    },
  };
}
export type Counting = ReturnType<typeof makeCounting>;
