import type { AreaKey } from '../constants/areas'
import { asciiToBase64 } from '../utils/base64'

/**
 * Line icons drawn for this app (24×24, white strokes, shown on a coloured tile).
 * Kept as SVG text so that no network or image file is needed; turned into data URIs for <Image>.
 */
const BODIES: Record<AreaKey | 'search' | 'phone' | 'shield' | 'user' | 'bell', string> = {
  elderly:
    '<circle cx="10" cy="4" r="2.2"/><path d="M10 7.5c-1.2 2-1.2 4 0 6M10 13.5l-2.2 7.5M10 13.5l2.6 7.5M10 9.5l4.5 2.5"/><path d="M14.5 12v9"/>',
  assistance: '<path d="M23 12a11 11 0 0 0-22 0z"/><path d="M12 12v7a3 3 0 0 1-6 0"/>',
  'social-orgs':
    '<circle cx="18" cy="5" r="3"/><circle cx="6" cy="12" r="3"/><circle cx="18" cy="19" r="3"/><path d="M8.6 13.5l6.8 4M15.4 6.5l-6.8 4"/>',
  'social-work':
    '<path d="M17 21v-2a4 4 0 0 0-4-4H5a4 4 0 0 0-4 4v2"/><circle cx="9" cy="7" r="4"/><path d="M23 21v-2a4 4 0 0 0-3-3.9M16 3.1a4 4 0 0 1 0 7.8"/>',
  volunteer:
    '<path d="M20.8 4.6a5.5 5.5 0 0 0-7.8 0L12 5.7l-1-1.1a5.5 5.5 0 0 0-7.8 7.8l1 1.1L12 21.2l7.8-7.8 1-1.1a5.5 5.5 0 0 0 0-7.7z"/>',
  'family-search':
    '<circle cx="11" cy="11" r="8"/><path d="M21 21l-4.3-4.3"/><circle cx="11" cy="9" r="2"/><path d="M7.5 14.5a4 4 0 0 1 7 0"/>',
  community: '<path d="M3 9l9-7 9 7v11a2 2 0 0 1-2 2H5a2 2 0 0 1-2-2z"/><path d="M9 22V12h6v10"/>',
  marriage: '<circle cx="9" cy="14" r="6"/><circle cx="15" cy="14" r="6"/><path d="M10 5l2-3 2 3-2 2z"/>',
  funeral:
    '<circle cx="12" cy="8" r="2"/><circle cx="12" cy="4" r="2"/><circle cx="16" cy="8" r="2"/><circle cx="12" cy="12" r="2"/><circle cx="8" cy="8" r="2"/><path d="M12 14v8M12 19c-2.5 0-4-1.5-4-3 2.5 0 4 1.5 4 3z"/>',
  divisions: '<path d="M21 10c0 7-9 13-9 13S3 17 3 10a9 9 0 0 1 18 0z"/><circle cx="12" cy="10" r="3"/>',
  search: '<circle cx="11" cy="11" r="8"/><path d="M21 21l-4.3-4.3"/>',
  phone:
    '<path d="M22 16.9v3a2 2 0 0 1-2.2 2 19.8 19.8 0 0 1-8.6-3.1 19.5 19.5 0 0 1-6-6A19.8 19.8 0 0 1 2.1 4.2 2 2 0 0 1 4.1 2h3a2 2 0 0 1 2 1.7c.1 1 .4 1.9.7 2.8a2 2 0 0 1-.5 2.1L8 9.9a16 16 0 0 0 6 6l1.3-1.3a2 2 0 0 1 2.1-.4c.9.3 1.8.6 2.8.7a2 2 0 0 1 1.7 2z"/>',
  shield: '<path d="M12 22s8-4 8-10V5l-8-3-8 3v7c0 6 8 10 8 10z"/><path d="M9 12l2 2 4-4"/>',
  bell: '<path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9"/><path d="M13.7 21a2 2 0 0 1-3.4 0"/>',
  user: '<path d="M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2"/><circle cx="12" cy="7" r="4"/>'
}

export type IconName = keyof typeof BODIES

export function iconSvg(name: IconName, color = '#ffffff'): string {
  return (
    '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 24 24" fill="none" ' +
    `stroke="${color}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">` +
    BODIES[name] +
    '</svg>'
  )
}

const cache = new Map<string, string>()

/** `data:image/svg+xml;base64,…` of an icon, for <Image src>. */
export function iconDataUri(name: IconName, color = '#ffffff'): string {
  const key = `${name}|${color}`
  let uri = cache.get(key)
  if (!uri) {
    uri = `data:image/svg+xml;base64,${asciiToBase64(iconSvg(name, color))}`
    cache.set(key, uri)
  }
  return uri
}
