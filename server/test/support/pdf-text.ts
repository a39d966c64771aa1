import { inflateSync } from 'node:zlib';

/**
 * The text of a PDF as a reader would copy it: every content stream's shown strings mapped
 * through the fonts' ToUnicode CMaps. Enough for the PDFs our server writes (pdfkit: hex
 * strings of 2-byte glyph codes, one embedded font); not a general PDF parser.
 */
export function pdfText(pdf: Buffer): { text: string; embeddedFonts: number; toUnicode: number } {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  const re = /<<((?:(?!>>\s*stream).)*?)>>\s*stream\r?\n/gs;
  for (let m = re.exec(raw); m; m = re.exec(raw)) {
    const dict = m[1];
    const start = m.index + m[0].length;
    const lengthMatch = /\/Length (\d+)/.exec(dict);
    const end = lengthMatch ? start + Number(lengthMatch[1]) : raw.indexOf('endstream', start);
    const bytes = pdf.subarray(start, end);
    let body: Buffer = bytes;
    if (/\/FlateDecode/.test(dict)) {
      try {
        body = inflateSync(bytes);
      } catch {
        continue;
      }
    }
    streams.push(body.toString('latin1'));
    re.lastIndex = end;
  }
  const map = new Map<string, string>();
  const hexToText = (hex: string) => Buffer.from(hex, 'hex').swap16().toString('utf16le');
  let toUnicode = 0;
  for (const s of streams) {
    if (!s.includes('begincmap')) continue;
    toUnicode++;
    for (const block of s.matchAll(/beginbfrange([\s\S]*?)endbfrange/g)) {
      for (const r of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>\s*(\[[^\]]*\]|<[0-9a-fA-F]+>)/g)) {
        const lo = Number.parseInt(r[1], 16);
        const hi = Number.parseInt(r[2], 16);
        const width = r[1].length;
        if (r[3].startsWith('[')) {
          const targets = [...r[3].matchAll(/<([0-9a-fA-F]+)>/g)].map((t) => t[1]);
          targets.forEach((t, i) => {
            map.set((lo + i).toString(16).padStart(width, '0').toLowerCase(), hexToText(t));
          });
        } else {
          const base = Number.parseInt(r[3].slice(1, -1), 16);
          for (let c = lo; c <= hi; c++)
            map.set(c.toString(16).padStart(width, '0').toLowerCase(), String.fromCharCode(base + c - lo));
        }
      }
    }
    for (const block of s.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
      for (const r of block[1].matchAll(/<([0-9a-fA-F]+)>\s*<([0-9a-fA-F]+)>/g))
        map.set(r[1].toLowerCase(), hexToText(r[2]));
  }
  const lines: string[] = [];
  for (const s of streams) {
    if (!/\bBT\b/.test(s)) continue;
    for (const block of s.matchAll(/BT([\s\S]*?)ET/g)) {
      let line = '';
      for (const hex of block[1].matchAll(/<([0-9a-fA-F]+)>/g)) {
        const h = hex[1].toLowerCase();
        for (let i = 0; i + 4 <= h.length; i += 4) line += map.get(h.slice(i, i + 4)) ?? '\uFFFD';
      }
      lines.push(line);
    }
  }
  return { text: lines.join('\n'), embeddedFonts: (raw.match(/\/FontFile2/g) ?? []).length, toUnicode };
}
