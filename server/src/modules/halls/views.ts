import type { ServiceSummary } from '../catalogue';
import type { HallRow, WindowRow } from './models';
import { lunchBreak, sessionsText, type HallDay, type OpenNow } from './opening';
import { WEEKDAY_NAMES } from '../../platform/clock';
import { divisions } from '../divisions';

/** 北京市朝阳区, not 北京市北京市朝阳区: municipalities repeat their name as the city level. */
const divisionName = (code: string) =>
  divisions
    .path(code)
    .map((division) => division.name)
    .filter((n, i, all) => n !== all[i - 1])
    .join('');

export const toHallSummary = (h: HallRow, now: OpenNow, distanceKm?: number) => ({
  id: h.id,
  name: h.name,
  divisionCode: h.division_code,
  divisionName: divisionName(h.division_code),
  address: h.address,
  location: h.latitude != null && h.longitude != null ? { latitude: h.latitude, longitude: h.longitude } : null,
  phone: h.phone,
  hoursText: sessionsText(h.hours),
  now,
  ...(distanceKm === undefined ? {} : { distanceKm: Math.round(distanceKm * 10) / 10 }),
});

export function toHallDetail(
  h: HallRow,
  windows: WindowRow[],
  services: Map<string, ServiceSummary>,
  today: HallDay,
  now: OpenNow,
) {
  const codes = [...new Set(windows.filter((w) => w.active).flatMap((w) => w.service_codes))];
  return {
    ...toHallSummary(h, now),
    intro: h.intro,
    hours: { sessions: h.hours, lunchBreak: lunchBreak(h.hours), text: `法定工作日 ${sessionsText(h.hours)}` },
    closedWeekdays: h.closed_weekdays.map((weekday) => WEEKDAY_NAMES[weekday]),
    today: toDayView(today),
    windows: windows
      .filter((w) => w.active)
      .map((w) => ({
        number: w.number,
        name: w.name,
        priorityLane: w.priority_lane,
        services: w.service_codes.map((c) => ({ code: c, name: services.get(c)?.name ?? c })),
      })),
    services: codes.filter((c) => services.has(c)).map((c) => services.get(c)!),
  };
}

export const toDayView = (day: HallDay) => ({
  date: day.date,
  open: day.open,
  sessions: day.sessions,
  kind: day.kind,
  note: day.note,
  ...(day.festival ? { festival: day.festival } : {}),
  published: day.published,
  override: day.override,
});

/** Great-circle distance, for "nearest hall first". */
export function distanceKm(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const x = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 6371 * 2 * Math.asin(Math.sqrt(x));
}
