import { notFound } from '../../platform/errors';

/** Finds a hall's division by its id; the halls module provides it (it is created after this one). */
export type HallLookup = (hallId: number) => Promise<{ id: number; divisionCode: string } | null>;

/**
 * The halls the public account's QR codes and audiences name. A hall's division decides whose
 * scope a hall QR code or a broadcast to the hall's followers falls in.
 */
export function makeHallPlaces() {
  let lookup: HallLookup = async () => null;
  return {
    use(fn: HallLookup) {
      lookup = fn;
    },
    /** The hall (404 when there is none). */
    async hall(hallId: number) {
      const hall = await lookup(hallId);
      if (!hall) throw notFound('未找到该服务大厅');
      return hall;
    },
  };
}

export type HallPlaces = ReturnType<typeof makeHallPlaces>;
