import type { Cache } from './types';

/**
 * Seats left of something booked in a rush (a hall's slot, a cemetery's hour), shared by every
 * process (Redis when configured): once the seats are gone, the rest of a rush is refused with
 * one cache round trip and no database work at all, and only about as many people as there are
 * seats enter a transaction. The database still decides (a conditional update): the stock only
 * keeps the losers away from it. It is seeded from the table when missing and lives briefly
 * (`ttlMs`), so a lost update (a process killed mid-booking) heals by itself; it may only
 * overstate the seats (the database then refuses), except for that brief window. The caller's
 * key should name the capacity, so that a capacity change starts a new stock.
 */
export interface SeatStock {
  /**
   * Takes `n` seats before any database work: false when fewer are left (the caller answers
   * 「已约满」). Seats taken here are either booked, or given back with `notTaken`.
   * `seatsInTable` reads the seats left from the source of truth when the stock is missing.
   */
  reserve(key: string, n: number, seatsInTable: () => Promise<number>): Promise<boolean>;
  /** Reserved seats were not booked: back to the stock — or, if the table said full, none left. */
  notTaken(key: string, n: number, tableSaidFull: boolean): Promise<void>;
  /** Booked seats given back later (a cancellation): bookable again at once. */
  released(key: string, n: number): Promise<void>;
}

export function createSeatStock(cache: Cache, prefix: string, ttlMs = 10_000): SeatStock {
  const full = (key: string) => `${prefix}:${key}`;
  // When a stock lapses mid-rush every request in flight finds it missing at once: in this
  // process one of them reads the table and seeds it, the others wait for that one.
  const seeding = new Map<string, Promise<void>>();
  const seed = (k: string, seatsInTable: () => Promise<number>) => {
    let pending = seeding.get(k);
    if (!pending) {
      pending = (async () => {
        await cache.setIfAbsent(k, String(Math.max(0, await seatsInTable())), ttlMs);
      })().finally(() => seeding.delete(k));
      seeding.set(k, pending);
    }
    return pending;
  };
  return {
    async reserve(key, n, seatsInTable) {
      const k = full(key);
      let left = await cache.takeFromStock(k, n);
      if (left === null) {
        await seed(k, seatsInTable);
        left = await cache.takeFromStock(k, n);
      }
      return left !== null && left >= 0;
    },
    async notTaken(key, n, tableSaidFull) {
      if (tableSaidFull) await cache.set(full(key), '0', ttlMs);
      else await cache.returnToStock(full(key), n);
    },
    async released(key, n) {
      await cache.returnToStock(full(key), n);
    },
  };
}
