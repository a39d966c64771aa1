/** Great-circle distance in metres (haversine; the Earth as a sphere of 6,371 km). */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * 6_371_000 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A latitude/longitude box around a point that holds every point within `km` of it. */
export function boxAround(lat: number, lng: number, km: number) {
  const dLat = km / 111.0;
  const dLng = km / (111.32 * Math.max(0.01, Math.cos((lat * Math.PI) / 180)));
  return { minLat: lat - dLat, maxLat: lat + dLat, minLng: lng - dLng, maxLng: lng + dLng };
}

/** An activity's 0.01° latitude band (stored as `lat_band`, indexed with the longitude). */
export const latBand = (lat: number) => Math.floor(Math.round(lat * 1e7) / 1e5);
