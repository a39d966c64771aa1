import { randomInt } from 'node:crypto';
import { UniqueConstraintError } from 'sequelize';
import type { Platform } from '../../platform/platform';
import type { CatalogueApi } from '../catalogue';
import type { HallsApi } from '../halls';
import type { IdentityApi } from '../identity';
import type { NoticesApi } from '../notices';
import type { QueueApi } from '../queue';
import type { BookingModels } from './index';
import { createMemo } from '../../platform/cache';
import type { BookingRow } from './models';
import type { Slots } from './slots';

/** What every bookings use case works with. */
export interface BookingDeps {
  p: Platform;
  models: BookingModels;
  slots: Slots;
  halls: HallsApi;
  catalogue: CatalogueApi;
  identity: IdentityApi;
  notices: NoticesApi;
  queue: QueueApi;
  names: ReturnType<typeof makeNames>;
}

// No 0/O, 1/I/L: codes are read aloud at the counter and typed by hand.
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const newCode = () => Array.from({ length: 8 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');

/** Runs `fn` with a fresh code until the code's unique key accepts it. */
export async function withFreshCode<T>(fn: (code: string) => Promise<T>): Promise<T> {
  for (let i = 0; ; i++) {
    try {
      return await fn(newCode());
    } catch (err) {
      if (!(err instanceof CodeTaken) || i >= 4) throw err;
    }
  }
}
export class CodeTaken extends Error {}
export const isUnique = (err: unknown) => err instanceof UniqueConstraintError;

/** Hall and service names, address and materials for messages and views (read often, change rarely). */
export function makeNames(halls: HallsApi, catalogue: CatalogueApi) {
  const hallMemo = createMemo<{ name: string; address: string }>(30_000);
  const serviceMemo = createMemo<{ name: string; materials: string }>(30_000);
  const hall = (id: number) =>
    hallMemo.get(String(id), async () => {
      const h = await halls.activeHall(id).catch(() => null);
      return { name: h?.name ?? '服务大厅', address: h?.address ?? '' };
    });
  const service = (code: string) =>
    serviceMemo.get(code, async () => {
      const item = await catalogue.get(code).catch(() => null);
      return {
        name: item?.name ?? code,
        materials: item
          ? item.materials
              .filter((m) => m.required)
              .map((m) => m.name)
              .join('、')
          : '',
      };
    });
  return {
    hall,
    service,
    async of(b: Pick<BookingRow, 'hall_id' | 'service_code'>) {
      const [h, s] = await Promise.all([hall(b.hall_id), service(b.service_code)]);
      return { hall: h.name, address: h.address, service: s.name, materials: s.materials };
    },
  };
}

export type Names = Awaited<ReturnType<ReturnType<typeof makeNames>['of']>>;

/**
 * The data every booking notice carries. Names are fetched before a transaction starts
 * (SQLite has one connection: a read outside the transaction inside it would wait forever).
 */
export function noticeData(n: Names, b: BookingRow, extra: Record<string, string> = {}) {
  return {
    hall: n.hall,
    service: n.service,
    address: n.address,
    materials: n.materials || '身份证件',
    date: b.date,
    time: `${b.start_time}-${b.end_time}`,
    code: b.code,
    ...extra,
  };
}

export const bookingLink = (code: string) => `/packages/halls/pages/booking/index?code=${code}`;
