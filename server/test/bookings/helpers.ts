import request from 'supertest';
import type { TestServer } from '../../../test/support/server';

/**
 * The first day after today the booking calendar shows as open (seats left, before cut-off).
 * Today is left out: early in a Beijing morning today can still be open for booking while its
 * first period's cancellation deadline has passed, and stories cancel what they book.
 */
export async function nextOpenDate(url: string, hallId: number, serviceCode: string, skip = 0): Promise<string> {
  const { body } = await request(url)
    .get('/api/bookings/availability')
    .query({ hallId, serviceCode, days: 40 })
    .expect(200);
  const today = body.days[0]?.date;
  const open = body.days.filter((d: { status: string; date: string }) => d.status === 'open' && d.date !== today);
  if (open.length <= skip) throw new Error(`no open day for ${serviceCode} at hall ${hallId}`);
  return open[skip].date;
}

/**
 * A period starting a few minutes from the server's now and running to the end of its (Beijing)
 * day. Minutes before midnight there is no such period: the server's clock is moved to just past
 * midnight first, so the story runs whatever the hour.
 */
export function periodLaterToday(server: TestServer, capacity: number) {
  const { clock } = server.app.platform;
  if (clock.beijing().minutes + 3 > 23 * 60 + 50) clock.advance((24 * 60 - clock.beijing().minutes + 1) * 60_000);
  const start = clock.beijing().minutes + 3;
  const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
  return { key: 'today', start: hhmm(start), end: '23:59', capacity };
}

/** The server's Beijing date (its clock may have been moved). */
export const today = (server: TestServer) => server.app.platform.clock.today();

export async function messages(url: string, auth: Record<string, string>) {
  const { body } = await request(url).get('/api/messages').set(auth).expect(200);
  return body.items as Array<{ title: string; body: string; kind: string }>;
}
