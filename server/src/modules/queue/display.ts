import type { Platform } from '../../platform/platform';
import type { QueueDeps } from './index';
import type { makeTickets } from './tickets';

export const queueChannel = (hallId: number) => `queue:hall:${hallId}`;

export interface CallMessage {
  type: 'call';
  label: string;
  windowNumber: string;
  callCount: number;
}

/**
 * Tells every process that a hall's queue moved (and, for a call or a recall, who is called to
 * which window, for the displays to announce). Best effort: the change is already committed, and
 * a display that missed a message catches up on the next one or when it reconnects.
 */
export async function publishQueueChange(
  p: Platform,
  hallId: number,
  call?: { label: string; windowNumber: string; callCount: number },
) {
  const message = call ? ({ type: 'call', ...call } satisfies CallMessage) : { type: 'change' };
  try {
    await p.events.publish(queueChannel(hallId), message);
  } catch (err) {
    p.logger.warn({ err: (err as Error).message, hallId }, 'queue change not published');
  }
}

/** What the hall's TV shows: each window's current number, the latest calls, who is waiting. */
export function makeDisplay(deps: QueueDeps, tickets: ReturnType<typeof makeTickets>) {
  return {
    async board(hallId: number) {
      const hall = await deps.halls.activeHall(hallId);
      const [windows, board] = await Promise.all([deps.halls.windows(hallId), tickets.board(hallId)]);
      return {
        hall: { id: hall.id, name: hall.name },
        windows: windows.map((w) => {
          const current = board.calling.find((c) => c.windowNumber === w.number);
          return {
            number: w.number,
            name: w.name,
            current: current ? { label: current.label, status: current.status } : null,
          };
        }),
        calling: board.calling,
        services: board.services,
        at: deps.p.clock.date().toISOString(),
      };
    },
  };
}
