/**
 * Reads the first sheet of an XLSX or a UTF-8 CSV in the browser, to show an import before it
 * is sent: no library, the ZIP read through its central directory and inflated with the
 * browser's own DecompressionStream. The server reads the file again and decides.
 */
export interface PreviewTable {
  header: string[];
  rows: string[][];
  /** Rows in the file (the preview may show fewer). */
  total: number;
}

const PREVIEW_ROWS = 200;

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

async function unzip(buf: ArrayBuffer, wanted: (name: string) => boolean): Promise<Map<string, string>> {
  const view = new DataView(buf);
  const bytes = new Uint8Array(buf);
  let eocd = -1;
  for (let i = buf.byteLength - 22; i >= Math.max(0, buf.byteLength - 65_557); i--)
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  if (eocd < 0) throw new Error('不是有效的 Excel（.xlsx）文件');
  const count = view.getUint16(eocd + 10, true);
  let at = view.getUint32(eocd + 16, true);
  const files = new Map<string, string>();
  const utf8 = new TextDecoder();
  for (let n = 0; n < count; n++) {
    if (view.getUint32(at, true) !== 0x02014b50) break;
    const method = view.getUint16(at + 10, true);
    const size = view.getUint32(at + 20, true);
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = utf8.decode(bytes.subarray(at + 46, at + 46 + nameLen));
    at += 46 + nameLen + extraLen + commentLen;
    if (!wanted(name)) continue;
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const raw = bytes.subarray(start, start + size);
    files.set(name, utf8.decode(method === 8 ? await inflate(raw) : raw));
  }
  return files;
}

const unescapeXml = (s: string) =>
  s.replace(/&(lt|gt|quot|apos|amp|#\d+|#x[0-9a-f]+);/gi, (_, e: string) =>
    e[0] === '#'
      ? String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)))
      : ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' } as Record<string, string>)[e.toLowerCase()],
  );
const texts = (xml: string) =>
  [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescapeXml(m[1])).join('');
const column = (ref: string) => [...ref.replace(/\d+/g, '')].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
/** Excel's day number as YYYY-MM-DD (for date columns only). */
const excelDate = (serial: number) => new Date(Date.UTC(1899, 11, 30) + serial * 86400_000).toISOString().slice(0, 10);

async function readXlsx(buf: ArrayBuffer): Promise<string[][]> {
  const files = await unzip(buf, (n) => n === 'xl/sharedStrings.xml' || /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
  const sheetName = [...files.keys()].filter((n) => n.startsWith('xl/worksheets/')).sort()[0];
  if (!sheetName) throw new Error('表格中没有工作表');
  const shared = [...(files.get('xl/sharedStrings.xml') ?? '').matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) =>
    texts(m[1]),
  );
  const rows: string[][] = [];
  for (const row of files.get(sheetName)!.matchAll(/<row[^>]*>([\s\S]*?)<\/row>/g)) {
    const cells: string[] = [];
    for (const c of row[1].matchAll(/<c\s([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
      const attrs = c[1];
      const ref = /r="([A-Z]+\d+)"/.exec(attrs)?.[1];
      const type = /t="(\w+)"/.exec(attrs)?.[1];
      const value = /<v>([\s\S]*?)<\/v>/.exec(c[2] ?? '')?.[1];
      let text = '';
      if (type === 's') text = shared[Number(value)] ?? '';
      else if (type === 'inlineStr') text = texts(c[2] ?? '');
      else if (value !== undefined) text = unescapeXml(value);
      cells[ref ? column(ref) : cells.length] = text;
    }
    rows.push(Array.from(cells, (v) => v ?? ''));
  }
  const header = rows[0] ?? [];
  header.forEach((h, i) => {
    if (!/日期|有效期/.test(h)) return;
    for (const r of rows.slice(1)) if (/^\d+(\.\d+)?$/.test(r[i] ?? '')) r[i] = excelDate(Number(r[i]));
  });
  return rows;
}

function readCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  const s = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < s.length; i++) {
    const ch = s[i];
    if (quoted) {
      if (ch === '"' && s[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && s[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell || row.length) rows.push([...row, cell]);
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

export async function readPreview(file: File): Promise<PreviewTable> {
  const buf = await file.arrayBuffer();
  let rows: string[][];
  if (/\.xlsx$/i.test(file.name)) rows = await readXlsx(buf);
  else if (/\.csv$/i.test(file.name)) {
    try {
      rows = readCsv(new TextDecoder('utf-8', { fatal: true }).decode(buf));
    } catch {
      throw new Error('CSV 文件应为 UTF-8 编码，请在 Excel 中另存为「CSV UTF-8」后重试');
    }
  } else throw new Error('请选择 .xlsx 或 .csv 文件');
  const [header = [], ...body] = rows;
  return { header, rows: body.slice(0, PREVIEW_ROWS), total: body.length };
}
