/**
 * The grid a place's point falls in, for searches near a point: cells of 0.01° of latitude by
 * 0.01° of longitude (about 1.1 km × 0.85 km in Beijing), numbered row by row
 * (`row * GRID_COLUMNS + column`), so the cells of one row that a circle touches are one range of
 * numbers. A search near a point reads, row by row, only the cells its circle touches — one index
 * range per row — instead of the whole band of latitude the `(lat, lng)` index narrowed to.
 * Stored in `elderly_places.grid_cell` (indexed with the search's filters).
 */
const CELL_DEG = 0.01;
export const GRID_COLUMNS = 36_001;

const gridRow = (lat: number) => Math.floor((lat + 90) / CELL_DEG);
const gridColumn = (lng: number) => Math.floor((lng + 180) / CELL_DEG);

/** The cell of a point. */
export const gridCell = (lat: number, lng: number) => gridRow(lat) * GRID_COLUMNS + gridColumn(lng);

/**
 * The ranges of cell numbers (one per row, inclusive) covering every point with
 * `(Δlat·k)² + (Δlng·kLng)² ≤ radius²` — the circle as the search's SQL measures it
 * (equirectangular: `k` metres per degree of latitude, `kLng` per degree of longitude at the
 * centre). Rows are widened by a hair so a point on a row's edge is never missed by rounding.
 */
export function cellRanges(lat: number, lng: number, radiusM: number, k: number, kLng: number): [number, number][] {
  const dLat = radiusM / k;
  const fuzz = 1e-7;
  const ranges: [number, number][] = [];
  for (let row = gridRow(lat - dLat); row <= gridRow(lat + dLat); row++) {
    const lo = row * CELL_DEG - 90 - fuzz;
    const hi = (row + 1) * CELL_DEG - 90 + fuzz;
    const dy = lat >= lo && lat <= hi ? 0 : Math.min(Math.abs(lo - lat), Math.abs(hi - lat)) * k;
    if (dy > radiusM) continue;
    const half = Math.sqrt(radiusM * radiusM - dy * dy) / kLng + fuzz;
    ranges.push([row * GRID_COLUMNS + gridColumn(lng - half), row * GRID_COLUMNS + gridColumn(lng + half)]);
  }
  return ranges;
}
