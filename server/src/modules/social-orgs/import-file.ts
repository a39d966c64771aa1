import ExcelJS from 'exceljs';
import { badRequest } from '../../platform/errors';

/**
 * Reads an uploaded register extract — CSV (UTF-8, RFC 4180) or XLSX (first sheet) — into
 * rows of text cells, the first row being the header. XLSX is read with exceljs: pure JS,
 * already a dependency of the server, and it writes XLSX too (the tests build files with it).
 */
export async function readTable(data: Buffer): Promise<string[][]> {
  const isZip = data.length > 4 && data.readUInt32LE(0) === 0x04034b50;
  return isZip ? readXlsx(data) : readCsv(data);
}

function readCsv(data: Buffer): string[][] {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw badRequest('UNSUPPORTED_FILE', '文件应为 UTF-8 编码的 CSV 或 XLSX 表格');
  }
  text = text.replace(/^\uFEFF/, '');
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"' && cell === '') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else cell += c;
  }
  if (quoted) throw badRequest('UNSUPPORTED_FILE', 'CSV 文件格式不正确：引号未闭合');
  if (cell !== '' || row.length) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

async function readXlsx(data: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    throw badRequest('UNSUPPORTED_FILE', 'XLSX 文件无法读取，请另存为 Excel 工作簿后重试');
  }
  const sheet = wb.worksheets[0];
  if (!sheet) return [];
  const rows: string[][] = [];
  sheet.eachRow({ includeEmpty: true }, (r) => {
    const cells: string[] = [];
    for (let i = 1; i <= sheet.columnCount; i++) cells.push(cellText(r.getCell(i).value));
    rows.push(cells);
  });
  return rows.filter((r) => r.some((c) => c.trim() !== ''));
}

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v) return String(v.text);
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    return '';
  }
  return String(v);
}
