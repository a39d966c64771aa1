import { circleRows, latRow, lngColumn } from '../../platform/geo';

/**
 * The grid cell a place's point falls in, for searches near a point (the grid of platform/geo:
 * 0.01° rows and columns), numbered row by row from the south pole and the antimeridian
 * (`row * GRID_COLUMNS + column`), so the cells of one row that a circle touches are one range of
 * numbers. A search near a point reads, row by row, only the cells its circle touches — one index
 * range per row. Stored in `elderly_places.grid_cell` (indexed with the search's filters).
 */
export const GRID_COLUMNS = 36_001;
const cellNumber = (row: number, column: number) => (row + 9_000) * GRID_COLUMNS + column + 18_000;

/** The cell of a point. */
export const gridCell = (lat: number, lng: number) => cellNumber(latRow(lat), lngColumn(lng));

/**
 * The ranges of cell numbers (one per row, inclusive) covering every point with
 * `(Δlat·k)² + (Δlng·kLng)² ≤ radius²` (platform/geo circleRows).
 */
export const cellRanges = (lat: number, lng: number, radiusM: number, k: number, kLng: number): [number, number][] =>
  circleRows(lat, lng, radiusM, k, kLng).map(({ row, minLng, maxLng }) => [
    cellNumber(row, lngColumn(minLng)),
    cellNumber(row, lngColumn(maxLng)),
  ]);
