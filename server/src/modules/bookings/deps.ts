import type { Platform } from '../../platform/platform';
import type { CatalogueApi } from '../catalogue';
import type { HallsApi } from '../halls';
import type { IdentityApi } from '../identity';
import type { NoticesApi } from '../notices';
import type { QueueApi } from '../queue';
import type { StatsApi } from '../stats';
import type { BookingModels } from './index';
import type { BookingNames } from './names';
import type { Slots } from './slots';
import type { VenueRegistry } from './venues';

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
  stats: StatsApi;
  names: BookingNames;
  venues: VenueRegistry;
}
