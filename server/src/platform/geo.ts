/**
 * Geometry of the searches near a point (养老服务 places, 志愿服务 activities): the 0.01° grid a
 * point falls in, the rows of that grid a circle touches (each with the longitudes it spans
 * there: one index range per row), a bounding box and the great-circle distance.
 *
 * The grid: rows of 0.01° of latitude and columns of 0.01° of longitude (about 1.1 km × 0.85 km
 * in Beijing), numbered from the equator and the prime meridian (`floor(deg / 0.01)`, exact for
 * stored decimals: 39.91 is in row 3991, whatever the binary rounding of 39.91 × 100). A module
 * stores what it indexes: the row alone (volunteer `lat_band`) or row and column as one number
 * (elderly `grid_cell`).
 */
export const CELL_DEG = 0.01;
/** Metres per degree of latitude the flat (equirectangular) measures use by default. */
export const M_PER_DEG = 111_320;
const EARTH_M = 6_371_000;
const RAD = Math.PI / 180;

/** The grid row of a latitude (0.01° bands counted from the equator). */
export const latRow = (lat: number) => Math.floor(Math.round(lat * 1e7) / 1e5);
/** The grid column of a longitude (0.01° counted from the prime meridian). */
export const lngColumn = (lng: number) => Math.floor(Math.round(lng * 1e7) / 1e5);

/** Metres per degree of longitude at a latitude (never below 1 % of a degree of latitude's). */
export const metresPerDegLng = (lat: number, mPerDeg = M_PER_DEG) => mPerDeg * Math.max(Math.cos(lat * RAD), 0.01);

/** Great-circle distance in metres (haversine; the Earth as a sphere of 6,371 km), not rounded. */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = (b.lat - a.lat) * RAD;
  const dLng = (b.lng - a.lng) * RAD;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * RAD) * Math.cos(b.lat * RAD) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** The latitude/longitude box holding every point within `radiusM` of a point (flat measure). */
export function boundingBox(lat: number, lng: number, radiusM: number, mPerDeg = M_PER_DEG) {
  const dLat = radiusM / mPerDeg;
  const dLng = radiusM / metresPerDegLng(lat, mPerDeg);
  return { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng };
}

/** One grid row a circle touches and the longitudes the circle spans in it. */
export interface RowSpan {
  row: number;
  minLng: number;
  maxLng: number;
}

/**
 * The grid rows covering every point with `(Δlat·k)² + (Δlng·kLng)² ≤ radius²` — a circle as a
 * search's SQL measures it (`k` metres per degree of latitude, `kLng` per degree of longitude at
 * the centre) — each with the longitudes the circle spans within the row. Rows and spans are
 * widened by a hair so a point on an edge is never missed by rounding.
 */
export function circleRows(
  lat: number,
  lng: number,
  radiusM: number,
  k = M_PER_DEG,
  kLng = metresPerDegLng(lat, k),
): RowSpan[] {
  const dLat = radiusM / k;
  const fuzz = 1e-7;
  const rows: RowSpan[] = [];
  for (let row = latRow(lat - dLat - fuzz); row <= latRow(lat + dLat + fuzz); row++) {
    const lo = row * CELL_DEG - fuzz;
    const hi = (row + 1) * CELL_DEG + fuzz;
    const dy = lat >= lo && lat <= hi ? 0 : Math.min(Math.abs(lo - lat), Math.abs(hi - lat)) * k;
    if (dy > radiusM) continue;
    const half = Math.sqrt(radiusM * radiusM - dy * dy) / kLng + fuzz;
    rows.push({ row, minLng: lng - half, maxLng: lng + half });
  }
  return rows;
}
