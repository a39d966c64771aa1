import { asciiToBase64 } from '../../../utils/base64'

/** Line glyphs used only by this area (24×24 strokes), as data URIs for <Image>. */
const BODIES = {
  news: '<rect x="3" y="4" width="18" height="16" rx="2"/><path d="M7 8h10M7 12h10M7 16h6"/>',
  qr: '<rect x="3" y="3" width="7" height="7"/><rect x="14" y="3" width="7" height="7"/><rect x="3" y="14" width="7" height="7"/><path d="M14 14h3v3h-3zM20 14v1M14 20h1M18 18h3v3"/>',
  complaint: '<path d="M21 15a2 2 0 0 1-2 2H7l-4 4V5a2 2 0 0 1 2-2h14a2 2 0 0 1 2 2z"/><path d="M12 7v4M12 14h.01"/>',
  warning:
    '<path d="M10.3 3.9L1.8 18a2 2 0 0 0 1.7 3h17a2 2 0 0 0 1.7-3L13.7 3.9a2 2 0 0 0-3.4 0z"/><path d="M12 9v4M12 17h.01"/>',
  camera:
    '<path d="M23 19a2 2 0 0 1-2 2H3a2 2 0 0 1-2-2V8a2 2 0 0 1 2-2h4l2-3h6l2 3h4a2 2 0 0 1 2 2z"/><circle cx="12" cy="13" r="4"/>',
  check: '<circle cx="12" cy="12" r="10"/><path d="M8 12l3 3 5-6"/>',
  org: '<path d="M3 21h18M5 21V8l7-5 7 5v13"/><path d="M9 21v-6h6v6M9 11h.01M15 11h.01"/>'
} as const

export type GlyphName = keyof typeof BODIES

const cache = new Map<string, string>()

export function glyph(name: GlyphName, color = '#ffffff'): string {
  const key = `${name}|${color}`
  let uri = cache.get(key)
  if (!uri) {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="48" height="48" viewBox="0 0 24 24" fill="none" ' +
      `stroke="${color}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${BODIES[name]}</svg>`
    uri = `data:image/svg+xml;base64,${asciiToBase64(svg)}`
    cache.set(key, uri)
  }
  return uri
}
