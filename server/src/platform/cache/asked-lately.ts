/** Slots of a table by default (a power of two; 4 bytes each, outside the heap). */
const SLOTS = 1 << 16;

/**
 * Whether a key was asked for lately, noting that it now was: for answers kept from their second
 * ask. A kept answer that is never asked again is pushed out of its memo later, after living long
 * enough to be moved to the old generation, where it dies as garbage a major collection must
 * trace; under a stream of keys asked once each (scattered points, first-time prefixes, random
 * pages) keeping every answer costs more than computing it again. A key asked twice — a hot one —
 * is kept.
 *
 * The table holds one 32-bit hash (FNV-1a) of the last key of each slot: a typed array, nothing
 * allocated per key and nothing for the collector to trace. Two keys with one hash only make an
 * answer kept on its first ask.
 */
export function createAskedLately(slots = SLOTS): (key: string) => boolean {
  if (slots & (slots - 1)) throw new Error('slots: a power of two');
  let table: Int32Array | undefined;
  return (key) => {
    table ??= new Int32Array(slots);
    let h = 0x811c9dc5;
    for (let i = 0; i < key.length; i++) h = Math.imul(h ^ key.charCodeAt(i), 0x01000193);
    // 0 marks an empty slot.
    h = h | 0 || 1;
    const slot = ((h >>> 16) ^ h) & (slots - 1);
    if (table[slot] === h) return true;
    table[slot] = h;
    return false;
  };
}
