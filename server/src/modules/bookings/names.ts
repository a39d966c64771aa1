import { createMemo } from '../../platform/cache';
import type { CatalogueApi } from '../catalogue';
import type { HallsApi } from '../halls';
import type { BookingRow } from './models';
import type { VenueRegistry } from './venues';

/** Hall and service names, address and materials for messages and views (read often, change rarely). */
export function makeNames(halls: HallsApi, catalogue: CatalogueApi, venues: VenueRegistry) {
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
      // A service booked at another module's place: that module names the place and the service.
      const venue = venues.of(b.service_code);
      if (venue) {
        const place = await venue.describe(b.hall_id).catch(() => ({ name: '', address: '' }));
        return { hall: place.name, address: place.address, service: venue.serviceName, materials: '身份证' };
      }
      const [h, s] = await Promise.all([hall(b.hall_id), service(b.service_code)]);
      return { hall: h.name, address: h.address, service: s.name, materials: s.materials };
    },
  };
}

export type BookingNames = ReturnType<typeof makeNames>;
export type Names = Awaited<ReturnType<BookingNames['of']>>;
