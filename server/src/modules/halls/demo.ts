import type { StaffPrincipal } from '../../platform/context';
import type { HallsApi } from './index';

/**
 * Demo halls for `npm start`: two offices with windows and bookable services, created once
 * (a second start finds them and changes nothing). Addresses are illustrative.
 */
const DEMO_HALLS = [
  {
    hall: {
      name: '北京市朝阳区婚姻登记处',
      divisionCode: '110105',
      address: '北京市朝阳区民政服务中心一层',
      latitude: 39.9219,
      longitude: 116.4436,
      phone: '010-12345678',
      hours: [
        ['09:00', '12:00'],
        ['13:30', '17:00'],
      ] as [string, string][],
      closedWeekdays: [],
      active: true,
    },
    windows: [
      { number: '1', name: '结婚登记窗口', serviceCodes: ['MZ-HY-01', 'MZ-HY-03'], priorityLane: false },
      { number: '2', name: '离婚登记窗口', serviceCodes: ['MZ-HY-02', 'MZ-HY-04'], priorityLane: false },
      {
        number: '3',
        name: '老年人、残疾人优先窗口',
        serviceCodes: ['MZ-HY-01', 'MZ-HY-02', 'MZ-HY-03'],
        priorityLane: true,
      },
    ],
    bookable: ['MZ-HY-01', 'MZ-HY-02', 'MZ-HY-03'],
  },
  {
    hall: {
      name: '北京市朝阳区民政综合服务大厅',
      divisionCode: '110105',
      address: '北京市朝阳区民政服务中心二层',
      latitude: 39.9225,
      longitude: 116.4442,
      phone: '010-12345679',
      hours: [
        ['09:00', '12:00'],
        ['13:00', '17:00'],
      ] as [string, string][],
      closedWeekdays: [],
      active: true,
    },
    windows: [
      { number: '1', name: '社会救助窗口', serviceCodes: ['MZ-JZ-01', 'MZ-JZ-02', 'MZ-JZ-03'], priorityLane: false },
      { number: '2', name: '养老服务窗口', serviceCodes: ['MZ-YL-01', 'MZ-YL-02'], priorityLane: true },
      { number: '3', name: '社会组织窗口', serviceCodes: ['MZ-SZ-01', 'MZ-SZ-03'], priorityLane: false },
    ],
    bookable: ['MZ-JZ-01', 'MZ-JZ-02', 'MZ-SZ-01'],
  },
];

/**
 * Creates the demo halls that do not exist yet, with their windows and an entry QR code, and
 * says which services each new hall offers for booking: bookings are not the halls module's to
 * configure (bookings builds on halls, not the other way round), so the demo seed does that.
 */
export async function seedHallsDemo(
  halls: HallsApi,
  system: StaffPrincipal,
): Promise<{ hallId: number; bookableServiceCodes: string[] }[]> {
  const existing = new Set((await halls.manage.list(system)).items.map((h) => h.name));
  const created: { hallId: number; bookableServiceCodes: string[] }[] = [];
  for (const d of DEMO_HALLS) {
    if (existing.has(d.hall.name)) continue;
    const { hall } = await halls.manage.create(system, d.hall);
    await halls.manage.setWindows(system, hall.id, d.windows);
    await halls.entryCodes.create(system, hall.id, {});
    created.push({ hallId: hall.id, bookableServiceCodes: d.bookable });
  }
  return created;
}
