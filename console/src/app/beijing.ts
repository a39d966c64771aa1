/**
 * Civil-affairs days are Beijing days, whatever the browser's time zone: the server counts and
 * answers by them (a console on a UTC machine between 00:00 and 08:00 Beijing would otherwise
 * ask for yesterday and miss today's bookings).
 */
export const beijingToday = (now = Date.now()) => new Date(now + 8 * 3600_000).toISOString().slice(0, 10);

/** An instant as Beijing wall time, e.g. 2026/12/7 09:05:00. */
export const beijingTime = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';
