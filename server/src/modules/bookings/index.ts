import { Op } from 'sequelize';
import type { Platform } from '../../platform/platform';
import type { CatalogueApi } from '../catalogue';
import type { HallsApi } from '../halls';
import type { IdentityApi } from '../identity';
import type { NoticesApi } from '../notices';
import type { QueueApi } from '../queue';
import type { StatsApi } from '../stats';
import { makeBook } from './book';
import type { BookingDeps } from './deps';
import { makeNames } from './names';
import { configView, makeDesk } from './desk';
import { makeDivorce } from './divorce';
import { makeBookingDependents } from './identity-dependents';
import { makeLifecycle } from './lifecycle';
import { defineBookingModels } from './models';
import { makeRush } from './rush';
import { bookingRoutes } from './routes';
import { noShowRuleText, rulesText, TWO_PARTY } from './rules';
import { makeSlots } from './slots';
import { registerBookingTemplates } from './templates';
import { createVenueRegistry, makeVenueBookings } from './venues';

/** This module's routes for the OpenAPI document (/api/openapi.json). */
export { apiDocs } from './api-docs';

/** This module's migrations, for the migrator (the app assembly hands them over: src/migrations.ts). */
export { migrations } from './migrations';

export type BookingModels = ReturnType<typeof defineBookingModels>;
export { coolingOff } from './divorce';
export { drawOrder, DRAW_RULE } from './rush';
export type { VenueProvider, VenueSlotInput } from './venues';
export type { BookingRow, Period, SlotRow } from './models';

interface Deps {
  halls: HallsApi;
  catalogue: CatalogueApi;
  identity: IdentityApi;
  notices: NoticesApi;
  queue: QueueApi;
  stats: StatsApi;
}

function makeBookingsApi(p: Platform, deps: Deps) {
  const models = defineBookingModels(p.db);
  const slots = makeSlots(models, deps.halls, p.clock, p.cache);
  const venues = createVenueRegistry();
  const bookingDeps: BookingDeps = {
    p,
    models,
    slots,
    ...deps,
    names: makeNames(deps.halls, deps.catalogue, venues),
    venues,
  };
  const book = makeBook(bookingDeps);
  const divorce = makeDivorce(bookingDeps);
  const lifecycle = makeLifecycle(bookingDeps, book.banUntil, divorce);
  const rush = makeRush(bookingDeps, book);
  const desk = makeDesk(bookingDeps, divorce);
  return {
    models,
    slots,
    book,
    lifecycle,
    divorce,
    rush,
    desk,
    /**
     * For other modules: a service booked at their own places (an assessment organization), on
     * these slots, seats, holds and 我的预约. `register` names the places and owns cancellation.
     */
    venues: { register: venues.register, ...makeVenueBookings(bookingDeps) },
    /** For the staff citizen look-up: the halls where this citizen has (or had) a booking, as either party. */
    async placesOf(userId: number) {
      const rows = await models.Booking.findAll({
        where: {
          [Op.or]: [{ user_id: userId }, { partner_user_id: userId }],
          ...venues.notVenue(),
        },
        attributes: ['hall_id'],
        group: ['hall_id'],
        raw: true,
      });
      return deps.halls.places(rows.map((r) => r.hall_id));
    },
    /** Told before booking: the settings, the rules (incl. the no-show consequence), two parties or one. */
    async options(hallId: number, serviceCode: string) {
      await deps.halls.activeHall(hallId);
      const c = await slots.requireConfig(hallId, serviceCode);
      const twoParty = TWO_PARTY.has(serviceCode);
      const { name } = await bookingDeps.names.service(serviceCode);
      return {
        hallId,
        serviceCode,
        serviceName: name,
        twoParty,
        config: configView(c),
        rules: rulesText(c, twoParty),
        noShowRule: noShowRuleText(c),
      };
    },
  };
}

export type BookingsApi = ReturnType<typeof makeBookingsApi>;

/** 预约: slots with capacity, marriage and divorce rules, fair draws for rush dates, the hall's desk. */
export function createBookings(p: Platform, deps: Deps) {
  const api = makeBookingsApi(p, deps);
  registerBookingTemplates(deps.notices);
  deps.identity.dependents.register(makeBookingDependents(api.models));
  // Jobs are idempotent sweeps: running one twice, or on two workers, changes nothing more.
  p.jobs.define('bookings.lapse-invitations', async () => {
    await api.lifecycle.lapseExpired();
  });
  p.jobs.define('bookings.remind-tomorrow', async () => {
    await api.lifecycle.remindTomorrow();
  });
  p.jobs.define('bookings.divorce-cases', async () => {
    await api.divorce.advance();
  });
  p.jobs.define('bookings.draw-rush-days', async () => {
    await api.rush.drawDue();
  });
  const schedule = async () => {
    await p.jobs.every('bookings.lapse-invitations', 60_000);
    await p.jobs.every('bookings.draw-rush-days', 60_000);
    await p.jobs.every('bookings.remind-tomorrow', 15 * 60_000);
    await p.jobs.every('bookings.divorce-cases', 15 * 60_000);
  };
  return { api, router: bookingRoutes(p, api), schedule };
}
