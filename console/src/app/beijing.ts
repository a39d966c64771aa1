/**
 * Civil-affairs days are Beijing days, whatever the browser's time zone: the server counts and
 * answers by them (a console on a UTC machine between 00:00 and 08:00 Beijing would otherwise
 * ask for yesterday and miss today's bookings).
 *
 * "Now" is the server's: an office computer's clock may be minutes or days off, and a console
 * that asked for the wrong day would show 暂无数据 where there is data. The server tells its time
 * at sign-in and with every who-am-I; until then the browser's clock stands in.
 */
let serverOffsetMs = 0;

/** Remember how far the server's clock is from this computer's (ISO instant from the server). */
export function setServerNow(iso: string | undefined) {
  const at = iso ? Date.parse(iso) : Number.NaN;
  if (Number.isFinite(at)) serverOffsetMs = at - Date.now();
}

/** Now, by the server's clock, in milliseconds. */
export const serverNow = () => Date.now() + serverOffsetMs;

export const beijingToday = (now = serverNow()) => new Date(now + 8 * 3600_000).toISOString().slice(0, 10);

/** An instant as Beijing wall time, e.g. 2026/12/7 09:05:00. */
export const beijingTime = (iso: string | null | undefined) =>
  iso ? new Date(iso).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false }) : '—';
