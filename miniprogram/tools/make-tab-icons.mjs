// Draws the tab bar icons (81×81 PNG, as WeChat requires for tabBar) with headless Chromium.
// Run once after changing an icon: node tools/make-tab-icons.mjs  (PNGs are committed).
import { chromium } from 'playwright-core'
import { fileURLToPath } from 'node:url'
import path from 'node:path'

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), '../src/assets/tab')
const ICONS = {
  home: '<path d="M3 10.5l9-7.5 9 7.5V20a1.5 1.5 0 0 1-1.5 1.5H15v-6H9v6H4.5A1.5 1.5 0 0 1 3 20z"/>',
  services:
    '<rect x="3" y="3" width="7.5" height="7.5" rx="2"/><rect x="13.5" y="3" width="7.5" height="7.5" rx="2"/><rect x="3" y="13.5" width="7.5" height="7.5" rx="2"/><rect x="13.5" y="13.5" width="7.5" height="7.5" rx="2"/>',
  messages: '<path d="M18 8a6 6 0 0 0-12 0c0 7-3 9-3 9h18s-3-2-3-9"/><path d="M13.7 21a2 2 0 0 1-3.4 0"/>',
  mine: '<path d="M20 21v-2a4 4 0 0 0-4-4H8a4 4 0 0 0-4 4v2"/><circle cx="12" cy="7" r="4"/>'
}
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync'
  ]
})
const page = await browser.newPage({ viewport: { width: 81, height: 81 } })
for (const [name, body] of Object.entries(ICONS)) {
  for (const [suffix, color, fill] of [
    ['', '#8a919f', 'none'],
    ['-active', '#1677ff', '#d6e6ff']
  ]) {
    const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="-1 -1 26 26" fill="${fill}" stroke="${color}" stroke-width="1.8" stroke-linecap="round" stroke-linejoin="round">${body}</svg>`
    await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`)
    await page.screenshot({ path: path.join(out, `${name}${suffix}.png`), omitBackground: true })
  }
}
await browser.close()
console.log('tab icons written to', out)
